package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * The sums of a float matrix's columns, {@code out = alpha * (sum of the rows) + beta * out}, for
 * {@link Float32CpuBackend#sumRows} (a bias gradient: a convolution's sums run over every position of every image
 * of the batch, 100,352 rows for 28 x 28 images in batches of 128). The rows are cut into stretches of
 * {@value #STRETCH} from the first, each stretch's columns are summed from its first row to its last on one of the
 * {@link CpuWorkers}, and the stretches' sums are added in order, so the result depends on the shape alone, never on
 * the thread count; a matrix of at most {@value #STRETCH} rows is summed from the first row to the last. Four rows
 * go through each pass over a row of sums, {@code (((s + r0) + r1) + r2) + r3}, the order of one row at a time
 * with a quarter of the loads and stores of {@code s}. The buffers only grow. Not thread-safe.
 *
 * <pre>{@code
 * new Float32ColumnSums().sum(1, gradient, 100_352, 32, 0, biasGradient);
 * }</pre>
 */
final class Float32ColumnSums {
    /** Rows per stretch. */
    static final int STRETCH = 4096;
    private float[] partial = new float[0];

    /**
     * {@code out = alpha * (sum of the rows) + beta * out}; with {@code beta == 0} the old {@code out} is ignored.
     *
     * @param alpha scale of the sums
     * @param d row-major {@code rows x cols}
     * @param rows rows of {@code d}
     * @param cols columns of {@code d}
     * @param beta scale of the old {@code out}
     * @param out {@code cols} values
     */
    void sum(float alpha, float[] d, int rows, int cols, float beta, float[] out) {
        int stretches = Math.max(1, (rows + STRETCH - 1) / STRETCH);
        if (partial.length < stretches * cols) {
            partial = new float[stretches * cols];
        }
        float[] p = partial;
        if (stretches == 1 || (long) rows * cols < RowRanges.PARALLEL_ELEMENTS) {
            for (int k = 0; k < stretches; k++) {
                sumStretch(d, k * STRETCH, Math.min(rows, (k + 1) * STRETCH), cols, p, k * cols);
            }
        } else {
            CpuWorkers.forEach(stretches,
                    k -> sumStretch(d, k * STRETCH, Math.min(rows, (k + 1) * STRETCH), cols, p, k * cols));
        }
        for (int k = 1; k < stretches; k++) {
            for (int j = 0; j < cols; j++) {
                p[j] += p[k * cols + j];
            }
        }
        Sgemm.storeRow(p, 0, cols, alpha, beta, out, 0);
    }

    /** {@code s[at + j]} = the sum of column {@code j} over rows {@code [from, to)}, first row to last. */
    private static void sumStretch(float[] d, int from, int to, int cols, float[] s, int at) {
        Arrays.fill(s, at, at + cols, 0f);
        int r = from;
        for (; r + 3 < to; r += 4) {
            int b0 = r * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            for (int j = 0; j < cols; j++) {
                s[at + j] = (((s[at + j] + d[b0 + j]) + d[b1 + j]) + d[b2 + j]) + d[b3 + j];
            }
        }
        for (; r < to; r++) {
            int b = r * cols;
            for (int j = 0; j < cols; j++) {
                s[at + j] += d[b + j];
            }
        }
    }
}
