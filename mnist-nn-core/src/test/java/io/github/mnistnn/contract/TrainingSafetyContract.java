package io.github.mnistnn.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Activation;
import io.github.mnistnn.DeviceClassifier;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training that must not go on: a run that blows up while its numbers are still finite, and data that is not
 * finite. Part of {@link BackendContract}.
 */
public abstract class TrainingSafetyContract extends TrainingContract {
    private static final NetworkSpec SPEC = NetworkSpec.builder(10).layer(16, Activation.SIGMOID)
            .layer(3, Activation.SOFTMAX).build();

    /** Online (the fused path where the backend has one), online on the primitives, and mini-batches of 10. */
    @ParameterizedTest
    @ValueSource(strings = {"fused", "primitive", "batch"})
    void aLearningRateOfAMillionStopsAtTheFirstCheckWhileTheLossIsFinite(String path) {
        LabeledData data = SeededClusters.of(200, 10, 3, 0.5, 4);
        Trainer trainer = trainer().learningRate(1e6).epochs(5).seed(3).fusedKernels(!path.equals("primitive"))
                .batchSize(path.equals("batch") ? 10 : 1).build();
        assertThatThrownBy(() -> trainer.train(SPEC, data))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(1);
                    assertThat(e.sample()).as("the window is the whole set of 200").isEqualTo(200);
                    assertThat(e.getMessage()).contains("epoch 1", "sample 200 of 200", "mean loss of the last 200",
                            "more than 10.0 times", "learning rate", "1000000.0");
                });
    }

    @Test
    void theLossIsCheckedEveryThousandSamples() {
        LabeledData data = SeededClusters.of(2500, 10, 3, 0.5, 5);
        Trainer trainer = trainer().learningRate(1e6).epochs(2).seed(3).build();
        assertThatThrownBy(() -> trainer.train(SPEC, data))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(1);
                    assertThat(e.sample()).isEqualTo(1000);
                    assertThat(e.getMessage()).contains("sample 1000 of 2500", "mean loss of the last 1000");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10})
    void ordinaryTrainingNeverTripsTheChecks(int batch) {
        LabeledData data = SeededClusters.of(1500, 10, 3, 0.3, 6);
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(), Optimizer.adam()}) {
            double lr = optimizer.kind() == Optimizer.Kind.SGD ? 0.5 : 0.01;
            Network network = trainer().optimizer(optimizer).learningRate(lr).batchSize(batch).epochs(3).seed(8)
                    .build().train(SPEC, data);
            assertThat(network.evaluate(data).accuracy()).as(optimizer.toString()).isGreaterThan(0.9);
        }
    }

    private static LabeledData withValue(LabeledData data, int row, int column, double value) {
        double[][] x = new double[data.size()][];
        int[] y = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            x[i] = data.features(i);
            y[i] = data.label(i);
        }
        x[row][column] = value;
        return LabeledData.of(x, y, data.classCount());
    }

    @Test
    void refusesANonFiniteTrainingInputNamingItsRowAndColumn() {
        LabeledData clean = SeededClusters.of(60, 10, 3, 0.5, 7);
        Trainer trainer = trainer().learningRate(0.1).build();
        assertThatThrownBy(() -> trainer.train(SPEC, withValue(clean, 42, 7, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training input row 42, column 7 is +Infinity");
        assertThatThrownBy(() -> trainer.train(SPEC, withValue(clean, 0, 9, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("training input row 0, column 9 is NaN");
        Trainer validating = trainer().learningRate(0.1).validation(withValue(clean, 59, 0, Double.NEGATIVE_INFINITY))
                .build();
        assertThatThrownBy(() -> validating.train(SPEC, clean)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation input row 59, column 0 is -Infinity");
    }

    @Test
    void refusesALabelOutsideTheOutputsNamingItsRow() {
        LabeledData clean = SeededClusters.of(30, 10, 3, 0.5, 7);
        NetworkSpec two = NetworkSpec.builder(10).layer(2, Activation.SOFTMAX).build();
        // The data declares 3 classes; a network of 2 outputs is refused before any label is read.
        assertThatThrownBy(() -> trainer().build().train(two, clean)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 classes").hasMessageContaining("2 units");
        LabeledData lying = new LabeledData() {
            @Override
            public int size() {
                return clean.size();
            }

            @Override
            public int inputWidth() {
                return clean.inputWidth();
            }

            @Override
            public int classCount() {
                return 3;
            }

            @Override
            public int label(int index) {
                return index == 17 ? 5 : clean.label(index);
            }

            @Override
            public void copyFeatures(int index, double[] dst, int offset) {
                clean.copyFeatures(index, dst, offset);
            }
        };
        assertThatThrownBy(() -> trainer().build().train(SPEC, lying)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training label of row 17 is 5, outside the network's 3 outputs [0, 3)");
        assertThatThrownBy(() -> trainer().validation(lying).build().train(SPEC, clean))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation label of row 17 is 5, outside the network's 3 outputs [0, 3)");
    }

    @Test
    void theDeviceClassifierRefusesANonFiniteInput() {
        LabeledData clean = SeededClusters.of(1200, 10, 3, 0.5, 7);
        try (DeviceClassifier classifier = DeviceClassifier.on(backend, Network.initialize(SPEC, 1))) {
            assertThatThrownBy(() -> classifier.predictAll(withValue(clean, 1100, 3, Double.NaN)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("input row 1100, column 3 is NaN");
            assertThatThrownBy(() -> classifier.evaluate(withValue(clean, 2, 4, Double.POSITIVE_INFINITY)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("input row 2, column 4 is +Infinity");
        }
    }
}
