package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.FusedOnlineTraining;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The online paths' per-run lists of non-zero inputs ({@link SampleNonZeros}, {@link Float32SampleNonZeros}) follow
 * the data when it is uploaded again.
 */
class SampleNonZerosTest {
    private static final double[] FIRST = {0, 1, 0, 0.5, 0, 0, 0.25, 0, 0, 0, 1, 0};
    private static final double[] SECOND = {1, 0, 0.5, 0, 0, 1, 0, 0, 0.75, 0, 0, 0.5};
    private static final double[] WEIGHTS = {0.1, -0.2, 0.3, 0.05, -0.1, 0.2, 0.15, -0.3, 0.25, 0.1, -0.05, 0.2};

    /** Trains 2 samples of 6 features into a 6-2 softmax layer on {@code data}, after {@code before} if given. */
    private static double[] weightsAfter(Backend backend, double[] before, double[] data) {
        try (DeviceMatrix w = backend.allocate(6, 2);
             DeviceMatrix b = backend.allocate(1, 2);
             DeviceMatrix x = backend.allocate(2, 6);
             DeviceMatrix y = backend.allocate(2, 2);
             DeviceMatrix metrics = backend.allocate(1, Backend.METRIC_COUNT);
             DeviceIndices order = backend.allocateIndices(2)) {
            backend.upload(WEIGHTS, 0, w);
            backend.upload(new double[] {1, 0, 0, 1}, 0, y);
            backend.upload(new int[] {0, 1}, order);
            FusedOnlineTraining fused = (FusedOnlineTraining) backend;
            if (before != null) {
                backend.upload(before, 0, x);
                fused.trainOnline(BackpropRule.CB, Loss.SOFTMAX_CROSS_ENTROPY, 0.5,
                        new Activation[] {Activation.SOFTMAX}, new DeviceMatrix[] {w}, new DeviceMatrix[] {b}, x, y,
                        order, 0, 2, metrics);
                backend.upload(WEIGHTS, 0, w);
                backend.upload(new double[2], 0, b);
            }
            backend.upload(data, 0, x);
            fused.trainOnline(BackpropRule.CB, Loss.SOFTMAX_CROSS_ENTROPY, 0.5, new Activation[] {Activation.SOFTMAX},
                    new DeviceMatrix[] {w}, new DeviceMatrix[] {b}, x, y, order, 0, 2, metrics);
            double[] out = new double[12];
            backend.download(w, out);
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "cpu-float32"})
    void dataUploadedAgainIsTrainedOnNotTheOldNonZeros(String name) {
        double[] fresh;
        try (Backend backend = Backends.open(name)) {
            fresh = weightsAfter(backend, null, SECOND);
        }
        try (Backend backend = Backends.open(name)) {
            assertThat(weightsAfter(backend, FIRST, SECOND)).containsExactly(fresh);
        }
        assertThat(fresh).isNotEqualTo(WEIGHTS);
    }
}
