package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mnistnn.CpuThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both implementations of {@link TallGemm} (the loops, and the Vector API kernels where this JVM runs them)
 * against the definition, on the shapes of convolutions, with zeros in {@code A}, and each against the exact
 * order of its sums.
 */
class TallGemmTest {
    private static List<TallGemm> implementations() {
        List<TallGemm> all = new ArrayList<>(List.of(new LoopTallGemm()));
        if (VectorKernels.enabled()) {
            all.add(VectorKernels.tallGemm());
        }
        return all;
    }

    @ParameterizedTest(name = "transA {0}, transB {1}, {2}x{3}x{4}, beta {5}")
    @CsvSource({"false, false, 5000, 32, 9, 0", "false, false, 4100, 64, 288, 1", "false, true, 4097, 288, 64, 0",
        "true, false, 9, 32, 5000, 0", "true, false, 288, 64, 4200, 0.5", "false, false, 4096, 1, 300, 0",
        "false, false, 4099, 21, 13, 0.25", "true, false, 7, 37, 4500, 1", "true, false, 13, 16, 8191, 0"})
    void matchesTheDefinition(boolean transA, boolean transB, int m, int n, int k, double beta) {
        assertThat(TallGemm.suits(transA, transB, m, n, k)).isTrue();
        SplittableRandom random = new SplittableRandom(m + n + k);
        double[] a = new double[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(3) == 0 ? 0 : random.nextDouble() - 0.5;
        }
        double[] b = new double[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() - 0.5;
        }
        double[] c = new double[m * n];
        for (int i = 0; i < c.length; i++) {
            c[i] = beta == 0 ? Double.NaN : random.nextDouble();
        }
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                }
                expected[i * n + j] = 0.75 * sum + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
        for (TallGemm gemm : implementations()) {
            for (int threads : new int[] {1, 2}) {
                CpuThreads.setCount(Math.min(threads, Runtime.getRuntime().availableProcessors()));
                double[] out = c.clone();
                gemm.multiply(transA, transB, m, n, k, 0.75, a, b, beta, out);
                for (int i = 0; i < out.length; i++) {
                    assertThat(out[i]).as("%s [%d]", gemm.getClass().getSimpleName(), i).isCloseTo(expected[i],
                            within(1e-12 * Math.max(1, Math.abs(expected[i])) * k));
                }
            }
        }
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The loops' tall product sums each row in a fixed order whatever the threads and however rows are paired: four
     * entries of {@code A} at a time in increasing {@code k}, a quad of zeros skipped, then the last entries one at
     * a time. Rows here mix all-zero quads, quads zero in only one row of a pair, and an odd row count, and the
     * result must equal that order bit for bit.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}, transB {3}")
    @CsvSource({"4097, 64, 30, false", "4101, 33, 7, true", "4096, 5, 288, false"})
    void sumsEveryRowInItsDefinedOrder(int m, int n, int k, boolean transB) {
        SplittableRandom random = new SplittableRandom(7L * m + n + k);
        double[] a = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                boolean zeroQuad = (i % 3 == 0 && (p / 4) % 2 == 0) || (i % 5 == 1 && (p / 4) % 3 == 1);
                a[i * k + p] = zeroQuad || random.nextInt(4) == 0 ? 0 : random.nextDouble() - 0.5;
            }
        }
        double[] b = new double[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() - 0.5;
        }
        double[] expected = new double[m * n];
        double[] sum = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(sum, 0);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double x0 = a[i * k + p];
                double x1 = a[i * k + p + 1];
                double x2 = a[i * k + p + 2];
                double x3 = a[i * k + p + 3];
                if (x0 != 0 || x1 != 0 || x2 != 0 || x3 != 0) {
                    for (int j = 0; j < n; j++) {
                        sum[j] += x0 * entry(b, transB, p, j, n, k) + x1 * entry(b, transB, p + 1, j, n, k)
                                + x2 * entry(b, transB, p + 2, j, n, k) + x3 * entry(b, transB, p + 3, j, n, k);
                    }
                }
            }
            for (; p < k; p++) {
                double x = a[i * k + p];
                if (x != 0) {
                    for (int j = 0; j < n; j++) {
                        sum[j] += x * entry(b, transB, p, j, n, k);
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                expected[i * n + j] = 0.5 * sum[j];
            }
        }
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setCount(Math.min(threads, Runtime.getRuntime().availableProcessors()));
            double[] out = new double[m * n];
            new LoopTallGemm().multiply(false, transB, m, n, k, 0.5, a, b, 0, out);
            for (int i = 0; i < out.length; i++) {
                assertThat(Double.doubleToRawLongBits(out[i])).as("[%d] with %d threads", i, threads)
                        .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
        }
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
    }

    private static double entry(double[] b, boolean transB, int p, int j, int n, int k) {
        return transB ? b[j * k + p] : b[p * n + j];
    }

    /**
     * The Vector API kernels also serve the products of dense layers, of every shape but {@code A^T B^T}: against
     * the definition, with tails of rows and columns that fill no tile.
     */
    @ParameterizedTest(name = "transA {0}, transB {1}, {2}x{3}x{4}, beta {5}")
    @CsvSource({"false, false, 37, 133, 70, 0.5", "true, false, 37, 133, 70, -0.75", "false, true, 37, 133, 70, 1",
        "true, false, 129, 257, 65, 0", "false, true, 5, 300, 3, 2", "true, false, 784, 10, 128, 0",
        "false, false, 128, 512, 784, 0", "false, false, 1, 1, 1, 0"})
    void vectorKernelsMatchTheDefinitionOnDenseShapes(boolean transA, boolean transB, int m, int n, int k,
            double beta) {
        assumeTrue(VectorKernels.enabled(), () -> "the Vector API kernels do not run here: "
                + VectorKernels.description());
        TallGemm gemm = VectorKernels.tallGemm();
        assertThat(gemm.coversDenseShapes()).isTrue();
        SplittableRandom random = new SplittableRandom(3L * m + n + k);
        double[] a = new double[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(3) == 0 ? 0 : random.nextDouble() - 0.5;
        }
        double[] b = new double[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() - 0.5;
        }
        double[] c = new double[m * n];
        for (int i = 0; i < c.length; i++) {
            c[i] = beta == 0 ? Double.NaN : random.nextDouble();
        }
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setCount(Math.min(threads, Runtime.getRuntime().availableProcessors()));
            double[] out = c.clone();
            gemm.multiply(transA, transB, m, n, k, 0.75, a, b, beta, out);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                    }
                    double expected = 0.75 * sum + (beta == 0 ? 0 : beta * c[i * n + j]);
                    assertThat(out[i * n + j]).as("[%d, %d] with %d threads", i, j, threads)
                            .isCloseTo(expected, within(1e-13 * k * Math.max(1, Math.abs(expected))));
                }
            }
        }
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The Vector API kernels sum every entry of {@code C} as one chain of fused multiply-adds in increasing
     * {@code k} (within each of the {@value TallGemm#PARTS} stretches of a long product, whose partial sums are then
     * added in order), then scale it: {@code alpha sum}, or {@code beta c + alpha sum}. That order, computed here
     * with {@link Math#fma}, must match bit for bit on one thread and on two, whatever the tiles and tails.
     */
    @ParameterizedTest(name = "transA {0}, {1}x{2}x{3}, beta {4}")
    @CsvSource({"false, 4101, 33, 7, 0", "false, 4096, 64, 288, 0.5", "true, 9, 32, 5003, 0", "true, 6, 21, 4100, 2",
        "true, 37, 133, 70, 0.5", "false, 37, 133, 70, 0", "true, 784, 10, 128, 0"})
    void vectorKernelsSumInTheirDefinedOrder(boolean transA, int m, int n, int k, double beta) {
        assumeTrue(VectorKernels.enabled(), () -> "the Vector API kernels do not run here: "
                + VectorKernels.description());
        SplittableRandom random = new SplittableRandom(11L * m + n + k);
        double[] a = new double[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(3) == 0 ? 0 : random.nextDouble() - 0.5;
        }
        double[] b = new double[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() - 0.5;
        }
        double[] c = new double[m * n];
        for (int i = 0; i < c.length; i++) {
            c[i] = random.nextDouble();
        }
        int stretch = transA && k >= TallGemm.TALL ? (k + TallGemm.PARTS - 1) / TallGemm.PARTS : k;
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double total = 0;
                for (int from = 0; from < k; from += stretch) {
                    double sum = 0;
                    for (int p = from; p < Math.min(k, from + stretch); p++) {
                        sum = Math.fma(transA ? a[p * m + i] : a[i * k + p], b[p * n + j], sum);
                    }
                    total = from == 0 ? sum : total + sum;
                }
                expected[i * n + j] = beta == 0 ? 0.75 * total : beta * c[i * n + j] + 0.75 * total;
            }
        }
        TallGemm gemm = VectorKernels.tallGemm();
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setCount(Math.min(threads, Runtime.getRuntime().availableProcessors()));
            double[] out = c.clone();
            gemm.multiply(transA, false, m, n, k, 0.75, a, b, beta, out);
            for (int i = 0; i < out.length; i++) {
                assertThat(Double.doubleToRawLongBits(out[i])).as("[%d] with %d threads", i, threads)
                        .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
        }
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
    }
}
