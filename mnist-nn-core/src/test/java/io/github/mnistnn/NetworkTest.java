package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.contract.SeededClusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NetworkTest {
    @Test
    void referenceInitialisationIsUniformInHalfOpenRangeWithZeroBiases() {
        Network network = Network.initialize(NetworkSpec.reference(5), 1);
        double min = 1;
        double max = -1;
        for (Layer any : network.layers()) {
            DenseLayer layer = (DenseLayer) any;
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    min = Math.min(min, w);
                    max = Math.max(max, w);
                }
            }
            assertThat(layer.biases()).containsOnly(0.0);
        }
        assertThat(min).isBetween(-0.5, -0.49);
        assertThat(max).isBetween(0.49, 0.5);
        assertThat(network.layers()).extracting(Layer::outputWidth).containsExactly(64, 32, 16, 5);
    }

    @Test
    void heAndXavierScaleWithTheFanIn() {
        NetworkSpec he = NetworkSpec.builder(800).layer(200, Activation.RELU).initializer(Initializer.HE).build();
        double sumSquares = 0;
        for (double[] row : ((DenseLayer) Network.initialize(he, 3).layers().get(0)).weights()) {
            for (double w : row) {
                sumSquares += w * w;
            }
        }
        assertThat(sumSquares / (800 * 200)).as("variance 2/fan_in").isCloseTo(2.0 / 800, org.assertj.core.data.Percentage.withPercentage(3));
        NetworkSpec xavier = NetworkSpec.builder(100).layer(50, Activation.TANH).initializer(Initializer.XAVIER).build();
        double bound = Math.sqrt(6.0 / 150);
        for (double[] row : ((DenseLayer) Network.initialize(xavier, 3).layers().get(0)).weights()) {
            for (double w : row) {
                assertThat(Math.abs(w)).isLessThanOrEqualTo(bound);
            }
        }
    }

    @Test
    void fanInUniformDrawsWeightsAndBiasesWithinOneOverRootFanIn() {
        NetworkSpec spec = NetworkSpec.builder(400).layer(30, Activation.RELU).initializer(Initializer.FAN_IN_UNIFORM)
                .build();
        DenseLayer layer = (DenseLayer) Network.initialize(spec, 9).layers().get(0);
        double bound = 1 / Math.sqrt(400);
        double max = 0;
        for (double[] row : layer.weights()) {
            for (double w : row) {
                max = Math.max(max, Math.abs(w));
            }
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
        double[] biases = layer.biases();
        assertThat(java.util.Arrays.stream(biases).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(bound);
        assertThat(java.util.Arrays.stream(biases).filter(b -> b != 0).count()).isEqualTo(30);
    }

    @Test
    void forwardPassMatchesAHandComputation() {
        Network network = Network.of(List.of(
                Layer.dense(new double[][] {{1, -1}, {2, 0.5}}, new double[] {0, 1}, Activation.RELU),
                Layer.dense(new double[][] {{1}, {-1}}, new double[] {0.5}, Activation.IDENTITY)));
        // n1 = (1*1 + 2*2, 1*-1 + 2*0.5 + 1) = (5, 1); relu keeps both; n2 = 5 - 1 + 0.5 = 4.5
        assertThat(network.outputs(new double[] {1, 2})).containsExactly(4.5);
        assertThatThrownBy(() -> network.outputs(new double[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 features");
    }

    @Test
    void refusesLayersThatDoNotFitTogether() {
        Layer a = Layer.dense(new double[][] {{1, 2}}, new double[] {0, 0}, Activation.RELU);
        Layer b = Layer.dense(new double[][] {{1}, {2}, {3}}, new double[] {0}, Activation.RELU);
        assertThatThrownBy(() -> Network.of(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes 3").hasMessageContaining("gives 2");
    }

    @Test
    void predictionsFromManyThreadsEqualASequentialRun() throws Exception {
        LabeledData data = SeededClusters.of(10_000, 12, 4, 0.4, 2);
        Network network = Trainer.builder().learningRate(0.1).epochs(1).batchSize(16).build()
                .train(NetworkSpec.builder(12).layer(10, Activation.TANH).layer(4, Activation.SOFTMAX).build(), data);
        int[] expected = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            expected[i] = network.predict(data.features(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int[] got = new int[data.size()];
                    for (int i = 0; i < data.size(); i++) {
                        got[i] = network.predict(data.features(i));
                    }
                    return got;
                }));
            }
            for (Future<int[]> result : results) {
                assertThat(result.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluationCountsTheConfusionMatrixAndPerClassScores() {
        Evaluation e = Evaluation.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 1, 2, 0}, 3);
        assertThat(e.accuracy()).isEqualTo(4.0 / 6);
        assertThat(e.confusionMatrix()).isDeepEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}});
        assertThat(e.precision(1)).isEqualTo(2.0 / 3);
        assertThat(e.recall(0)).isEqualTo(0.5);
        assertThat(e.f1(2)).isEqualTo(2 * 1.0 * 0.5 / 1.5);
        assertThatThrownBy(() -> Evaluation.of(new int[] {3}, new int[] {0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 3");
    }

    @Test
    void aTieIsPredictedAsTheLowerClassEverywhere() {
        assertThat(io.github.mnistnn.spi.ArgMax.of(new double[] {9, 0.2, 0.5, 0.5}, 1, 3)).isEqualTo(1);
        // Identity output, inputs (1, 1): both classes score 1; predict, predictAll and evaluate all say class 0.
        Network tie = Network.of(List.of(Layer.dense(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0},
                Activation.IDENTITY)));
        LabeledData data = LabeledData.of(new double[][] {{1, 1}}, new int[] {0}, 2);
        assertThat(tie.predict(new double[] {1, 1})).isZero();
        assertThat(tie.predictAll(data)).containsExactly(0);
        assertThat(tie.evaluate(data).accuracy()).isEqualTo(1.0);
    }
}
