package io.github.mnistnn.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Activation;
import io.github.mnistnn.DeviceClassifier;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Classifying on the backend ({@link DeviceClassifier}): the host network's classes, to the backend's precision.
 * Part of {@link BackendContract}.
 */
public abstract class InferenceContract extends TrainingSafetyContract {
    private static LabeledData sparseSamples() {
        return SparseSamples.of(21);
    }

    private static Network network() {
        return Network.initialize(NetworkSpec.builder(200).layer(130, Activation.RELU).layer(70, Activation.SIGMOID)
                .layer(10, Activation.SOFTMAX).build(), 22);
    }

    /** Each device class is the host's, or a near-tie: the two scores within the backend's rounding. */
    private void assertAgreesWithTheHost(Network network, LabeledData data, int[] device) {
        int[] host = network.predictAll(data);
        for (int i = 0; i < data.size(); i++) {
            if (device[i] != host[i]) {
                double[] out = network.outputs(data.features(i));
                assertThat(Math.abs(out[device[i]] - out[host[i]])).as("sample %d", i)
                        .isLessThan(200 * valueTolerance());
            }
        }
    }

    private static LabeledData head(LabeledData data, int count) {
        double[][] x = new double[count][];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            x[i] = data.features(i);
            y[i] = data.label(i);
        }
        return LabeledData.of(x, y, data.classCount());
    }

    @Test
    void classifiesAsTheHostNetworkDoesToTheBackendsPrecision() {
        LabeledData data = sparseSamples();
        Network network = network();
        assertThat(Arrays.stream(network.predictAll(data)).distinct().count()).isGreaterThan(2);
        try (DeviceClassifier classifier = DeviceClassifier.on(backend, network)) {
            int[] device = classifier.predictAll(data);
            assertAgreesWithTheHost(network, data, device);
            assertThat(classifier.predictAll(data)).as("again").containsExactly(device);
            for (int count : new int[] {1, 7, 1, 1000}) { // short batches of other sizes, and a full one
                LabeledData part = head(data, count);
                assertAgreesWithTheHost(network, part, classifier.predictAll(part));
            }
        }
    }

    @Test
    void evaluateCountsThePredictions() {
        LabeledData data = sparseSamples();
        try (DeviceClassifier classifier = DeviceClassifier.on(backend, network())) {
            int[] predicted = classifier.predictAll(data);
            int correct = 0;
            for (int i = 0; i < data.size(); i++) {
                correct += predicted[i] == data.label(i) ? 1 : 0;
            }
            assertThat(classifier.evaluate(data).accuracy()).isEqualTo((double) correct / data.size());
        }
    }

    @Test
    void refusesWrongInputsAndCallsAfterClose() {
        DeviceClassifier classifier = DeviceClassifier.on(backend, network());
        LabeledData narrow = LabeledData.of(new double[][] {new double[10]}, new int[] {0}, 10);
        assertThatThrownBy(() -> classifier.predictAll(narrow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10").hasMessageContaining("200");
        classifier.close();
        classifier.close();
        assertThatThrownBy(() -> classifier.predictAll(sparseSamples())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
