package io.github.mnistnn.internal.cpu;

/**
 * The hot loops of {@link Float32OnlineTrainer}, the float32 counterpart of {@link OnlineLoops}, and of
 * {@link Float32Product}'s inference: a sum of listed rows, each scaled (from zeros or from given sums), and the
 * scaled addition of one vector to listed rows, on rows of floats. Every term is a fused multiply-add
 * ({@link Math#fma(float, float, float)}, one rounding), as the float32 backend's products form their sums, in the
 * order given here, so all implementations agree bit for bit with each other and with the plain Java expressions.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * Float32OnlineLoops loops = Float32OnlineLoops.create();
 * loops.sumRows(x, nonZero, from, to, weightRows, n, 64);           // n = W^T x over the non-zero inputs
 * loops.addScaled(-lr, x, nonZero, from, to, delta, weightRows, 64); // W -= lr x delta^T on those rows
 * }</pre>
 */
interface Float32OnlineLoops {
    /**
     * The fastest implementation this JVM runs: the Vector API kernel where {@link VectorKernels} enables it,
     * otherwise {@link #LOOPS}.
     *
     * @return the implementation
     */
    static Float32OnlineLoops create() {
        return VectorKernels.enabled() ? VectorKernels.float32OnlineLoops() : LOOPS;
    }

    /**
     * {@code out[j] = fma(v[to - 1], rows[at[to - 1]][j], ... fma(v[from], rows[at[from]][j], 0))} for
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
    void sumRows(float[] v, int[] at, int from, int to, float[][] rows, float[] out, int width);

    /**
     * {@code out[s + j] = fma(v[to - 1], panel row at[to - 1] [j], ... fma(v[from], panel row at[from] [j],
     * out[s + j]))} for {@code j <} {@value Float32Weights#PANEL}, where panel row {@code p} starts at
     * {@code panels[base + p * PANEL]}: the listed rows of a packed panel ({@link Float32Weights}) added one after
     * another in the order listed, to the sums already in {@code out} (a layer's biases, in {@link Float32Product}).
     *
     * @param v the factors, indexed like {@code at}
     * @param at the rows' positions in the panel
     * @param from the first listed entry
     * @param to past the last listed entry
     * @param panels the packed panels
     * @param base where the panel's row 0 starts
     * @param out the sums, {@value Float32Weights#PANEL} from {@code s} read and written
     * @param s where the sums start
     */
    void addPanelRows(float[] v, int[] at, int from, int to, float[] panels, int base, float[] out, int s);

    /**
     * {@code rows[at[q]][j] = fma(scale v[q], s[j], rows[at[q]][j])} for the listed {@code q} and every
     * {@code j < width}, {@code scale v[q]} rounded to float first.
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
    void addScaled(float scale, float[] v, int[] at, int from, int to, float[] s, float[][] rows, int width);

    /** Plain loops, one listed row per pass over {@code out}. */
    Float32OnlineLoops LOOPS = new Float32OnlineLoops() {
        @Override
        public void sumRows(float[] v, int[] at, int from, int to, float[][] rows, float[] out, int width) {
            java.util.Arrays.fill(out, 0, width, 0);
            for (int q = from; q < to; q++) {
                float xq = v[q];
                float[] row = rows[at[q]];
                for (int j = 0; j < width; j++) {
                    out[j] = Math.fma(xq, row[j], out[j]);
                }
            }
        }

        @Override
        public void addPanelRows(float[] v, int[] at, int from, int to, float[] panels, int base, float[] out,
                int s) {
            for (int q = from; q < to; q++) {
                float xq = v[q];
                for (int j = 0, row = base + at[q] * Float32Weights.PANEL; j < Float32Weights.PANEL; j++) {
                    out[s + j] = Math.fma(xq, panels[row + j], out[s + j]);
                }
            }
        }

        @Override
        public void addScaled(float scale, float[] v, int[] at, int from, int to, float[] s, float[][] rows,
                int width) {
            for (int q = from; q < to; q++) {
                float xq = scale * v[q];
                float[] row = rows[at[q]];
                for (int j = 0; j < width; j++) {
                    row[j] = Math.fma(xq, s[j], row[j]);
                }
            }
        }
    };
}
