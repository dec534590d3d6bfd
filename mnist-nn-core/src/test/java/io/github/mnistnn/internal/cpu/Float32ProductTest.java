package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The float32 product against the same arithmetic written as a plain loop, and against double. */
class Float32ProductTest {
    /** From the float bias, {@code acc = fma((float) x, (float) w, acc)} over the kept inputs in order. */
    private static double[] oneByOne(int m, int n, int k, double[] a, boolean rectify, double[] b, double[] bias) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = (float) bias[j];
                for (int p = 0; p < k; p++) {
                    double x = a[i * k + p];
                    if (rectify ? x > 0 : x != 0) {
                        acc = Math.fma((float) x, (float) b[p * n + j], acc);
                    }
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    @ParameterizedTest
    @CsvSource({"37, 10, 256, false", "37, 10, 256, true", "5, 512, 784, false", "4, 700, 100, true", "1, 1, 1, false",
        "70, 130, 300, true"})
    void sumsInFloatFromTheBiasInTheOrderOfTheInputs(int m, int n, int k, boolean rectify) {
        double[] a = PackedGemmTest.random(m * k, 0.5, 1);
        for (int i = 0; i < a.length; i += 5) {
            a[i] = -a[i];
        }
        a[0] = -0.0;
        double[] b = PackedGemmTest.random(k * n, 0, 2);
        double[] bias = PackedGemmTest.random(n, 0, 3);
        double[] expected = oneByOne(m, n, k, a, rectify, b, bias);
        double[] c = new double[m * n];
        // The plain loops, and the Vector API's where they run.
        for (Float32OnlineLoops loops : java.util.List.of(Float32OnlineLoops.LOOPS, Float32OnlineLoops.create())) {
            Float32Product product = new Float32Product(Float32Weights.of(k, n, b, bias), loops);
            product.multiplyAddRow(m, a, rectify, c);
            assertThat(c).as("%s", loops.getClass().getSimpleName()).containsExactly(expected);
            product.multiplyAddRow(m, a, rectify, c);
            assertThat(c).as("again, with the buffers kept").containsExactly(expected);
        }

        double[] inDouble = new double[m * n];
        PackedGemm.serialWithConstantRight().multiplyAddRow(m, n, k, a, rectify, b, bias, inDouble);
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i]).isCloseTo(inDouble[i], org.assertj.core.api.Assertions.within(1e-5 * Math.sqrt(k)));
        }
    }

    @ParameterizedTest
    @CsvSource({"3, 40, 30", "9, 40, 30", "45, 70, 200"})
    void aRowGetsTheSameSumsAloneAsInABatch(int m, int n, int k) {
        double[] a = PackedGemmTest.random(m * k, 0.3, 4);
        double[] b = PackedGemmTest.random(k * n, 0, 5);
        double[] bias = PackedGemmTest.random(n, 0, 6);
        double[] all = new double[m * n];
        Float32Product product = new Float32Product(Float32Weights.of(k, n, b, bias));
        product.multiplyAddRow(m, a, false, all);
        double[] last = new double[n];
        product.multiplyAddRow(1, java.util.Arrays.copyOfRange(a, (m - 1) * k, m * k), false, last);
        assertThat(last).containsExactly(java.util.Arrays.copyOfRange(all, (m - 1) * n, m * n));
    }

    @org.junit.jupiter.api.Test
    void weightsMovedToAnotherStartGiveTheSameSums() {
        int m = 33;
        int n = 70;
        int k = 200;
        double[] a = PackedGemmTest.random(m * k, 0.3, 7);
        double[] b = PackedGemmTest.random(k * n, 0, 8);
        double[] bias = PackedGemmTest.random(n, 0, 9);
        Float32Weights weights = Float32Weights.of(k, n, b, bias);
        double[] before = new double[m * n];
        Float32Product product = new Float32Product(weights);
        product.multiplyAddRow(m, a, true, before);
        for (int start : new int[] {CacheLines.SLACK - 1, 3, 0}) {
            Float32Weights.Layout seen = weights.layout();
            Float32Weights.Layout moved = weights.realign(seen, array -> start);
            assertThat(moved.start()).isEqualTo(start);
            assertThat(weights.realign(seen, array -> 5)).as("a stale layout is not moved again").isSameAs(moved);
            double[] after = new double[m * n];
            product.multiplyAddRow(m, a, true, after);
            assertThat(after).as("from %d", start).containsExactly(before);
        }
    }
}
