package io.github.mnistnn.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.DeviceClassifier;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.Padding;
import io.github.mnistnn.Shape;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training and classifying networks with convolutions, pooling, flatten and dropout layers on the backend: one
 * SGD step follows the gradient of central differences through every layer kind, a small CNN learns, dropout
 * layers are reproducible, and the device classifier agrees with the host. Part of {@link BackendContract}.
 */
public abstract class ConvolutionTrainingContract extends BatchNormTrainingContract {
    static Stream<NetworkSpec> convolutionalSpecs() {
        return Stream.of(
                NetworkSpec.builder(Shape.image(6, 6, 2)).conv2d(3, 3, Padding.SAME, Activation.TANH).maxPool2d(2)
                        .conv2d(4, 2, 1, Padding.VALID, Activation.SIGMOID).flatten().dense(3, Activation.SOFTMAX)
                        .initializer(io.github.mnistnn.Initializer.XAVIER).build(),
                NetworkSpec.builder(Shape.image(7, 7, 1)).conv2d(2, 3, 2, Padding.SAME, Activation.TANH)
                        .maxPool2d(3, 1).flatten().dense(5, Activation.TANH).dense(3, Activation.SOFTMAX)
                        .initializer(io.github.mnistnn.Initializer.XAVIER).build());
    }

    /** Random float32-representable images, labelled in turn so every class occurs. */
    static LabeledData images(Shape shape, int count, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[count][shape.size()];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < shape.size(); j++) {
                x[i][j] = (float) random.nextDouble();
            }
            y[i] = i % classes;
        }
        return LabeledData.of(x, y, classes);
    }

    @ParameterizedTest
    @MethodSource("convolutionalSpecs")
    void oneStepFollowsCentralDifferencesThroughConvPoolFlattenAndDense(NetworkSpec spec) {
        LabeledData data = images(spec.inputShape(), 6, 3, 5);
        Network before = Network.initialize(spec, 25);
        Network after = trainer().learningRate(1).batchSize(data.size()).seed(2).build().train(before, data);
        assertStepFollowsCentralDifferences(before, after, network -> meanLoss(network, data), spec);
    }

    @Test
    void aSmallCnnLearnsWhereTheBrightSquareIs() {
        int count = 120;
        SplittableRandom random = new SplittableRandom(8);
        double[][] x = new double[count][64];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = i % 4;
            int top = (y[i] / 2) * 4 + random.nextInt(2);
            int left = (y[i] % 2) * 4 + random.nextInt(2);
            for (int j = 0; j < 64; j++) {
                x[i][j] = 0.2 * random.nextDouble();
            }
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    x[i][(top + r) * 8 + left + c] = 1;
                }
            }
        }
        LabeledData data = LabeledData.of(x, y, 4);
        NetworkSpec spec = NetworkSpec.builder(Shape.image(8, 8, 1)).conv2d(4, 3, Padding.SAME, Activation.RELU)
                .maxPool2d(2).dropout(0.1).flatten().dense(4, Activation.SOFTMAX).build();
        Network network = trainer().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(16).epochs(15).seed(3)
                .build().train(spec, data);
        assertThat(network.evaluate(data).accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void dropoutLayersAreReproducibleAndChangeTheUpdates() {
        Shape in = Shape.image(5, 5, 1);
        LabeledData data = images(in, 12, 2, 4);
        NetworkSpec with = NetworkSpec.builder(in).conv2d(2, 3, Padding.SAME, Activation.TANH).dropout(0.5).flatten()
                .dense(2, Activation.SOFTMAX).build();
        NetworkSpec zero = NetworkSpec.builder(in).conv2d(2, 3, Padding.SAME, Activation.TANH).dropout(0).flatten()
                .dense(2, Activation.SOFTMAX).build();
        NetworkSpec none = NetworkSpec.builder(in).conv2d(2, 3, Padding.SAME, Activation.TANH).flatten()
                .dense(2, Activation.SOFTMAX).build();
        var trainer = trainer().learningRate(0.1).batchSize(4).epochs(2).seed(6).build();
        Network first = trainer.train(with, data);
        Network second = trainer.train(with, data);
        Network plain = trainer.train(none, data);
        assertThat(parameters(first.layers().get(0))).as("same seed").containsExactly(parameters(second.layers().get(0)));
        assertThat(parameters(first.layers().get(0))).as("dropout changes the updates")
                .isNotEqualTo(parameters(plain.layers().get(0)));
        assertThat(parameters(trainer.train(zero, data).layers().get(0))).as("rate 0 is no dropout")
                .containsExactly(parameters(plain.layers().get(0)));
    }

    @Test
    void theDeviceClassifierAgreesWithTheHostOnACnn() {
        NetworkSpec spec = convolutionalSpecs().findFirst().orElseThrow();
        Network network = Network.initialize(spec, 4);
        LabeledData data = images(spec.inputShape(), 40, 3, 9);
        try (DeviceClassifier classifier = DeviceClassifier.on(backend, network)) {
            int[] device = classifier.predictAll(data);
            int[] host = network.predictAll(data);
            int agree = 0;
            for (int i = 0; i < host.length; i++) {
                agree += device[i] == host[i] ? 1 : 0;
            }
            assertThat(agree).isGreaterThanOrEqualTo(host.length - 1);
        }
    }

    @Test
    void refusesUhbOnAConvolutionalNetwork() {
        NetworkSpec spec = convolutionalSpecs().findFirst().orElseThrow();
        LabeledData data = images(spec.inputShape(), 4, 3, 1);
        assertThatThrownBy(() -> trainer().rule(BackpropRule.UHB).build().train(spec, data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UHB")
                .hasMessageContaining("conv2d");
    }

    private static double meanLoss(Network network, LabeledData data) {
        double total = 0;
        double[] x = new double[data.inputWidth()];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, 0);
            total -= Math.log(network.outputs(x)[data.label(i)]);
        }
        return total / data.size();
    }
}
