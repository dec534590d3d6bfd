package io.github.mnistnn.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Activation;
import io.github.mnistnn.EpochReport;
import io.github.mnistnn.Initializer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.LearningRateSchedule;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.TrainingListener;
import io.github.mnistnn.spi.OptimizerStep;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every backend passes: its primitives, training with both backprop rules, classification
 * ({@code DeviceClassifier}) and the training toolkit (optimizers, weight decay, dropout, schedules, early
 * stopping). A backend's test class extends this and supplies the backend:
 *
 * <pre>{@code
 * class EjmlBackendTest extends BackendContract {
 *     protected Backend openBackend() { return Backends.open("cpu"); }
 * }
 * }</pre>
 */
public abstract class BackendContract extends ConvolutionTrainingContract {
    private static final NetworkSpec SMALL = NetworkSpec.builder(6).layer(5, Activation.TANH)
            .layer(4, Activation.SIGMOID).layer(3, Activation.SOFTMAX).initializer(Initializer.XAVIER).build();

    /** Each optimizer, its step constants written out, and a learning rate that learns the clusters. */
    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of(Optimizer.sgd(), OptimizerStep.SGD, 0.0, 0.0, 0.0, 0.0, 0.5),
                Arguments.of(Optimizer.momentum(0.9), OptimizerStep.MOMENTUM, 0.9, 0.0, 0.0, 0.0, 0.05),
                Arguments.of(Optimizer.nesterov(0.9), OptimizerStep.NESTEROV, 0.9, 0.0, 0.0, 0.0, 0.05),
                Arguments.of(Optimizer.adam(), OptimizerStep.ADAM, 0.9, 0.999, 1e-8, 0.0, 0.01),
                Arguments.of(Optimizer.adamW(0.01), OptimizerStep.ADAMW, 0.9, 0.999, 1e-8, 0.01, 0.01),
                Arguments.of(Optimizer.rmsProp(), OptimizerStep.RMSPROP, 0.9, 0.0, 1e-8, 0.0, 0.01));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void everyOptimizerTakesItsFirstStepFromTheBatchGradient(Optimizer optimizer, int rule, double beta1, double beta2,
            double epsilon, double decoupled, double ignored) {
        LabeledData batch = SeededClusters.of(8, 6, 3, 0.4, 14);
        Network before = Network.initialize(SMALL, 3);
        Network sgdStep = trainer().learningRate(1).batchSize(8).fusedKernels(false).build().train(before, batch);
        List<double[]> g = GradientCheck.applied(before, sgdStep, 1);
        double lr = 0.05;
        double l2 = optimizer.kind() == Optimizer.Kind.ADAMW ? 0 : 0.01;
        Network after = trainer().optimizer(optimizer).weightDecay(l2).learningRate(lr).batchSize(8).build()
                .train(before, batch);
        double c1 = 1 - beta1;
        double c2 = 1 - beta2;
        OptimizerStep weights = new OptimizerStep(rule, lr, beta1, beta2, epsilon, l2, decoupled, c1, c2);
        OptimizerStep biases = new OptimizerStep(rule, lr, beta1, beta2, epsilon, 0, 0, c1, c2);
        for (int k = 0; k < before.layers().size(); k++) {
            int in = before.layers().get(k).inputWidth();
            int out = before.layers().get(k).outputWidth();
            double[] w = flatten(((DenseLayer) before.layers().get(k)).weights());
            double[] b = ((DenseLayer) before.layers().get(k)).biases();
            double[] gw = java.util.Arrays.copyOf(g.get(k), in * out);
            double[] gb = java.util.Arrays.copyOfRange(g.get(k), in * out, in * out + out);
            weights.apply(w, gw, new double[w.length], new double[w.length], w.length);
            biases.apply(b, gb, new double[b.length], new double[b.length], b.length);
            HostMatrices.assertClose(flatten(((DenseLayer) after.layers().get(k)).weights()), w, 10 * gradientTolerance() * lr,
                    optimizer + " layer " + (k + 1) + " weights");
            HostMatrices.assertClose(((DenseLayer) after.layers().get(k)).biases(), b, 10 * gradientTolerance() * lr,
                    optimizer + " layer " + (k + 1) + " biases");
        }
        assertThat(after.provenance().orElseThrow().optimizer()).isEqualTo(optimizer.toString());
    }

    private static double[] flatten(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void everyOptimizerLearnsSeparableClusters(Optimizer optimizer, int rule, double beta1, double beta2,
            double epsilon, double decoupled, double learningRate) {
        LabeledData data = SeededClusters.of(300, 6, 3, 0.15, 15);
        Network network = trainer().optimizer(optimizer).learningRate(learningRate).batchSize(10).epochs(15).seed(2)
                .build().train(SMALL, data);
        assertThat(network.evaluate(data).accuracy()).as(optimizer.toString()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void dropoutIsReproducibleChangesTrainingAndStillLearns() {
        LabeledData data = SeededClusters.of(300, 6, 3, 0.15, 16);
        NetworkSpec wide = NetworkSpec.builder(6).layer(32, Activation.TANH).layer(16, Activation.TANH)
                .layer(3, Activation.SOFTMAX).initializer(Initializer.XAVIER).build();
        Trainer.Builder builder = trainer().learningRate(0.3).batchSize(10).epochs(15).seed(4);
        Network plain = builder.build().train(wide, data);
        Network zero = builder.dropout(0, 0).build().train(wide, data);
        Network first = builder.dropout(0.3, 0.2).build().train(wide, data);
        Network second = builder.dropout(0.3, 0.2).build().train(wide, data);
        assertThat(((DenseLayer) zero.layers().get(0)).weights()).as("rate 0 is no dropout").isDeepEqualTo(((DenseLayer) plain.layers().get(0)).weights());
        assertThat(((DenseLayer) first.layers().get(0)).weights()).as("same seed").isDeepEqualTo(((DenseLayer) second.layers().get(0)).weights());
        assertThat(((DenseLayer) first.layers().get(0)).weights()).as("dropout changes the updates")
                .isNotEqualTo(((DenseLayer) plain.layers().get(0)).weights());
        assertThat(first.evaluate(data).accuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(first.provenance().orElseThrow().hyperparameters()).containsEntry("dropout", "0.3,0.2");
    }

    @Test
    void theScheduleSetsEachEpochsLearningRate() {
        List<Double> rates = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public Decision onEpochEnd(EpochReport report) {
                rates.add(report.learningRate());
                return Decision.CONTINUE;
            }
        };
        trainer().learningRate(0.4).schedule(LearningRateSchedule.step(2, 0.5)).epochs(5).batchSize(5).listener(listener)
                .build().train(SMALL, SeededClusters.of(20, 6, 3, 0.2, 17));
        assertThat(rates).containsExactly(0.4, 0.4, 0.2, 0.2, 0.1);
    }

    @Test
    void earlyStoppingReturnsTheWeightsOfTheBestValidationEpoch() {
        LabeledData train = SeededClusters.of(24, 6, 3, 0.9, 18);
        LabeledData validation = SeededClusters.of(200, 6, 3, 0.9, 18);
        List<Double> losses = new ArrayList<>();
        List<Network> snapshots = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public Decision onEpochEnd(EpochReport report) {
                losses.add(report.validationLoss());
                snapshots.add(report.network());
                return Decision.CONTINUE;
            }
        };
        NetworkSpec wide = NetworkSpec.builder(6).layer(40, Activation.TANH).layer(3, Activation.SOFTMAX)
                .initializer(Initializer.XAVIER).build();
        Network network = trainer().learningRate(0.5).batchSize(4).epochs(300).validation(validation).earlyStopping(5)
                .listener(listener).seed(5).build().train(wide, train);
        int best = 0;
        for (int e = 1; e < losses.size(); e++) {
            best = losses.get(e) < losses.get(best) ? e : best;
        }
        assertThat(losses.size()).as("stopped %d epochs after the best", 5).isEqualTo(best + 1 + 5).isLessThan(300);
        assertThat(((DenseLayer) network.layers().get(0)).weights()).isDeepEqualTo(((DenseLayer) snapshots.get(best).layers().get(0)).weights());
        assertThat(network.provenance().orElseThrow().hyperparameters()).containsEntry("bestEpoch",
                Integer.toString(best + 1));
        assertThat(network.provenance().orElseThrow().validationAccuracy())
                .isEqualTo(snapshots.get(best).evaluate(validation).accuracy());
    }
}
