package io.github.mnistnn.internal.training;

import io.github.mnistnn.BatchNormLayer;
import io.github.mnistnn.Conv2dLayer;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mean of the networks at the end of a run's last epochs
 * ({@link io.github.mnistnn.Trainer.Builder#averageWeightsFrom}): every parameter, and batch normalisation's running statistics, summed in double and divided once; the layers
 * without parameters taken from the last network.
 */
final class WeightAverage {
    private final int from;
    private double[][] sums;
    private Network last;
    private int count;

    WeightAverage(int from) {
        this.from = from;
    }

    /** Whether the network at the end of {@code epoch} is averaged. */
    boolean wants(int epoch) {
        return epoch >= from;
    }

    /** Adds the network at the end of an epoch this average {@link #wants}. */
    void add(Network network) {
        List<Layer> layers = network.layers();
        if (sums == null) {
            sums = new double[layers.size()][];
        }
        for (int k = 0; k < sums.length; k++) {
            double[] values = parameters(layers.get(k));
            if (sums[k] == null) {
                sums[k] = new double[values.length];
            }
            for (int i = 0; i < values.length; i++) {
                sums[k][i] += values[i];
            }
        }
        last = network;
        count++;
    }

    /** How many networks were added. */
    int count() {
        return count;
    }

    /** The mean of the added networks; needs one at least. */
    List<Layer> mean() {
        List<Layer> layers = new ArrayList<>(sums.length);
        for (int k = 0; k < sums.length; k++) {
            double[] mean = sums[k].clone();
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= count;
            }
            layers.add(withParameters(last.layers().get(k), mean));
        }
        return layers;
    }

    /** A layer's parameters in one array: weights then biases; scales, shifts, running means then variances. */
    private static double[] parameters(Layer layer) {
        if (layer instanceof DenseLayer d) {
            return concat(d.flatWeights(), d.biases());
        }
        if (layer instanceof Conv2dLayer c) {
            return concat(c.flatWeights(), c.biases());
        }
        if (layer instanceof BatchNormLayer b) {
            return concat(concat(b.gamma(), b.beta()), concat(b.runningMean(), b.runningVariance()));
        }
        return new double[0];
    }

    private static Layer withParameters(Layer layer, double[] p) {
        if (layer instanceof DenseLayer d) {
            int in = d.inputWidth();
            int out = d.outputWidth();
            double[][] weights = new double[in][];
            for (int i = 0; i < in; i++) {
                weights[i] = Arrays.copyOfRange(p, i * out, (i + 1) * out);
            }
            return Layer.dense(weights, Arrays.copyOfRange(p, in * out, p.length), d.activation());
        }
        if (layer instanceof Conv2dLayer c) {
            int w = p.length - c.filters();
            return Layer.conv2d(c.inputShape(), c.kernel(), c.stride(), c.padding(), Arrays.copyOf(p, w),
                    Arrays.copyOfRange(p, w, p.length), c.activation());
        }
        if (layer instanceof BatchNormLayer b) {
            int f = b.features();
            return Layer.batchNorm(b.inputShape(), Arrays.copyOf(p, f), Arrays.copyOfRange(p, f, 2 * f),
                    Arrays.copyOfRange(p, 2 * f, 3 * f), Arrays.copyOfRange(p, 3 * f, 4 * f), b.settings());
        }
        return layer;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
