package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The CPU backend and an OpenCL backend side by side for differential tests: uploads the same host values to
 * both, runs one operation on each, and compares the downloads within a relative-or-absolute tolerance. It owns
 * every matrix it makes and closes them with the pair.
 */
final class BackendPair implements AutoCloseable {
    final Backend cpu;
    final Backend cl;
    private final List<Runnable> owned = new ArrayList<>();

    BackendPair(Backend cpu, Backend cl) {
        this.cpu = cpu;
        this.cl = cl;
    }

    /** A matrix on each backend, holding the same values. */
    DeviceMatrix[] matrix(int rows, int cols, double[] values) {
        DeviceMatrix[] pair = {cpu.allocate(rows, cols), cl.allocate(rows, cols)};
        owned.add(pair[0]::close);
        owned.add(pair[1]::close);
        cpu.upload(values, 0, pair[0]);
        cl.upload(values, 0, pair[1]);
        return pair;
    }

    DeviceMatrix[] random(SplittableRandom random, int rows, int cols, double scale) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * (2 * random.nextDouble() - 1);
        }
        return matrix(rows, cols, v);
    }

    DeviceIndices[] indices(int[] values) {
        DeviceIndices[] pair = {cpu.allocateIndices(values.length), cl.allocateIndices(values.length)};
        owned.add(pair[0]::close);
        owned.add(pair[1]::close);
        cpu.upload(values, pair[0]);
        cl.upload(values, pair[1]);
        return pair;
    }

    /** Runs {@code op} on each backend's matrix of the pair. */
    void run(DeviceMatrix[] out, BiFunction<Backend, Integer, DeviceMatrix> op) {
        assertThat(op.apply(cpu, 0)).isSameAs(out[0]);
        assertThat(op.apply(cl, 1)).isSameAs(out[1]);
    }

    /**
     * Asserts the pair holds the same values, each within {@code tolerance * max(1, |cpu value|)}.
     *
     * @return the largest such scaled difference
     */
    double assertClose(DeviceMatrix[] pair, double tolerance, String what) {
        double[] expected = download(cpu, pair[0]);
        double[] actual = download(cl, pair[1]);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double scaled = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
            if (!(scaled <= tolerance) && !(Double.isNaN(expected[i]) && Double.isNaN(actual[i]))) {
                assertThat(actual[i]).as("%s [%d], cpu %s", what, i, expected[i]).isEqualTo(expected[i]);
            }
            worst = Double.isNaN(scaled) ? worst : Math.max(worst, scaled);
        }
        return worst;
    }

    static double[] download(Backend backend, DeviceMatrix m) {
        double[] out = new double[m.rows() * m.cols()];
        backend.download(m, out);
        return out;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).run();
        }
        cl.close();
        cpu.close();
    }
}
