package io.github.mnistnn.internal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Activation;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Initializer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Layer;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.contract.SeededClusters;
import io.github.mnistnn.internal.layers.DeviceParameters;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The divergence rules, fed by hand: the windows, the reference loss and the weight bound. */
class DivergenceWatchTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(4).layer(5, Activation.TANH)
            .layer(3, Activation.SOFTMAX).initializer(Initializer.XAVIER).build();

    @Test
    void theReferenceIsTheLossAtChanceForAQuietStart() {
        // Zero weights: every output 1/3, so the starting loss is the loss at chance, ln 3.
        Network quiet = Network.of(List.of(
                Layer.dense(new double[4][5], new double[5], Activation.TANH),
                Layer.dense(new double[5][3], new double[3], Activation.SOFTMAX)));
        DivergenceWatch watch = new DivergenceWatch(quiet, Loss.SOFTMAX_CROSS_ENTROPY,
                SeededClusters.of(40, 4, 3, 0.3, 1), "advice");
        watch.startEpoch();
        double bound = 10 * Math.log(3);
        watch.record(1, 40, 40 * bound * 0.999);
        watch.startEpoch();
        assertThatThrownBy(() -> watch.record(2, 40, 40 * bound * 1.001))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(2);
                    assertThat(e.sample()).isEqualTo(40);
                    assertThat(e.getMessage()).contains("epoch 2 at sample 40 of 40", "last 40 samples",
                            "10.0 times 1.09861228866", "advice");
                });
    }

    @Test
    void aShortBadStretchCountsOnlyWithTheRestOfItsWindowWhichMayRunIntoTheNextEpoch() {
        DivergenceWatch watch = new DivergenceWatch(Network.initialize(SPEC, 2), Loss.SOFTMAX_CROSS_ENTROPY,
                SeededClusters.of(1500, 4, 3, 0.3, 1), "advice");
        watch.startEpoch();
        // A progress report after 200 samples at a loss of 30 each: not a full window, so not judged alone.
        watch.record(1, 200, 200 * 30.0);
        // 800 more at 0.5: the window of 1,000 has a mean of 6.4, under 10 times the reference (at least ln 3).
        assertThatCode(() -> watch.record(1, 1000, 200 * 30.0 + 800 * 0.5)).doesNotThrowAnyException();
        // The last 500 of the epoch at 50, then 1,000 of the next epoch at 1: one window of 1,500, mean 17.3.
        watch.record(1, 1500, 6400 + 500 * 50.0);
        watch.startEpoch();
        assertThatThrownBy(() -> watch.record(2, 1000, 1000 * 1.0)).isInstanceOfSatisfying(
                TrainingDivergedException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(2);
                    assertThat(e.sample()).isEqualTo(1000);
                    assertThat(e.getMessage()).contains("at sample 1000 of 1500", "last 1500 samples is 17.3");
                });
    }

    @Test
    void aStartFarAboveChanceRaisesTheReferenceSoThatTrainingDownFromItGoesOn() {
        // Every hidden unit saturated and voting 30 for class 0: confidently wrong on two thirds of the samples.
        double[][] w1 = new double[4][5];
        double[][] w2 = new double[5][3];
        for (double[] r : w1) {
            java.util.Arrays.fill(r, 3);
        }
        for (int i = 0; i < 5; i++) {
            w2[i][0] = 30;
        }
        Network loud = Network.of(List.of(Layer.dense(w1, new double[5], Activation.TANH),
                Layer.dense(w2, new double[3], Activation.SOFTMAX)));
        LabeledData data = SeededClusters.of(90, 4, 3, 0.3, 1);
        double start = ValidationScore.of(loud, Loss.SOFTMAX_CROSS_ENTROPY, data).loss();
        assertThat(start).as("far above 10 ln 3").isGreaterThan(10 * Math.log(3));
        Network trained = Trainer.builder().learningRate(0.05).epochs(30).build().train(loud, data);
        assertThat(ValidationScore.of(trained, Loss.SOFTMAX_CROSS_ENTROPY, data).loss()).isLessThan(start);
    }

    @Test
    void aWeightPastAMillionAtTheEndOfAnEpochStopsTraining() {
        Network start = Network.initialize(SPEC, 2);
        LabeledData data = SeededClusters.of(40, 4, 3, 0.3, 1);
        DivergenceWatch watch = new DivergenceWatch(start, Loss.SOFTMAX_CROSS_ENTROPY, data, "advice");
        double[][] w = ((DenseLayer) start.layers().get(1)).weights();
        w[2][1] = -2e6;
        Network grown = Network.of(List.of(start.layers().get(0),
                Layer.dense(w, ((DenseLayer) start.layers().get(1)).biases(), Activation.SOFTMAX)));
        try (Backend cpu = Backends.open("cpu"); DeviceParameters fine = new DeviceParameters(cpu, start.layers());
                DeviceParameters past = new DeviceParameters(cpu, grown.layers())) {
            double[] scratch = new double[fine.largestLayer()];
            assertThatCode(() -> watch.checkWeights(1, fine, scratch)).doesNotThrowAnyException();
            assertThatThrownBy(() -> watch.checkWeights(4, past, scratch))
                    .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                        assertThat(e.epoch()).isEqualTo(4);
                        assertThat(e.sample()).isEqualTo(-1);
                        assertThat(e.getMessage()).isEqualTo("training diverged in epoch 4: layer 2 has a weight of "
                                + "magnitude 2000000.0, past the bound 1000000.0 (1000000.0, or 100.0 times the "
                                + "largest starting parameter); advice");
                    });
        }
    }

    @Test
    void aStartWithLargeWeightsMovesTheWeightBound() {
        double[][] w = {{5e4, 0}, {0, 1}};
        Network start = Network.of(List.of(Layer.dense(w, new double[2], Activation.SOFTMAX)));
        DivergenceWatch watch = new DivergenceWatch(start, Loss.SOFTMAX_CROSS_ENTROPY,
                LabeledData.of(new double[][] {{0, 1}}, new int[] {1}, 2), "advice");
        w[0][0] = 4e6;
        Network grown = Network.of(List.of(Layer.dense(w, new double[2], Activation.SOFTMAX)));
        try (Backend cpu = Backends.open("cpu"); DeviceParameters past = new DeviceParameters(cpu, grown.layers())) {
            assertThatCode(() -> watch.checkWeights(1, past, new double[4])).as("under 100 x 5e4")
                    .doesNotThrowAnyException();
        }
    }
}
