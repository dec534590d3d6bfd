package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * The hot loop of {@link LoopSgemm}: from {@code acc[j] = 0}, {@code acc[j] = fma(v_q, rows[p_q][j], acc[j])} for
 * the listed entries {@code (p_q, v_q)} in the order listed, for every {@code j < n}, four rows per pass over
 * {@code acc}, in loops the JIT vectorises. A Vector API version that held the sums in eight 256-bit registers
 * while the rows passed was removed: on an AMD EPYC with AVX-512, where HotSpot vectorises these loops 512 bits
 * wide, the loops ran the sparse products of a mini-batch step 1.07-1.33x as fast (the first layer's forward and
 * weight gradient on 40 MNIST batches of 128, best of 30, interleaved in one JVM) and 1.03-1.10x as fast as a
 * 512-bit version of that kernel; in JMH the float32 CNN and mini-batch epoch were level with the loops (four
 * alternated rounds: 0.87-1.04x and 0.78-1.05x the time). So the plainer code stays. Stateless.
 *
 * <pre>{@code
 * ScaledRowSums.sum(positions, values, count, rows, acc, n);
 * }</pre>
 */
final class ScaledRowSums {
    private ScaledRowSums() {
    }

    /**
     * Sums the listed rows, scaled, into {@code acc}, whose old values are not read.
     *
     * @param at the rows' positions, the first {@code count} used
     * @param value their factors
     * @param count how many are listed
     * @param rows the rows, each at least {@code n} long
     * @param acc the sums, {@code n} used
     * @param n the columns
     */
    static void sum(int[] at, float[] value, int count, float[][] rows, float[] acc, int n) {
        Arrays.fill(acc, 0, n, 0f);
        int q = 0;
        for (; q + 3 < count; q += 4) {
            float v0 = value[q];
            float v1 = value[q + 1];
            float v2 = value[q + 2];
            float v3 = value[q + 3];
            float[] b0 = rows[at[q]];
            float[] b1 = rows[at[q + 1]];
            float[] b2 = rows[at[q + 2]];
            float[] b3 = rows[at[q + 3]];
            for (int j = 0; j < n; j++) {
                acc[j] = Math.fma(v3, b3[j], Math.fma(v2, b2[j], Math.fma(v1, b1[j], Math.fma(v0, b0[j], acc[j]))));
            }
        }
        for (; q < count; q++) {
            float v = value[q];
            float[] b0 = rows[at[q]];
            for (int j = 0; j < n; j++) {
                acc[j] = Math.fma(v, b0[j], acc[j]);
            }
        }
    }
}
