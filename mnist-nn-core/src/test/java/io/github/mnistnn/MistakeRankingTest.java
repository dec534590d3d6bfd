package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.contract.SeededClusters;
import java.util.List;
import org.junit.jupiter.api.Test;

class MistakeRankingTest {
    /** Outputs its three inputs unchanged, so it predicts the largest input with that input as confidence. */
    private static final Network PASS_THROUGH = Network.of(List.of(Layer.dense(
            new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3], Activation.IDENTITY)));

    private static final LabeledData HAND_MADE = LabeledData.of(new double[][] {
        {0.9, 0.1, 0.0},   // 0: class 0, right
        {0.2, 0.7, 0.1},   // 1: class 0 taken for 1 at 0.7
        {0.1, 0.2, 0.95},  // 2: class 1 taken for 2 at 0.95
        {0.6, 0.3, 0.1},   // 3: class 2 taken for 0 at 0.6
        {0.1, 0.7, 0.2},   // 4: class 2 taken for 1 at 0.7, tied with 1
        {0.0, 0.0, 1.0},   // 5: class 2, right
    }, new int[] {0, 0, 1, 2, 2, 2}, 3);

    @Test
    void ranksMistakesByConfidenceThenIndex() {
        assertThat(MistakeRanking.mostConfident(PASS_THROUGH, HAND_MADE, 3)).containsExactly(
                new Misclassification(2, 1, 2, 0.95),
                new Misclassification(1, 0, 1, 0.7),
                new Misclassification(4, 2, 1, 0.7));
    }

    @Test
    void returnsEveryMistakeWhenAskedForMore() {
        assertThat(MistakeRanking.mostConfident(PASS_THROUGH, HAND_MADE, 100)).extracting(Misclassification::index)
                .containsExactly(2, 1, 4, 3);
    }

    @Test
    void returnsNothingForACountOfZero() {
        assertThat(MistakeRanking.mostConfident(PASS_THROUGH, HAND_MADE, 0)).isEmpty();
    }

    @Test
    void agreesWithTheEvaluationAndTheOutputsOfATrainedNetwork() {
        LabeledData data = SeededClusters.of(2_000, 6, 4, 1.2, 5);
        Network network = Trainer.builder().learningRate(0.1).epochs(1).seed(3).build()
                .train(NetworkSpec.builder(6).layer(8, Activation.TANH).layer(4, Activation.SOFTMAX).build(), data);
        Evaluation evaluation = network.evaluate(data);
        long wrong = evaluation.count() - Math.round(evaluation.accuracy() * evaluation.count());
        List<Misclassification> all = MistakeRanking.mostConfident(network, data, Integer.MAX_VALUE);
        assertThat(wrong).as("the data is hard enough to make mistakes").isGreaterThan(10);
        assertThat(all).hasSize((int) wrong);
        for (int k = 0; k < all.size(); k++) {
            Misclassification m = all.get(k);
            assertThat(m.actual()).isEqualTo(data.label(m.index()));
            assertThat(m.predicted()).isEqualTo(network.predict(data.features(m.index())));
            assertThat(m.confidence()).isEqualTo(network.outputs(data.features(m.index()))[m.predicted()])
                    .isBetween(0.25, 1.0);
            if (k > 0) {
                assertThat(m.confidence()).isLessThanOrEqualTo(all.get(k - 1).confidence());
            }
        }
        assertThat(MistakeRanking.mostConfident(network, data, 5)).isEqualTo(all.subList(0, 5));
    }

    @Test
    void refusesANegativeCountAndDataThatDoesNotFit() {
        assertThatThrownBy(() -> MistakeRanking.mostConfident(PASS_THROUGH, HAND_MADE, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
        LabeledData wide = LabeledData.of(new double[][] {{1, 2, 3, 4}}, new int[] {0}, 3);
        assertThatThrownBy(() -> MistakeRanking.mostConfident(PASS_THROUGH, wide, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 features");
        assertThatThrownBy(() -> MistakeRanking.mostConfident(null, HAND_MADE, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("network");
    }

    @Test
    void aMisclassificationMustBeAMistake() {
        assertThatThrownBy(() -> new Misclassification(3, 1, 1, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("correctly");
        assertThatThrownBy(() -> new Misclassification(-1, 0, 1, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
