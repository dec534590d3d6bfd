package io.github.mnistnn.internal.cpu;

/**
 * The hot loops of {@link OnlineCpuTrainer}, on short rows of doubles (a layer of 64 units is one row of 64): a sum
 * of listed rows, each scaled, and the scaled addition of one vector to listed rows. Each implementation rounds
 * every product and every sum on its own, in the order given here (no fused multiply-add), so all of them agree
 * bit for bit with each other and with the plain Java expressions. Stateless and thread-safe.
 *
 * <pre>{@code
 * OnlineLoops loops = OnlineLoops.create();
 * loops.sumRows(x, nonZero, from, to, weightRows, n, 64);          // n = W^T x over the non-zero inputs
 * loops.addScaled(-lr, x, nonZero, from, to, delta, weightRows, 64); // W -= lr x delta^T on those rows
 * }</pre>
 */
interface OnlineLoops {
    /**
     * The fastest implementation this JVM runs: the Vector API kernel where {@link VectorKernels} enables it,
     * otherwise {@link #LOOPS}.
     *
     * @return the implementation
     */
    static OnlineLoops create() {
        return VectorKernels.enabled() ? VectorKernels.onlineLoops() : LOOPS;
    }

    /**
     * {@code out[j] = (((0 + v[from] rows[at[from]][j]) + v[from + 1] rows[at[from + 1]][j]) + ...)} for
     * {@code j < width}: the listed rows added one after another in the order listed.
     *
     * @param v the factors, indexed like {@code at}
     * @param at the rows' positions in {@code rows}
     * @param from the first listed entry
     * @param to past the last listed entry
     * @param rows the rows, each at least {@code width} long
     * @param out the sums, {@code width} written
     * @param width the columns
     */
    void sumRows(double[] v, int[] at, int from, int to, double[][] rows, double[] out, int width);

    /**
     * {@code rows[at[q]][j] = rows[at[q]][j] + (scale v[q]) s[j]} for the listed {@code q} and every
     * {@code j < width}.
     *
     * @param scale the factor of every {@code v[q]}
     * @param v the per-row factors, indexed like {@code at}
     * @param at the rows' positions in {@code rows}
     * @param from the first listed entry
     * @param to past the last listed entry
     * @param s the vector added, {@code width} used
     * @param rows the rows, each at least {@code width} long
     * @param width the columns
     */
    void addScaled(double scale, double[] v, int[] at, int from, int to, double[] s, double[][] rows, int width);

    /** Loops the JIT vectorises: four rows per pass over {@code out}, summed left to right as Java evaluates. */
    OnlineLoops LOOPS = new OnlineLoops() {
        @Override
        public void sumRows(double[] v, int[] at, int from, int to, double[][] rows, double[] out, int width) {
            java.util.Arrays.fill(out, 0, width, 0);
            int q = from;
            for (; q + 3 < to; q += 4) {
                double x0 = v[q];
                double x1 = v[q + 1];
                double x2 = v[q + 2];
                double x3 = v[q + 3];
                double[] r0 = rows[at[q]];
                double[] r1 = rows[at[q + 1]];
                double[] r2 = rows[at[q + 2]];
                double[] r3 = rows[at[q + 3]];
                for (int j = 0; j < width; j++) {
                    out[j] = out[j] + x0 * r0[j] + x1 * r1[j] + x2 * r2[j] + x3 * r3[j];
                }
            }
            for (; q < to; q++) {
                double xi = v[q];
                double[] row = rows[at[q]];
                for (int j = 0; j < width; j++) {
                    out[j] += xi * row[j];
                }
            }
        }

        @Override
        public void addScaled(double scale, double[] v, int[] at, int from, int to, double[] s, double[][] rows,
                int width) {
            for (int q = from; q < to; q++) {
                double xi = scale * v[q];
                double[] row = rows[at[q]];
                for (int j = 0; j < width; j++) {
                    row[j] += xi * s[j];
                }
            }
        }
    };
}
