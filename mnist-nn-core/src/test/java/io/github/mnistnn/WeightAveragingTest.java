package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Trainer.Builder#averageWeightsFrom}: the returned network is the mean of the epoch ends, worked out here. */
class WeightAveragingTest {
    private static final Shape IMAGE = Shape.image(6, 6, 1);
    private static final NetworkSpec SPEC = NetworkSpec.builder(IMAGE).conv2d(3, 3, Padding.SAME, Activation.RELU)
            .batchNorm().maxPool2d(2).flatten().dense(4, Activation.RELU).dense(2, Activation.SOFTMAX).build();

    private static LabeledData data() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[40][IMAGE.size()];
        int[] y = new int[40];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 2;
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = random.nextDouble() + (j < 18 ? y[i] : 0);
            }
        }
        return LabeledData.of(x, y, 2);
    }

    private static Trainer.Builder trainer(List<Network> epochEnds) {
        return Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(8).epochs(4).seed(4)
                .listener(new TrainingListener() {
                    @Override
                    public Decision onEpochEnd(EpochReport report) {
                        epochEnds.add(report.network());
                        return Decision.CONTINUE;
                    }
                });
    }

    private static double[] parameters(Layer layer) {
        if (layer instanceof DenseLayer d) {
            return concat(d.flatWeights(), d.biases());
        }
        if (layer instanceof Conv2dLayer c) {
            return concat(c.flatWeights(), c.biases());
        }
        BatchNormLayer b = (BatchNormLayer) layer;
        return concat(concat(b.gamma(), b.beta()), concat(b.runningMean(), b.runningVariance()));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void returnsTheMeanOfTheEpochEndsFromTheGivenEpochAndTrainsAsWithout() {
        List<Network> plainEnds = new ArrayList<>();
        Network plain = trainer(plainEnds).build().train(SPEC, data());
        List<Network> ends = new ArrayList<>();
        Network averaged = trainer(ends).averageWeightsFrom(2).build().train(SPEC, data());
        assertThat(ends).hasSize(4);
        for (int k : new int[] {0, 1, 4, 5}) {
            assertThat(parameters(ends.get(3).layers().get(k))).as("the run itself is unchanged, layer %d", k)
                    .containsExactly(parameters(plain.layers().get(k)));
            double[] expected = new double[parameters(plain.layers().get(k)).length];
            for (int e = 1; e < 4; e++) {
                double[] p = parameters(ends.get(e).layers().get(k));
                for (int i = 0; i < p.length; i++) {
                    expected[i] += p[i] / 3;
                }
            }
            double[] got = parameters(averaged.layers().get(k));
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).as("layer %d value %d", k, i).isCloseTo(expected[i], within(1e-12));
            }
            assertThat(got).as("layer %d differs from the last epoch's", k)
                    .isNotEqualTo(parameters(plain.layers().get(k)));
        }
        assertThat(averaged.layers().get(2)).isInstanceOf(MaxPool2dLayer.class);
        assertThat(averaged.provenance().orElseThrow().hyperparameters()).containsEntry("averagedEpochs", "3")
                .containsEntry("averageWeightsFrom", "2");
        assertThat(averaged.evaluate(data()).accuracy()).isGreaterThan(0.6);
    }

    @Test
    void returnsTheLastWeightsWhenTrainingEndsBeforeTheFirstAveragedEpoch() {
        Network plain = trainer(new ArrayList<>()).build().train(SPEC, data());
        Network late = trainer(new ArrayList<>()).averageWeightsFrom(9).build().train(SPEC, data());
        assertThat(parameters(late.layers().get(4))).containsExactly(parameters(plain.layers().get(4)));
        assertThat(late.provenance().orElseThrow().hyperparameters()).containsEntry("averagedEpochs", "0");
    }

    @Test
    void refusesEpochZeroAndEarlyStoppingAlongside() {
        assertThatThrownBy(() -> Trainer.builder().averageWeightsFrom(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Trainer.builder().validation(data()).earlyStopping(2).averageWeightsFrom(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose one");
    }
}
