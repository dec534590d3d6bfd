package io.github.mnistnn.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Initializer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.TrainingListener;
import io.github.mnistnn.spi.FusedOnlineTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training through a backend's primitives with both backprop rules: gradient checks, UHB by hand, determinism,
 * XOR, divergence, listeners and the fused online path. Part of {@link BackendContract}.
 */
public abstract class TrainingContract extends ConvolutionOperationsContract {
    /**
     * How far a gradient applied by a training step may be from central finite differences, as
     * {@code ||g - fd|| / (||g|| + ||fd||)} per layer.
     *
     * @return the tolerance; 1e-6 by default (double precision)
     */
    protected double gradientTolerance() {
        return 1e-6;
    }

    /**
     * A trainer on the backend under test.
     *
     * @return a builder with the backend set
     */
    protected Trainer.Builder trainer() {
        return Trainer.builder().backend(backend);
    }

    private void assertStepFollowsTheGradient(NetworkSpec spec, Loss loss, LabeledData data) {
        Network before = Network.initialize(spec, 25);
        double lr = 1;
        Network after = trainer().loss(loss).learningRate(lr).batchSize(data.size()).seed(2).fusedKernels(false)
                .build().train(before, data);
        List<double[]> numerical = GradientCheck.numerical(before, loss, data);
        List<double[]> applied = GradientCheck.applied(before, after, lr);
        for (int k = 0; k < numerical.size(); k++) {
            assertThat(GradientCheck.norm(numerical.get(k))).as("layer %d of %s is alive", k + 1, spec)
                    .isGreaterThan(1e-5);
            assertThat(GradientCheck.relativeError(applied.get(k), numerical.get(k)))
                    .as("layer %d of %s, %s", k + 1, spec, loss).isLessThan(gradientTolerance());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void calculusBackpropFollowsTheGradientThroughEveryActivation(Activation hidden) {
        LabeledData data = SeededClusters.of(3, 4, 3, 0.3, 8);
        NetworkSpec spec = NetworkSpec.builder(4).layer(6, hidden).layer(6, hidden).layer(6, hidden)
                .layer(3, Activation.SOFTMAX).initializer(Initializer.XAVIER).build();
        assertStepFollowsTheGradient(spec, Loss.SOFTMAX_CROSS_ENTROPY, data);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void calculusBackpropFollowsTheMeanSquaredErrorGradientThroughEveryOutput(Activation output) {
        LabeledData data = SeededClusters.of(4, 3, 2, 0.3, 9);
        NetworkSpec spec = NetworkSpec.builder(3).layer(6, Activation.TANH).layer(6, Activation.SIGMOID)
                .layer(6, Activation.LEAKY_RELU).layer(2, output).initializer(Initializer.XAVIER).build();
        assertStepFollowsTheGradient(spec, Loss.MEAN_SQUARED_ERROR, data);
    }

    @Test
    void aSingleOnlineStepFollowsTheGradientOfThatSample() {
        LabeledData one = SeededClusters.of(1, 6, 4, 0.5, 10);
        assertStepFollowsTheGradient(NetworkSpec.builder(6).layer(5, Activation.SIGMOID).layer(4, Activation.SIGMOID)
                .layer(3, Activation.SIGMOID).layer(4, Activation.SOFTMAX).build(), Loss.SOFTMAX_CROSS_ENTROPY, one);
    }

    @Test
    void unscaledHeuristicMatchesOneStepWorkedByHand() {
        // A 2-2-2 network: sigmoid hidden layer, softmax output; x = (1, 0.5), class 0 so y = (1, 0); lr 0.1.
        Network start = Network.of(List.of(
                Layer.dense(new double[][] {{0.1, -0.2}, {0.4, 0.3}}, new double[] {0, 0.1}, Activation.SIGMOID),
                Layer.dense(new double[][] {{0.5, -0.5}, {-0.3, 0.2}}, new double[] {0.05, -0.05}, Activation.SOFTMAX)));
        LabeledData sample = LabeledData.of(new double[][] {{1, 0.5}}, new int[] {0}, 2);
        Network after = trainer().rule(BackpropRule.UHB).learningRate(0.1).build().train(start, sample);

        // n1 = W1^T x + b1 = (1*0.1 + 0.5*0.4 + 0, 1*-0.2 + 0.5*0.3 + 0.1) = (0.3, 0.05)
        double a11 = 1 / (1 + Math.exp(-0.3)); // 0.574442516811659
        double a12 = 1 / (1 + Math.exp(-0.05)); // 0.512497396484210
        // n2 = W2^T a1 + b2 = (0.5 a11 - 0.3 a12 + 0.05, -0.5 a11 + 0.2 a12 - 0.05)
        double n21 = 0.5 * a11 - 0.3 * a12 + 0.05; // 0.183472039460566
        double n22 = -0.5 * a11 + 0.2 * a12 - 0.05; // -0.234721779108987
        double a21 = Math.exp(n21) / (Math.exp(n21) + Math.exp(n22)); // 0.603050965831633
        double a22 = 1 - a21; // 0.396949034168367
        // Output, both rules: S2 = a2 - y. UHB: e2 = y - a2, e1 = W2 e2 (no derivative), S1 = -2 sigma'(n1) e1.
        double s21 = a21 - 1; // -0.396949034168367
        double s22 = a22; // 0.396949034168367
        double e21 = 1 - a21;
        double e22 = -a22;
        double e11 = 0.5 * e21 + -0.5 * e22; // 0.396949034168367
        double e12 = -0.3 * e21 + 0.2 * e22; // -0.198474517084183
        double s11 = -2 * a11 * (1 - a11) * e11; // -0.194074981440142
        double s12 = -2 * a12 * (1 - a12) * e12; // 0.099175261089389
        // W <- W - lr a_(k-1) S^T, b <- b - lr S.
        double[][] w1 = {{0.1 - 0.1 * 1 * s11, -0.2 - 0.1 * 1 * s12}, {0.4 - 0.1 * 0.5 * s11, 0.3 - 0.1 * 0.5 * s12}};
        double[] b1 = {0 - 0.1 * s11, 0.1 - 0.1 * s12};
        double[][] w2 = {{0.5 - 0.1 * a11 * s21, -0.5 - 0.1 * a11 * s22}, {-0.3 - 0.1 * a12 * s21, 0.2 - 0.1 * a12 * s22}};
        double[] b2 = {0.05 - 0.1 * s21, -0.05 - 0.1 * s22};
        assertThat(w1[0][0]).as("the arithmetic above").isCloseTo(0.11940749814401422, within(1e-15));
        assertThat(w2[1][1]).as("the arithmetic above").isCloseTo(0.17965646534517904, within(1e-15));

        double tolerance = valueTolerance() * 10;
        assertLayer((DenseLayer) after.layers().get(0), w1, b1, tolerance);
        assertLayer((DenseLayer) after.layers().get(1), w2, b2, tolerance);
    }

    private static org.assertj.core.data.Offset<Double> within(double v) {
        return org.assertj.core.data.Offset.offset(v);
    }

    private static void assertLayer(DenseLayer layer, double[][] w, double[] b, double tolerance) {
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[i].length; j++) {
                assertThat(layer.weight(i, j)).as("W[%d][%d]", i, j).isCloseTo(w[i][j], within(tolerance));
            }
        }
        for (int j = 0; j < b.length; j++) {
            assertThat(layer.bias(j)).as("b[%d]", j).isCloseTo(b[j], within(tolerance));
        }
    }

    @ParameterizedTest
    @EnumSource(BackpropRule.class)
    void theSameSeedGivesBitForBitTheSameNetwork(BackpropRule rule) {
        LabeledData data = SeededClusters.of(60, 8, 3, 0.4, 3);
        NetworkSpec spec = NetworkSpec.builder(8).layer(6, Activation.SIGMOID).layer(3, Activation.SOFTMAX).build();
        Trainer.Builder builder = trainer().rule(rule).learningRate(0.05).epochs(3).batchSize(4);
        Network first = builder.seed(5).build().train(spec, data);
        Network second = builder.seed(5).build().train(spec, data);
        Network other = builder.seed(6).build().train(spec, data);
        for (int k = 0; k < first.layers().size(); k++) {
            assertThat(((DenseLayer) first.layers().get(k)).weights()).isDeepEqualTo(((DenseLayer) second.layers().get(k)).weights());
            assertThat(((DenseLayer) first.layers().get(k)).biases()).containsExactly(((DenseLayer) second.layers().get(k)).biases());
            assertThat(((DenseLayer) first.layers().get(k)).weights()).isNotEqualTo(((DenseLayer) other.layers().get(k)).weights());
        }
    }

    @ParameterizedTest
    @EnumSource(BackpropRule.class)
    void learnsXorWithinTheEpochBudget(BackpropRule rule) {
        // Budget: 1,000 online epochs (4,000 updates) at lr 0.5; with this seed both rules get there by epoch 500.
        NetworkSpec spec = NetworkSpec.builder(2).layer(4, Activation.SIGMOID).layer(2, Activation.SOFTMAX).build();
        Network network = trainer().rule(rule).learningRate(0.5).epochs(1000).seed(1)
                .build().train(spec, SeededClusters.xor());
        assertThat(network.evaluate(SeededClusters.xor()).accuracy()).isEqualTo(1.0);
    }

    @Test
    void divergenceStopsWithTheEpochAndSample() {
        LabeledData data = SeededClusters.of(50, 10, 3, 0.5, 4);
        // Leaky ReLU layers never saturate, so UHB's growing steps at lr 5 overflow within the first epoch.
        NetworkSpec spec = NetworkSpec.builder(10).layer(16, Activation.LEAKY_RELU).layer(16, Activation.LEAKY_RELU)
                .layer(3, Activation.SOFTMAX).build();
        Trainer diverging = trainer().rule(BackpropRule.UHB).learningRate(5).epochs(50).seed(3).build();
        assertThatThrownBy(() -> diverging.train(spec, data))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.epoch()).isBetween(1, 50);
                    assertThat(e.sample()).isBetween(1, 50);
                    assertThat(e.getMessage()).contains("epoch " + e.epoch(), "sample " + e.sample(),
                            "learning rate", "5.0");
                });
    }

    @Test
    void listenersSeeEveryEpochAndCanStopTraining() {
        LabeledData data = SeededClusters.of(40, 5, 2, 0.2, 6);
        List<Double> losses = new ArrayList<>();
        AtomicInteger progressCalls = new AtomicInteger();
        TrainingListener listener = new TrainingListener() {
            @Override
            public Decision onEpochEnd(io.github.mnistnn.EpochReport report) {
                losses.add(report.loss());
                assertThat(report.network().evaluate(data).count()).isEqualTo(40);
                return report.epoch() == 3 ? Decision.STOP : Decision.CONTINUE;
            }

            @Override
            public Decision onProgress(io.github.mnistnn.ProgressReport report) {
                progressCalls.incrementAndGet();
                assertThat(report.samplesDone()).isLessThan(40);
                return Decision.CONTINUE;
            }

            @Override
            public int progressInterval() {
                return 15;
            }
        };
        Network network = trainer().learningRate(0.2).epochs(10).listener(listener).build()
                .train(NetworkSpec.builder(5).layer(4, Activation.TANH).layer(2, Activation.SOFTMAX).build(), data);
        assertThat(losses).hasSize(3);
        assertThat(losses.get(2)).isLessThan(losses.get(0));
        assertThat(progressCalls.get()).as("at 15 and 30 samples in each of 3 epochs").isEqualTo(6);
        assertThat(network.provenance().orElseThrow().epochs()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(BackpropRule.class)
    void theFusedOnlinePathMatchesThePrimitivePath(BackpropRule rule) {
        assumeTrue(backend instanceof FusedOnlineTraining, backend.name() + " has no fused online path");
        LabeledData data = SeededClusters.of(120, 20, 5, 0.3, 12);
        NetworkSpec spec = NetworkSpec.builder(20).layer(9, Activation.SIGMOID).layer(7, Activation.SIGMOID)
                .layer(5, Activation.SOFTMAX).build();
        Trainer.Builder builder = trainer().rule(rule).learningRate(0.05).epochs(2).seed(9);
        Network fused = builder.fusedKernels(true).build().train(spec, data);
        Network primitive = builder.fusedKernels(false).build().train(spec, data);
        for (int k = 0; k < fused.layers().size(); k++) {
            double[][] wf = ((DenseLayer) fused.layers().get(k)).weights();
            double[][] wp = ((DenseLayer) primitive.layers().get(k)).weights();
            for (int i = 0; i < wf.length; i++) {
                HostMatrices.assertClose(wf[i], wp[i], valueTolerance() * 1000, "layer " + k + " row " + i);
            }
        }
        assertThat(fused.provenance().orElseThrow().trainingAccuracy())
                .isCloseTo(primitive.provenance().orElseThrow().trainingAccuracy(), within(0.01));
    }
}
