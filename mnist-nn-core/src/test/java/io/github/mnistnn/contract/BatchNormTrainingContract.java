package io.github.mnistnn.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BatchNormLayer;
import io.github.mnistnn.Conv2dLayer;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.DeviceClassifier;
import io.github.mnistnn.FlattenLayer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Layer;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Padding;
import io.github.mnistnn.Shape;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.ConvGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training networks with batch normalisation on the backend: one SGD step over the whole set follows central
 * differences of the training-mode loss (the batch's own statistics, computed here on the host from
 * {@link BatchNormStep#forward}) through dense, convolution, flatten and batch-normalisation layers, with the
 * normalisation on a vector, after a convolution, and first on the raw image; the running statistics move as
 * the reference says; and prediction (running statistics) agrees with the host. Part of {@link BackendContract}.
 */
public abstract class BatchNormTrainingContract extends InferenceContract {
    static Stream<NetworkSpec> normalisedSpecs() {
        return Stream.of(
                NetworkSpec.builder(7).dense(5, Activation.TANH).batchNorm().dense(3, Activation.SOFTMAX).build(),
                NetworkSpec.builder(Shape.image(5, 5, 2)).conv2d(3, 3, Padding.SAME, Activation.TANH).batchNorm()
                        .flatten().dense(3, Activation.SOFTMAX).build(),
                NetworkSpec.builder(Shape.image(4, 4, 2)).batchNorm(1e-3, 0.5)
                        .conv2d(2, 3, Padding.VALID, Activation.SIGMOID).flatten().dense(3, Activation.SOFTMAX)
                        .build());
    }

    @ParameterizedTest
    @MethodSource("normalisedSpecs")
    void oneStepFollowsCentralDifferencesOfTheTrainingLoss(NetworkSpec spec) {
        LabeledData data = ConvolutionTrainingContract.images(spec.inputShape(), 9, 3, 12);
        Network before = withRandomScales(Network.initialize(spec, 31), new SplittableRandom(5));
        Network after = trainer().learningRate(1).batchSize(data.size()).seed(2).build().train(before, data);
        assertStepFollowsCentralDifferences(before, after, network -> trainingLoss(network, data), spec);
    }

    /**
     * Asserts that the SGD step from {@code before} to {@code after} (learning rate 1) applied, layer by layer, the
     * gradient that central differences of {@code objective} give, within {@link #gradientTolerance()}.
     */
    void assertStepFollowsCentralDifferences(Network before, Network after, ToDoubleFunction<Network> objective,
            NetworkSpec spec) {
        for (int k = 0; k < before.layers().size(); k++) {
            double[] w = parameters(before.layers().get(k));
            if (w.length == 0) {
                continue;
            }
            double[] applied = parameters(after.layers().get(k));
            double[] numerical = new double[w.length];
            double h = 1e-5;
            for (int p = 0; p < w.length; p++) {
                double kept = w[p];
                w[p] = kept + h;
                double up = objective.applyAsDouble(replace(before, k, w));
                w[p] = kept - h;
                double down = objective.applyAsDouble(replace(before, k, w));
                w[p] = kept;
                numerical[p] = (up - down) / (2 * h);
                applied[p] = w[p] - applied[p];
            }
            assertThat(GradientCheck.norm(numerical)).as("layer %d of %s is alive", k + 1, spec).isGreaterThan(1e-5);
            assertThat(GradientCheck.relativeError(applied, numerical))
                    .as("layer %d (%s) of %s", k + 1, before.layers().get(k), spec).isLessThan(gradientTolerance());
        }
    }

    @Test
    void theRunningStatisticsMoveAsTheReferenceSaysAndPredictionUsesThem() {
        // Normalisation first, on the raw image: each epoch's batch (the whole set) has the same statistics.
        NetworkSpec spec = normalisedSpecs().skip(2).findFirst().orElseThrow();
        LabeledData data = ConvolutionTrainingContract.images(spec.inputShape(), 10, 3, 3);
        Network after = trainer().learningRate(0.1).batchSize(data.size()).epochs(2).seed(1).build()
                .train(Network.initialize(spec, 8), data);
        BatchNormLayer norm = (BatchNormLayer) after.layers().get(0);
        int size = spec.inputShape().size();
        double[] x = new double[data.size() * size];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, i * size);
        }
        double[] running = {0, 0, 1, 1};
        for (int epoch = 0; epoch < 2; epoch++) {
            norm.settings().forward(x, x.length / 2, 2, new double[] {1, 1}, new double[2], running, new double[4],
                    new double[x.length], new double[x.length]);
        }
        double[] got = {norm.runningMean()[0], norm.runningMean()[1], norm.runningVariance()[0],
            norm.runningVariance()[1]};
        HostMatrices.assertClose(got, running, valueTolerance() * 100, "running statistics");
        assertThat(running[0]).as("the statistics moved").isGreaterThan(0.2);
        try (DeviceClassifier classifier = DeviceClassifier.on(backend, after)) {
            assertThat(classifier.predictAll(data)).containsExactly(after.predictAll(data));
        }
    }

    /** The network with every batch normalisation's scales and shifts drawn at random, so none is the identity. */
    private static Network withRandomScales(Network network, SplittableRandom random) {
        List<Layer> layers = new ArrayList<>(network.layers());
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) instanceof BatchNormLayer norm) {
                double[] values = new double[2 * norm.features()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (i < norm.features() ? 0.5 + random.nextDouble() : random.nextDouble() - 0.5);
                }
                layers.set(k, withParameters(norm, values));
            }
        }
        return Network.of(layers);
    }

    /**
     * A layer's weights then biases (a batch normalisation's scales then shifts), flat; empty for a layer without
     * parameters.
     *
     * @param layer the layer
     * @return its parameters
     */
    public static double[] parameters(Layer layer) {
        if (layer instanceof DenseLayer dense) {
            return concat(dense.flatWeights(), dense.biases());
        }
        if (layer instanceof Conv2dLayer conv) {
            return concat(conv.flatWeights(), conv.biases());
        }
        if (layer instanceof BatchNormLayer norm) {
            return concat(norm.gamma(), norm.beta());
        }
        return new double[0];
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static BatchNormLayer withParameters(BatchNormLayer norm, double[] values) {
        int c = norm.features();
        return Layer.batchNorm(norm.inputShape(), Arrays.copyOf(values, c), Arrays.copyOfRange(values, c, 2 * c),
                norm.runningMean(), norm.runningVariance(), norm.settings());
    }

    private static Network replace(Network network, int k, double[] values) {
        Layer old = network.layers().get(k);
        Layer layer;
        if (old instanceof BatchNormLayer norm) {
            layer = withParameters(norm, values);
        } else if (old instanceof DenseLayer dense) {
            int in = dense.inputWidth();
            int out = dense.outputWidth();
            double[][] w = new double[in][out];
            for (int i = 0; i < in; i++) {
                System.arraycopy(values, i * out, w[i], 0, out);
            }
            layer = Layer.dense(w, Arrays.copyOfRange(values, in * out, in * out + out), dense.activation());
        } else {
            Conv2dLayer conv = (Conv2dLayer) old;
            int weights = conv.flatWeights().length;
            layer = Layer.conv2d(conv.inputShape(), conv.kernel(), conv.stride(), conv.padding(),
                    Arrays.copyOf(values, weights), Arrays.copyOfRange(values, weights, values.length),
                    conv.activation());
        }
        List<Layer> layers = new ArrayList<>(network.layers());
        layers.set(k, layer);
        return Network.of(layers);
    }

    /** The mean cross-entropy of the whole set as one training batch, on the host. */
    private static double trainingLoss(Network network, LabeledData data) {
        int count = data.size();
        double[][] a = new double[count][];
        for (int i = 0; i < count; i++) {
            a[i] = data.features(i);
        }
        for (Layer layer : network.layers()) {
            if (layer instanceof BatchNormLayer norm) {
                a = normalise(norm, a);
            } else if (!(layer instanceof FlattenLayer)) {
                for (int i = 0; i < count; i++) {
                    a[i] = layer instanceof DenseLayer dense ? dense(dense, a[i]) : convolve((Conv2dLayer) layer, a[i]);
                }
            }
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            total -= Math.log(a[i][data.label(i)]);
        }
        return total / count;
    }

    private static double[] dense(DenseLayer layer, double[] x) {
        double[] n = new double[layer.outputWidth()];
        double[] out = new double[layer.outputWidth()];
        layer.forward(x, n, out);
        return out;
    }

    private static double[] convolve(Conv2dLayer conv, double[] image) {
        ConvGeometry g = conv.geometry();
        double[] cols = new double[g.columnRows(1) * g.columnWidth()];
        g.im2col(image, 1, cols);
        double[] w = conv.flatWeights();
        double[] b = conv.biases();
        int f = conv.filters();
        double[] out = new double[g.positions() * f];
        for (int p = 0; p < g.positions(); p++) {
            for (int j = 0; j < f; j++) {
                double sum = b[j];
                for (int c = 0; c < g.columnWidth(); c++) {
                    sum += cols[p * g.columnWidth() + c] * w[c * f + j];
                }
                out[p * f + j] = conv.activation().value(sum);
            }
        }
        return out;
    }

    private static double[][] normalise(BatchNormLayer norm, double[][] a) {
        int c = norm.features();
        int perSample = a[0].length;
        double[] x = new double[a.length * perSample];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, x, i * perSample, perSample);
        }
        int rows = x.length / c;
        double[] y = new double[x.length];
        double[] running = Arrays.copyOf(norm.runningMean(), 2 * c);
        norm.settings().forward(x, rows, c, norm.gamma(), norm.beta(), running, new double[2 * c],
                new double[x.length], y);
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.copyOfRange(y, i * perSample, (i + 1) * perSample);
        }
        return out;
    }
}
