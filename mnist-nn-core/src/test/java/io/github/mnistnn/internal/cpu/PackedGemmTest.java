package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.CpuThreads;
import io.github.mnistnn.contract.HostMatrices;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packed product against the definition, against EJML, and across thread counts. */
class PackedGemmTest {
    private final int threadsBefore = CpuThreads.count();

    @AfterEach
    void restoreThreads() {
        CpuThreads.setCount(threadsBefore);
    }

    /** Values with about {@code zeros} of them exactly zero, as in MNIST rows and ReLU outputs. */
    static double[] random(int length, double zeros, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = r.nextDouble() < zeros ? 0 : r.nextDouble(-1, 1);
        }
        return v;
    }

    private static double[] naive(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
            double[] b, double beta, double[] c) {
        return HostMatrices.gemm(transA, transB, alpha, a, transA ? k : m, transA ? m : k, b, transB ? n : k,
                transB ? k : n, beta, c);
    }

    private static double largestDifference(double[] x, double[] y) {
        double largest = 0;
        for (int i = 0; i < x.length; i++) {
            largest = Math.max(largest, Math.abs(x[i] - y[i]));
        }
        return largest;
    }

    @ParameterizedTest
    @CsvSource({
        "false, false, 37, 133, 70, 1.0, 0.0",
        "false, true, 37, 133, 70, -0.5, 1.0",
        "true, false, 37, 133, 70, 2.0, -0.75",
        "true, true, 37, 133, 70, 1.0, 0.5",
        "false, false, 1, 1, 1, 1.0, 0.0",
        "true, false, 129, 257, 65, 0.25, 1.0",
        "false, true, 5, 300, 3, 1.0, 2.0"
    })
    void matchesTheDefinitionForEveryTransposeAndScale(boolean transA, boolean transB, int m, int n, int k,
            double alpha, double beta) {
        double[] a = random(m * k, 0.6, 1);
        double[] b = random(k * n, 0.1, 2);
        double[] c = random(m * n, 0, 3);
        double[] expected = naive(transA, transB, m, n, k, alpha, a, b, beta, c);
        double[] aBefore = a.clone();
        double[] bBefore = b.clone();
        new PackedGemm().multiply(transA, transB, m, n, k, alpha, a, b, beta, c);
        assertThat(largestDifference(c, expected)).isLessThan(1e-12);
        assertThat(a).containsExactly(aBefore);
        assertThat(b).containsExactly(bBefore);
    }

    @Test
    void ignoresTheOldOutputWhenBetaIsZeroEvenIfItIsNaN() {
        double[] a = random(8 * 40, 0.5, 4);
        double[] b = random(40 * 70, 0, 5);
        double[] c = new double[8 * 70];
        java.util.Arrays.fill(c, Double.NaN);
        new PackedGemm().multiply(false, false, 8, 70, 40, 1, a, b, 0, c);
        assertThat(largestDifference(c, naive(false, false, 8, 70, 40, 1, a, b, 0, c))).isLessThan(1e-12);
    }

    @Test
    void matchesEjmlOnMiniBatchShapesThroughTheBackend() {
        int batch = 64;
        DMatrixRMaj x = DMatrixRMaj.wrap(batch, 300, random(batch * 300, 0.8, 6));
        DMatrixRMaj w = DMatrixRMaj.wrap(300, 96, random(300 * 96, 0, 7));
        DMatrixRMaj s = DMatrixRMaj.wrap(batch, 96, random(batch * 96, 0.5, 8));
        assertThat(PackedGemm.suits(batch, 96, 300)).isTrue();
        DMatrixRMaj forward = new DMatrixRMaj(batch, 96);
        CommonOps_DDRM.mult(x, w, forward);
        DMatrixRMaj gradient = w.copy();
        CommonOps_DDRM.multAddTransA(-0.1, x, s, gradient);

        double[] forwardPacked = new double[batch * 96];
        PackedGemm gemm = new PackedGemm();
        gemm.multiply(false, false, batch, 96, 300, 1, x.data, w.data, 0, forwardPacked);
        double[] gradientPacked = w.data.clone();
        gemm.multiply(true, false, 300, 96, batch, -0.1, x.data, s.data, 1, gradientPacked);
        assertThat(largestDifference(forwardPacked, forward.data)).isLessThan(1e-12);
        assertThat(largestDifference(gradientPacked, gradient.data)).isLessThan(1e-12);
    }

    @Test
    void givesBitForBitTheSameResultOnOneThreadAndOnAll() {
        int m = 50;
        int n = 300;
        int k = 90;
        double[] a = random(m * k, 0.7, 9);
        double[] b = random(k * n, 0, 10);
        double[] one = new double[m * n];
        double[] all = new double[m * n];
        CpuThreads.setCount(1);
        new PackedGemm().multiply(false, true, m, n, k, 1, a, b, 0, one);
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
        new PackedGemm().multiply(false, true, m, n, k, 1, a, b, 0, all);
        assertThat(all).containsExactly(one);
    }

    @Test
    void aConstantRightFactorIsRepackedWhenAnotherArrayIsPassed() {
        double[] a = random(10 * 40, 0.3, 11);
        double[] b1 = random(40 * 50, 0, 12);
        double[] b2 = random(40 * 50, 0, 13);
        PackedGemm gemm = PackedGemm.withConstantRight();
        double[] c = new double[10 * 50];
        gemm.multiply(false, false, 10, 50, 40, 1, a, b1, 0, c);
        assertThat(largestDifference(c, naive(false, false, 10, 50, 40, 1, a, b1, 0, c))).isLessThan(1e-12);
        gemm.multiply(false, false, 10, 50, 40, 1, a, b2, 0, c);
        assertThat(largestDifference(c, naive(false, false, 10, 50, 40, 1, a, b2, 0, c))).isLessThan(1e-12);
    }

    /** The single-sample sum: from the bias, {@code c += x * w} over the inputs that are not zero, in order. */
    private static double[] layerOneByOne(int m, int n, int k, double[] a, boolean rectify, double[] b,
            double[] bias) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(bias, 0, c, i * n, n);
            for (int p = 0; p < k; p++) {
                double x = a[i * k + p];
                x = rectify ? (x > 0 ? x : 0.0) : x;
                if (x == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += x * b[p * n + j];
                }
            }
        }
        return c;
    }

    @ParameterizedTest
    @CsvSource({
        "37, 10, 256, false", "37, 10, 256, true", "5, 512, 784, false", "6, 512, 784, true",
        "64, 300, 70, true", "1, 1, 1, false", "3, 17, 65, true",
    })
    void multiplyAddRowIsBitForBitTheSingleSampleSum(int m, int n, int k, boolean rectify) {
        double[] a = random(m * k, 0.5, 14);
        for (int i = 0; i < a.length; i += 7) {
            a[i] = -a[i]; // negatives, which a rectified product skips
        }
        a[0] = -0.0;
        if (a.length > 3) {
            a[3] = Double.NaN; // counted when not rectified (so the row is NaN), skipped when rectified
        }
        double[] b = random(k * n, 0, 15);
        double[] bias = random(n, 0, 16);
        double[] expected = layerOneByOne(m, n, k, a, rectify, b, bias);
        for (PackedGemm gemm : new PackedGemm[] {new PackedGemm(), PackedGemm.serialWithConstantRight()}) {
            double[] c = new double[m * n];
            java.util.Arrays.fill(c, Double.NaN);
            gemm.multiplyAddRow(m, n, k, a, rectify, b, bias, c);
            assertThat(c).containsExactly(expected);
            gemm.multiplyAddRow(m, n, k, a, rectify, b, bias, c);
            assertThat(c).as("again, with the packing kept").containsExactly(expected);
        }
    }
}
