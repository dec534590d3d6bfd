package io.github.mnistnn.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.SplittableRandom;

/** Host-side reference arithmetic and transfers for the contract suite. */
public final class HostMatrices {
    private HostMatrices() {
    }

    static double[] random(SplittableRandom random, int count, double scale) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = scale * (2 * random.nextDouble() - 1);
        }
        return v;
    }

    static DeviceMatrix upload(Backend backend, int rows, int cols, double[] values) {
        DeviceMatrix m = backend.allocate(rows, cols);
        backend.upload(values, 0, m);
        return m;
    }

    static double[] download(Backend backend, DeviceMatrix m) {
        double[] out = new double[m.rows() * m.cols()];
        backend.download(m, out);
        return out;
    }

    /**
     * {@code alpha op(a) op(b) + beta c} on the host, straight from the definition.
     *
     * @param transA use {@code a^T}
     * @param transB use {@code b^T}
     * @param alpha scale of the product
     * @param a row-major {@code aRows x aCols}
     * @param aRows rows of {@code a} as stored
     * @param aCols columns of {@code a} as stored
     * @param b row-major {@code bRows x bCols}
     * @param bRows rows of {@code b} as stored
     * @param bCols columns of {@code b} as stored
     * @param beta scale of {@code c}; with 0, {@code c} is not read
     * @param c row-major output-shaped values
     * @return a new array
     */
    public static double[] gemm(boolean transA, boolean transB, double alpha, double[] a, int aRows, int aCols, double[] b,
            int bRows, int bCols, double beta, double[] c) {
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int n = transB ? bRows : bCols;
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[p * aCols + i] : a[i * aCols + p];
                    double y = transB ? b[j * bCols + p] : b[p * bCols + j];
                    sum += x * y;
                }
                out[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
        return out;
    }

    /** Every element within {@code tolerance}, relative to its size where that is above 1. */
    static void assertClose(double[] actual, double[] expected, double tolerance, String what) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double bound = tolerance * Math.max(1, Math.abs(expected[i]));
            assertThat(Math.abs(actual[i] - expected[i])).as(what + " [" + i + "]: " + actual[i] + " vs " + expected[i])
                    .isLessThanOrEqualTo(bound);
        }
    }
}
