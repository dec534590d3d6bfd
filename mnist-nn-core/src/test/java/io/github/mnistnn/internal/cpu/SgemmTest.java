package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.CpuThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every implementation of {@link Sgemm} (the loops, and the Vector API kernels where this JVM runs them: each tile
 * shape of {@link SgemmTile} whichever this processor prefers, and the zero-skipping {@code VectorSparseSgemm})
 * against the definition in double precision, on
 * every transpose, tails in {@code m}, {@code n} and {@code k}, the shapes of a dense layer's forward pass and
 * weight gradient, a convolution's tall product, long products whose {@code k} is split, and 1x1x1; {@code A}
 * holds a third zeros, and with {@code beta == 0} the old {@code C} is NaN. On one thread and on two, and in every
 * implementation, the results must be bit for bit the same.
 *
 * <p>Tolerance: the factors are floats, so the double definition sums exact products and is exact to far below a
 * float's rounding. Each entry of the float result is a chain of {@code k} fused multiply-adds (one rounding each,
 * a zero skipped exactly), plus up to {@link Sgemm#PARTS} additions of partial sums, one rounding each for
 * {@code alpha s}, {@code beta c} and their sum: at most {@code n = k + PARTS + 3} roundings of unit
 * {@code u = 2^-24}, so the error is within {@code gamma_n = n u / (1 - n u)} times
 * {@code |alpha| sum |a b| + |beta c|}, the standard bound for a recursive sum.
 *
 * <pre>{@code
 * mvn -q surefire:test -Dtest=SgemmTest
 * }</pre>
 */
class SgemmTest {
    private static final double UNIT_ROUNDOFF = 0x1p-24;

    /** The Vector API product with each tile shape, where this JVM runs the kernels. */
    private static List<Sgemm> vectorKernels() {
        return VectorKernels.enabled() ? VectorKernels.sgemmOfEveryShape() : List.of();
    }

    /**
     * Every product: the loops, each tile shape and the zero-skipping sums in registers, and the last two again with
     * their packed panels from an odd start, off the cache lines.
     */
    private static List<Sgemm> implementations() {
        List<Sgemm> all = new ArrayList<>(List.of(new LoopSgemm()));
        all.addAll(vectorKernels());
        if (VectorKernels.enabled()) {
            all.add(VectorKernels.sparseSgemm());
            all.addAll(VectorKernels.sgemmsWithPanelsAt(CacheLines.SLACK - 3));
        }
        return all;
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"288, 64, 25088", "9, 32, 5000", "1001, 33, 4500", "6, 70, 4096", "48, 24, 20000",
        "576, 128, 6272"})
    void theLongTransposedProductIsTheProductOfTheTransposeBitForBit(int m, int n, int k) {
        org.junit.jupiter.api.Assumptions.assumeTrue(VectorKernels.enabled(), "the Vector API kernels do not run here");
        assertThat(Sgemm.splitsK(m, n, k)).isTrue();
        SplittableRandom random = new SplittableRandom(m + 13L * n + k);
        float[] a = new float[k * m];
        float[] transposed = new float[m * k];
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                float x = random.nextInt(4) == 0 ? 0 : (float) (random.nextDouble() - 0.5);
                a[p * m + i] = x;
                transposed[i * k + p] = x;
            }
        }
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (random.nextDouble() - 0.5);
        }
        float[] first = null;
        for (Sgemm gemm : vectorKernels()) {
            float[] inBlocks = new float[m * n];
            float[] inPlace = new float[m * n];
            gemm.multiply(true, false, m, n, k, 0.5f, a, b, 0f, inBlocks);
            gemm.multiply(false, false, m, n, k, 0.5f, transposed, b, 0f, inPlace);
            assertThat(inBlocks).containsExactly(inPlace);
            first = first == null ? inPlace : first;
            assertThat(inPlace).as("every tile shape").containsExactly(first);
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, alpha {3}, beta {4}")
    @CsvSource({"784, 10, 128, -0.5, 1", "37, 20, 70, 0.75, 0", "1152, 10, 128, 1, 0", "576, 128, 6272, -0.25, 0.5",
        "33, 32, 9000, 2, 0"})
    void aTransposedProductWithBetaIsTheProductOfTheTransposeBitForBit(int m, int n, int k, float alpha,
            float beta) {
        org.junit.jupiter.api.Assumptions.assumeTrue(VectorKernels.enabled(), "the Vector API kernels do not run here");
        SplittableRandom random = new SplittableRandom(m + 7L * n + k);
        float[] a = new float[k * m];
        float[] transposed = new float[m * k];
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                float x = random.nextInt(4) == 0 ? 0 : (float) (random.nextDouble() - 0.5);
                a[p * m + i] = x;
                transposed[i * k + p] = x;
            }
        }
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (random.nextDouble() - 0.5);
        }
        float[] c = new float[m * n];
        for (int i = 0; i < c.length; i++) {
            c[i] = beta == 0 ? Float.NaN : (float) (random.nextDouble() - 0.5);
        }
        float[] first = null;
        for (Sgemm gemm : vectorKernels()) {
            float[] swapped = c.clone();
            float[] inPlace = c.clone();
            gemm.multiply(true, false, m, n, k, alpha, a, b, beta, swapped);
            gemm.multiply(false, false, m, n, k, alpha, transposed, b, beta, inPlace);
            assertThat(swapped).containsExactly(inPlace);
            first = first == null ? inPlace : first;
            assertThat(inPlace).as("every tile shape").containsExactly(first);
        }
    }

    @ParameterizedTest(name = "transA {0}, transB {1}, {2}x{3}x{4}, alpha {5}, beta {6}")
    @CsvSource({"false, false, 37, 133, 70, 0.75, 0", "true, false, 37, 133, 70, -0.5, 0.5",
        "false, true, 37, 133, 70, 1, 1", "true, true, 37, 133, 70, 0.75, 0", "false, false, 128, 512, 784, 1, 0",
        "true, false, 784, 10, 128, -0.5, 1", "false, false, 4101, 33, 7, 1, 0", "false, true, 4101, 33, 7, 2, 0.25",
        "false, false, 1, 1, 1, 0.75, 0", "true, false, 9, 32, 5000, 1, 0", "true, true, 13, 40, 8191, -0.5, 0.5",
        "false, false, 3, 70, 4500, 1, 0"})
    void matchesTheDefinitionOnOneThreadAndTwo(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float beta) {
        SplittableRandom random = new SplittableRandom(31L * m + 7L * n + k);
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(3) == 0 ? 0 : (float) (random.nextDouble() - 0.5);
        }
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (random.nextDouble() - 0.5);
        }
        float[] c = new float[m * n];
        for (int i = 0; i < c.length; i++) {
            c[i] = beta == 0 ? Float.NaN : (float) random.nextDouble();
        }
        double[] exact = new double[m * n];
        double[] magnitude = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double x = transA ? a[p * m + i] : a[i * k + p];
                for (int j = 0; j < n; j++) {
                    double y = transB ? b[j * k + p] : b[p * n + j];
                    exact[i * n + j] += x * y;
                    magnitude[i * n + j] += Math.abs(x * y);
                }
            }
        }
        int roundings = k + Sgemm.PARTS + 3;
        double gamma = roundings * UNIT_ROUNDOFF / (1 - roundings * UNIT_ROUNDOFF);
        int threads = CpuThreads.count();
        float[] first = null;
        try {
            for (Sgemm gemm : implementations()) {
                String name = gemm.getClass().getSimpleName();
                CpuThreads.setCount(1);
                float[] one = c.clone();
                gemm.multiply(transA, transB, m, n, k, alpha, a, b, beta, one);
                CpuThreads.setCount(Math.min(2, Runtime.getRuntime().availableProcessors()));
                float[] two = c.clone();
                gemm.multiply(transA, transB, m, n, k, alpha, a, b, beta, two);
                assertThat(two).as("%s on two threads", name).containsExactly(one);
                // The same chain of fused multiply-adds in every product: skipping a zero of A skips adding 0 * b.
                first = first == null ? one : first;
                assertThat(one).as("%s against %s", name, implementations().get(0).getClass().getSimpleName())
                        .containsExactly(first);
                for (int i = 0; i < one.length; i++) {
                    double old = beta == 0 ? 0 : beta * (double) c[i];
                    double expected = alpha * exact[i] + old;
                    double bound = gamma * (Math.abs(alpha) * magnitude[i] + Math.abs(old));
                    assertThat(Math.abs(one[i] - expected)).as("%s [%d]: %s vs %s", name, i, one[i], expected)
                            .isLessThanOrEqualTo(bound);
                }
            }
        } finally {
            CpuThreads.setCount(threads);
        }
    }

    @Test
    void createRunsTheVectorKernelsWhereTheyAreEnabled() {
        Sgemm gemm = Sgemm.create();
        assertThat(gemm).isInstanceOf(VectorKernels.enabled() ? VectorKernels.sgemm().getClass() : LoopSgemm.class);
    }

    @Test
    void aProductFollowingALargerOneReusesItsBuffersCorrectly() {
        for (Sgemm gemm : implementations()) {
            float[] big = new float[300 * 300];
            java.util.Arrays.fill(big, 1f);
            gemm.multiply(false, false, 300, 300, 300, 1f, big, big, 0f, new float[300 * 300]);
            float[] c = {Float.NaN};
            gemm.multiply(false, true, 1, 1, 3, 1f, new float[] {1, 2, 3}, new float[] {4, 5, 6}, 0f, c);
            assertThat(c).as(gemm.getClass().getSimpleName()).containsExactly(32f);
        }
    }
}
