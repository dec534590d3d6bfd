package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused online kernel against the primitive kernels on the same device, in float32: the reference network
 * with both rules, the squared error through a softmax output, and a network too deep for the kernel (which
 * the backend declines through {@code canTrainOnline}, so the trainer's own step runs and it agrees exactly).
 */
@RequiresOpenClDevice
class FusedOnlinePathTest {
    private static void assertSameNetworks(Network fused, Network primitive, double tolerance) {
        for (int k = 0; k < fused.layers().size(); k++) {
            double[][] f = ((DenseLayer) fused.layers().get(k)).weights();
            double[][] p = ((DenseLayer) primitive.layers().get(k)).weights();
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < f[i].length; j++) {
                    assertThat(f[i][j]).as("layer %d W[%d][%d]", k + 1, i, j).isCloseTo(p[i][j], within(tolerance));
                }
            }
            double[] fb = ((DenseLayer) fused.layers().get(k)).biases();
            double[] pb = ((DenseLayer) primitive.layers().get(k)).biases();
            for (int j = 0; j < fb.length; j++) {
                assertThat(fb[j]).as("layer %d b[%d]", k + 1, j).isCloseTo(pb[j], within(tolerance));
            }
        }
    }

    private static Network[] both(Trainer.Builder builder, NetworkSpec spec, LabeledData data) {
        try (Backend backend = OpenClAvailability.open(Precision.FLOAT32)) {
            Trainer.Builder b = builder.backend(backend);
            return new Network[] {b.fusedKernels(true).build().train(spec, data),
                b.fusedKernels(false).build().train(spec, data)};
        }
    }

    @ParameterizedTest
    @EnumSource(BackpropRule.class)
    void theReferenceNetworkTrainsAlikeFusedAndPrimitive(BackpropRule rule) {
        Network[] n = both(Trainer.builder().rule(rule).learningRate(0.01).seed(3), NetworkSpec.reference(5),
                SyntheticDigits.of(150, 5, 5));
        assertSameNetworks(n[0], n[1], 1e-5);
        assertThat(n[0].provenance().orElseThrow().trainingAccuracy())
                .isEqualTo(n[1].provenance().orElseThrow().trainingAccuracy());
    }

    @Test
    void theSquaredErrorThroughEveryKindOfLayerTrainsAlike() {
        NetworkSpec spec = NetworkSpec.builder(6).layer(5, Activation.RELU).layer(4, Activation.LEAKY_RELU)
                .layer(4, Activation.IDENTITY).layer(3, Activation.SOFTMAX).build();
        LabeledData data = SyntheticDigitsSmall.of(40);
        for (BackpropRule rule : BackpropRule.values()) {
            Network[] n = both(Trainer.builder().rule(rule).loss(Loss.MEAN_SQUARED_ERROR).learningRate(0.1).epochs(2)
                    .seed(4), spec, data);
            assertSameNetworks(n[0], n[1], 1e-5);
        }
    }

    @Test
    void aNetworkTooDeepForTheKernelTrainsThroughTheTrainersOwnStep() {
        NetworkSpec.Builder deep = NetworkSpec.builder(6);
        for (int k = 0; k < KernelProgram.MAX_LAYERS; k++) {
            deep.layer(5, Activation.TANH);
        }
        NetworkSpec spec = deep.layer(3, Activation.SOFTMAX).build();
        int[] widths = new int[spec.depth()];
        for (int k = 0; k < widths.length; k++) {
            widths[k] = spec.width(k);
        }
        try (OpenClBackend backend = (OpenClBackend) OpenClAvailability.open(Precision.FLOAT32)) {
            assertThat(backend.canTrainOnline(6, widths)).isFalse();
            assertThat(backend.canTrainOnline(784, new int[] {64, 32, 16, 5})).isTrue();
        }
        Network[] n = both(Trainer.builder().learningRate(0.05).seed(5), spec, SyntheticDigitsSmall.of(30));
        assertSameNetworks(n[0], n[1], 0);
    }

    /** Six features, three classes. */
    private static final class SyntheticDigitsSmall {
        static LabeledData of(int samples) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(samples);
            double[][] x = new double[samples][6];
            int[] y = new int[samples];
            for (int s = 0; s < samples; s++) {
                y[s] = s % 3;
                for (int i = 0; i < 6; i++) {
                    x[s][i] = (i % 3 == y[s] ? 1 : 0) + 0.3 * random.nextGaussian();
                }
            }
            return LabeledData.of(x, y, 3);
        }
    }
}
