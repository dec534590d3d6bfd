package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.contract.SeededClusters;
import org.junit.jupiter.api.Test;

class ConfigurationValidationTest {
    @Test
    void rejectsALayerWithNoUnits() {
        assertThatThrownBy(() -> NetworkSpec.builder(4).layer(0, Activation.SIGMOID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 1").hasMessageContaining("got 0");
    }

    @Test
    void rejectsNoInputs() {
        assertThatThrownBy(() -> NetworkSpec.builder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputWidth").hasMessageContaining("0");
    }

    @Test
    void rejectsSoftmaxInAHiddenLayer() {
        assertThatThrownBy(() -> NetworkSpec.builder(4).layer(3, Activation.SOFTMAX).layer(2, Activation.SOFTMAX).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden layer 1");
    }

    @Test
    void rejectsNegativeNaNAndInfiniteLearningRates() {
        for (double lr : new double[] {-0.1, 0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Trainer.builder().learningRate(lr)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("learningRate").hasMessageContaining(String.valueOf(lr));
        }
    }

    @Test
    void rejectsAnEmptyBatchAndNoEpochs() {
        assertThatThrownBy(() -> Trainer.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize").hasMessageContaining("0");
        assertThatThrownBy(() -> Trainer.builder().epochs(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epochs").hasMessageContaining("-1");
    }

    @Test
    void rejectsDataOfTheWrongWidthOrTooManyClasses() {
        NetworkSpec spec = NetworkSpec.builder(5).layer(3, Activation.SOFTMAX).build();
        Trainer trainer = Trainer.builder().build();
        assertThatThrownBy(() -> trainer.train(spec, SeededClusters.of(10, 4, 3, 0.1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 features")
                .hasMessageContaining("takes 5");
        assertThatThrownBy(() -> trainer.train(spec, SeededClusters.of(10, 5, 4, 0.1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 classes");
    }

    @Test
    void rejectsCrossEntropyWithoutASoftmaxOutput() {
        NetworkSpec spec = NetworkSpec.builder(5).layer(3, Activation.SIGMOID).build();
        assertThatThrownBy(() -> Trainer.builder().build().train(spec, SeededClusters.of(10, 5, 3, 0.1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOFTMAX")
                .hasMessageContaining("SIGMOID");
    }

    @Test
    void rejectsAnUnknownBackendByName() {
        NetworkSpec spec = NetworkSpec.builder(5).layer(3, Activation.SOFTMAX).build();
        assertThatThrownBy(() -> Trainer.builder().backend("quantum").build().train(spec, SeededClusters.of(10, 5, 3, 0.1, 1)))
                .isInstanceOf(io.github.mnistnn.spi.BackendUnavailableException.class)
                .hasMessageContaining("quantum").hasMessageContaining("cpu");
    }

    @Test
    void rejectsEarlyStoppingWithoutValidationAndBadDropout() {
        assertThatThrownBy(() -> Trainer.builder().earlyStopping(3).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("earlyStopping(3)").hasMessageContaining("validation");
        assertThatThrownBy(() -> Trainer.builder().dropout(0.2, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden layer 2").hasMessageContaining("1.0");
        NetworkSpec oneHidden = NetworkSpec.builder(5).layer(4, Activation.TANH).layer(3, Activation.SOFTMAX).build();
        assertThatThrownBy(() -> Trainer.builder().dropout(0.1, 0.1).build().train(oneHidden,
                SeededClusters.of(10, 5, 3, 0.1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 dropout rates for 1 hidden layers");
        assertThatThrownBy(() -> Trainer.builder().weightDecay(Double.NaN)).hasMessageContaining("weightDecay");
    }
}
