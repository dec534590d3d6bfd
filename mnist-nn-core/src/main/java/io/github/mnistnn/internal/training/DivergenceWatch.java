package io.github.mnistnn.internal.training;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BatchNormLayer;
import io.github.mnistnn.Conv2dLayer;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Layer;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Network;
import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.internal.inference.OutputRows;
import io.github.mnistnn.internal.layers.DeviceParameters;

/**
 * Tells a training run that has blown up, while its numbers are still finite, from one that is learning. Two
 * rules, both far from anything a learning run does (see {@link TrainingDivergedException}):
 *
 * <ul>
 *   <li><b>Loss.</b> The mean training loss over every stretch of {@value #WINDOW} samples (the whole data set
 *       when it is smaller; a stretch may run on into the next epoch) must stay at most {@value #LOSS_FACTOR}
 *       times the reference loss: the larger of the loss at chance (every output pre-activation 0, such as
 *       {@code ln classes} for softmax cross-entropy) and the starting network's mean loss on the first
 *       {@value #START_SAMPLES} samples.
 *   <li><b>Weights.</b> At the end of every epoch no weight or bias may be larger in magnitude than
 *       {@value #WEIGHT_BOUND}, or {@value #WEIGHT_GROWTH} times the starting network's largest, if that is more.
 * </ul>
 *
 * <p>The loss rule reads only the metrics the run downloads anyway (three numbers per check); the weights are
 * downloaded once per epoch into one reused array.
 */
public final class DivergenceWatch {
    /** Samples per loss check. */
    static final int WINDOW = 1000;
    /** How far the mean loss of a window may exceed the reference loss. */
    static final double LOSS_FACTOR = 10;
    /** Samples the starting loss is measured on. */
    static final int START_SAMPLES = 32;
    /** The smallest weight bound. */
    static final double WEIGHT_BOUND = 1e6;
    /** How far the largest weight may grow beyond the starting network's largest. */
    static final double WEIGHT_GROWTH = 100;

    private final int window;
    private final int size;
    private final double reference;
    private final double weightBound;
    private final String advice;
    private double windowLoss;
    private long windowSamples;
    private double epochLoss;
    private int epochSamples;

    DivergenceWatch(Network start, Loss loss, LabeledData data, String advice) {
        this.size = data.size();
        this.window = Math.min(WINDOW, size);
        this.reference = Math.max(chanceLoss(start, loss), startingLoss(start, loss, data));
        this.weightBound = Math.max(WEIGHT_BOUND, WEIGHT_GROWTH * largestMagnitude(start));
        this.advice = advice;
    }

    /** The output layer's activation (the output layer of a network is dense). */
    static Activation outputActivation(Network network) {
        return ((DenseLayer) network.layers().get(network.layers().size() - 1)).activation();
    }

    /** The loss of an output that says nothing: every pre-activation 0, the target class 0. */
    private static double chanceLoss(Network network, Loss loss) {
        int classes = network.outputWidth();
        Activation f = outputActivation(network);
        double[] n = new double[classes];
        double[] a = new double[classes];
        double[] y = new double[classes];
        f.forward(n, a, 0, classes);
        y[0] = 1;
        return loss.value(f, n, a, y, 0, classes);
    }

    private static double startingLoss(Network network, Loss loss, LabeledData data) {
        int count = Math.min(START_SAMPLES, data.size());
        OutputRows out = ApiAccess.get().outputRows(network, data, count);
        int classes = out.classes();
        double[] n = new double[classes];
        double[] a = new double[classes];
        double[] y = new double[classes];
        Activation f = outputActivation(network);
        double total = 0;
        for (int r = 0; r < count; r++) {
            System.arraycopy(out.n(), r * classes, n, 0, classes);
            System.arraycopy(out.a(), r * classes, a, 0, classes);
            int label = data.label(r);
            y[label] = 1;
            total += loss.value(f, n, a, y, 0, classes);
            y[label] = 0;
        }
        double mean = total / count;
        return Double.isFinite(mean) ? mean : 0;
    }

    private static double largestMagnitude(Network network) {
        double largest = 0;
        for (Layer layer : network.layers()) {
            if (layer instanceof DenseLayer dense) {
                largest = Math.max(largest, largestMagnitude(ApiAccess.get().sharedWeights(dense), Integer.MAX_VALUE));
                largest = Math.max(largest, largestMagnitude(ApiAccess.get().sharedBiases(dense), Integer.MAX_VALUE));
            } else if (layer instanceof Conv2dLayer || layer instanceof BatchNormLayer) {
                largest = Math.max(largest, largestMagnitude(ApiAccess.get().sharedWeights(layer), Integer.MAX_VALUE));
                largest = Math.max(largest, largestMagnitude(ApiAccess.get().sharedBiases(layer), Integer.MAX_VALUE));
            }
        }
        return largest;
    }

    /** The largest magnitude among the first {@code length} values (NaN if one of them is NaN). */
    static double largestMagnitude(double[] values, int length) {
        double largest = 0;
        for (int i = 0; i < values.length && i < length; i++) {
            largest = Math.max(largest, Math.abs(values[i]));
        }
        return largest;
    }

    /** Starts an epoch: the metrics on the device start again from 0. */
    void startEpoch() {
        epochLoss = 0;
        epochSamples = 0;
    }

    /**
     * Takes the epoch's metrics so far and checks the loss rule once a window is full.
     *
     * @param epoch the epoch, from 1
     * @param samplesDone samples trained in this epoch so far
     * @param lossSum their summed loss, as the device accumulated it
     * @throws TrainingDivergedException if the window's mean loss is past the bound
     */
    void record(int epoch, int samplesDone, double lossSum) {
        windowLoss += lossSum - epochLoss;
        windowSamples += samplesDone - epochSamples;
        epochLoss = lossSum;
        epochSamples = samplesDone;
        if (windowSamples < window) {
            return;
        }
        double mean = windowLoss / windowSamples;
        if (mean > LOSS_FACTOR * reference) {
            throw ApiAccess.get().diverged(epoch, samplesDone, "training diverged in epoch " + epoch
                    + " at sample " + samplesDone + " of " + size + ": the mean loss of the last " + windowSamples
                    + " samples is " + mean + ", more than " + LOSS_FACTOR + " times " + reference
                    + " (the larger of the loss at chance and the starting loss); " + advice);
        }
        windowLoss = 0;
        windowSamples = 0;
    }

    /**
     * Checks the weights rule at the end of an epoch.
     *
     * @param epoch the epoch that ended
     * @param layers the weights on the backend
     * @param scratch an array the size of the largest layer's weights, reused
     * @throws TrainingDivergedException if a weight or bias is past the bound
     */
    void checkWeights(int epoch, DeviceParameters layers, double[] scratch) {
        for (int k = 0; k < layers.depth(); k++) {
            for (int part = 0; part < 2 && layers.hasParameters(k); part++) {
                double largest = largestMagnitude(scratch, layers.download(k, part == 0, scratch));
                if (!Double.isFinite(largest)) {
                    throw ApiAccess.get().diverged(epoch, -1, "training diverged in epoch " + epoch
                            + ": the weights are no longer finite; " + advice);
                }
                if (largest > weightBound) {
                    throw ApiAccess.get().diverged(epoch, -1, "training diverged in epoch " + epoch + ": layer "
                            + (k + 1) + " has a " + (part == 0 ? "weight" : "bias") + " of magnitude " + largest
                            + ", past the bound " + weightBound + " (" + WEIGHT_BOUND + ", or " + WEIGHT_GROWTH
                            + " times the largest starting parameter); " + advice);
                }
            }
        }
    }
}
