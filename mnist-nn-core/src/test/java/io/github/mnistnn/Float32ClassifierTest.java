package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The float32 classifier agrees with itself exactly and with the double network to float rounding. */
class Float32ClassifierTest {
    private final int threadsBefore = CpuThreads.count();

    @AfterEach
    void restoreThreads() {
        CpuThreads.setCount(threadsBefore);
    }

    private static LabeledData sparseImages() {
        return io.github.mnistnn.contract.SparseSamples.of(8);
    }

    private static Network network(Activation hidden) {
        return Network.initialize(NetworkSpec.builder(200).layer(130, Activation.RELU).layer(70, hidden)
                .layer(10, Activation.SOFTMAX).build(), 9);
    }

    @Test
    void predictAllGivesWhatPredictGivesOneByOneOnOneThreadAndOnAll() {
        LabeledData data = sparseImages();
        for (Activation hidden : new Activation[] {Activation.RELU, Activation.SIGMOID}) {
            Float32Classifier fast = Float32Classifier.of(network(hidden));
            int[] expected = new int[data.size()];
            for (int i = 0; i < data.size(); i++) {
                expected[i] = fast.predict(data.features(i));
            }
            assertThat(Arrays.stream(expected).distinct().count()).as(hidden.name()).isGreaterThan(2);
            CpuThreads.setCount(1);
            assertThat(fast.predictAll(data)).as(hidden.name()).containsExactly(expected);
            CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
            assertThat(fast.predictAll(data)).as(hidden.name()).containsExactly(expected);
        }
    }

    @Test
    void outputsAndClassesAgreeWithTheDoubleNetworkToFloatRounding() {
        LabeledData data = sparseImages();
        Network network = network(Activation.RELU);
        Float32Classifier fast = Float32Classifier.of(network);
        assertThat(fast.network()).isSameAs(network);
        double largest = 0;
        int same = 0;
        int[] fastClasses = fast.predictAll(data);
        int[] classes = network.predictAll(data);
        for (int i = 0; i < data.size(); i++) {
            double[] exact = network.outputs(data.features(i));
            double[] rounded = fast.outputs(data.features(i));
            for (int j = 0; j < exact.length; j++) {
                largest = Math.max(largest, Math.abs(rounded[j] - exact[j]));
            }
            same += fastClasses[i] == classes[i] ? 1 : 0;
        }
        assertThat(largest).as("largest output difference").isLessThan(1e-5).isGreaterThan(0);
        assertThat(same).as("same class").isGreaterThanOrEqualTo(data.size() - 3);
    }

    @Test
    void manyThreadsCanShareOneClassifier() throws Exception {
        LabeledData data = sparseImages();
        Float32Classifier fast = Float32Classifier.of(network(Activation.RELU));
        int[] expected = fast.predictAll(data);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int[] classes = new int[data.size()];
                    for (int i = 0; i < data.size(); i++) {
                        int at = (i + offset * 97) % data.size(); // callers interleave differently
                        classes[at] = fast.predict(data.features(at));
                    }
                    return classes;
                }));
                results.add(pool.submit(() -> fast.predictAll(data)));
            }
            for (java.util.concurrent.Future<int[]> r : results) {
                assertThat(r.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluateCountsThePredictions() {
        LabeledData data = sparseImages();
        Float32Classifier fast = Float32Classifier.of(network(Activation.RELU));
        int[] predicted = fast.predictAll(data);
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            correct += predicted[i] == data.label(i) ? 1 : 0;
        }
        assertThat(fast.evaluate(data).accuracy()).isEqualTo((double) correct / data.size());
    }

    @Test
    void refusesInputsOfTheWrongWidth() {
        Float32Classifier fast = Float32Classifier.of(network(Activation.RELU));
        assertThatThrownBy(() -> fast.predict(new double[199])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("199").hasMessageContaining("200");
        LabeledData narrow = LabeledData.of(new double[][] {new double[10]}, new int[] {0}, 10);
        assertThatThrownBy(() -> fast.predictAll(narrow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10").hasMessageContaining("200");
        assertThatThrownBy(() -> Float32Classifier.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("network");
    }
}
