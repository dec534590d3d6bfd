package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.CpuThreads;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link TallGemm} against the definition, on the shapes of convolutions, with zeros in {@code A}. */
class TallGemmTest {
    @ParameterizedTest(name = "transA {0}, transB {1}, {2}x{3}x{4}, beta {5}")
    @CsvSource({"false, false, 5000, 32, 9, 0", "false, false, 4100, 64, 288, 1", "false, true, 4097, 288, 64, 0",
        "true, false, 9, 32, 5000, 0", "true, false, 288, 64, 4200, 0.5", "false, false, 4096, 1, 300, 0"})
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
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setCount(Math.min(threads, Runtime.getRuntime().availableProcessors()));
            double[] out = c.clone();
            new TallGemm().multiply(transA, transB, m, n, k, 0.75, a, b, beta, out);
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).as("[%d]", i).isCloseTo(expected[i],
                        org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(expected[i])) * k));
            }
        }
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
    }
}
