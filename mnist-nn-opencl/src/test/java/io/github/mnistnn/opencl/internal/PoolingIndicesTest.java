package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.PoolGeometry;
import org.junit.jupiter.api.Test;

/**
 * The index vectors that {@code maxPool} writes on the device, whose host copy ({@link OpenClIndices#host()}) is
 * then stale: a gather reads them back before it checks them, so it refuses what the CPU backend refuses instead of
 * reading past a buffer; {@code maxPoolBackward} checks indices uploaded from the host as the CPU backend does, and
 * ignores bad ones a pooling wrote, which it does not read back.
 */
@RequiresOpenClDevice
class PoolingIndicesTest {
    /** One 4x4 image pooled 2x2 to four maxima, at inputs 5, 6, 13 and 15. */
    private static final PoolGeometry POOL = PoolGeometry.of(4, 4, 1, 2, 2);
    private static final double[] IMAGE = {0, 1, 0, 2, 3, 9, 8, 0, 0, 1, 0, 2, 3, 9, 1, 8};

    @Test
    void aGatherReadsBackTheIndicesAPoolingWroteAndRefusesWhatTheCpuRefuses() {
        try (Backend cpu = Backends.open("cpu"); Backend cl = OpenClAvailability.open(Precision.FLOAT32)) {
            for (Backend backend : new Backend[] {cpu, cl}) {
                try (DeviceMatrix x = upload(backend, 1, 16, IMAGE);
                        DeviceIndices argmax = backend.allocateIndices(4);
                        DeviceMatrix pooled = backend.allocate(1, 4);
                        DeviceMatrix numbers = upload(backend, 16, 1, iota(16));
                        DeviceMatrix few = backend.allocate(8, 1);
                        DeviceMatrix gathered = backend.allocate(4, 1)) {
                    backend.maxPool(POOL, x, argmax, pooled);
                    backend.gatherRows(numbers, argmax, 0, gathered);
                    assertThat(download(backend, gathered)).as(backend.name()).containsExactly(5, 6, 13, 15);
                    assertThatThrownBy(() -> backend.gatherRows(few, argmax, 0, gathered)).as(backend.name())
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("gatherRows: index 13 is outside the 8 rows");
                }
            }
        }
    }

    @Test
    void uploadedIndicesAreCheckedAsTheCpuChecksThem() {
        try (Backend cpu = Backends.open("cpu"); Backend cl = OpenClAvailability.open(Precision.FLOAT32)) {
            for (Backend backend : new Backend[] {cpu, cl}) {
                try (DeviceIndices argmax = backend.allocateIndices(4);
                        DeviceMatrix gradOut = upload(backend, 1, 4, new double[] {1, 2, 3, 4});
                        DeviceMatrix gradIn = backend.allocate(1, 16)) {
                    backend.upload(new int[] {5, 6, 16, 15}, argmax);
                    assertThatThrownBy(() -> backend.maxPoolBackward(POOL, gradOut, argmax, gradIn))
                            .as(backend.name()).isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("maxPoolBackward: index 16 at 2 is outside the 16 input values");
                }
            }
        }
    }

    @Test
    void indicesAPoolingWroteThatFitNoInputOfTheirWindowAreIgnored() {
        // Pooled with one geometry, passed back with another of the same lengths whose inputs are only 0..3.
        PoolGeometry other = PoolGeometry.of(2, 2, 1, 1, 1);
        try (Backend cl = OpenClAvailability.open(Precision.FLOAT32);
                DeviceMatrix x = upload(cl, 1, 16, IMAGE);
                DeviceIndices argmax = cl.allocateIndices(4);
                DeviceMatrix pooled = cl.allocate(1, 4);
                DeviceMatrix gradOut = upload(cl, 1, 4, new double[] {1, 2, 3, 4});
                DeviceMatrix gradIn = upload(cl, 1, 4, new double[] {7, 7, 7, 7})) {
            cl.maxPool(POOL, x, argmax, pooled);
            cl.maxPoolBackward(other, gradOut, argmax, gradIn);
            assertThat(download(cl, gradIn)).containsExactly(0, 0, 0, 0);
        }
    }

    private static double[] iota(int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = i;
        }
        return v;
    }

    private static DeviceMatrix upload(Backend backend, int rows, int cols, double[] values) {
        DeviceMatrix m = backend.allocate(rows, cols);
        backend.upload(values, 0, m);
        return m;
    }

    private static double[] download(Backend backend, DeviceMatrix m) {
        double[] out = new double[m.rows() * m.cols()];
        backend.download(m, out);
        return out;
    }
}
