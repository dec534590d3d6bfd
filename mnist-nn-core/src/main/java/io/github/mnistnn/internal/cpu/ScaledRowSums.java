package io.github.mnistnn.internal.cpu;

/**
 * The hot loop of {@link LoopSgemm}: from {@code acc[j] = 0}, {@code acc[j] = fma(v_q, rows[p_q][j], acc[j])} for
 * the listed entries {@code (p_q, v_q)} in the order listed, for every {@code j < n}. Each {@code acc[j]} sees the
 * same fused multiply-adds in the same order in every implementation, so they agree bit for bit. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * ScaledRowSums sums = ScaledRowSums.create();
 * sums.sum(positions, values, count, rows, acc, n);
 * }</pre>
 */
interface ScaledRowSums {
    /**
     * The fastest implementation this JVM runs: the Vector API kernel where {@link VectorKernels} enables it,
     * otherwise {@link #LOOPS}.
     *
     * @return the implementation
     */
    static ScaledRowSums create() {
        return VectorKernels.enabled() ? VectorKernels.scaledRowSums() : LOOPS;
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
    void sum(int[] at, float[] value, int count, float[][] rows, float[] acc, int n);

    /** Loops the JIT vectorises: four rows per pass over {@code acc}. */
    ScaledRowSums LOOPS = (at, value, count, rows, acc, n) -> {
        java.util.Arrays.fill(acc, 0, n, 0f);
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
    };
}
