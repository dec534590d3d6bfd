package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * The sums of a matrix's columns, {@code out = alpha * (sum of the rows) + beta * out}, for the CPU backend's
 * {@code sumRows}: each column summed from the first row to the last, in a buffer kept between calls (it only
 * grows). Not thread-safe.
 */
final class ColumnSums {
    private double[] sums = new double[0];

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
    void sum(double alpha, double[] d, int rows, int cols, double beta, double[] out) {
        if (sums.length < cols) {
            sums = new double[cols];
        }
        double[] s = sums;
        Arrays.fill(s, 0, cols, 0.0);
        // Four rows per pass over s, added one after another, so each column is still summed from the first row
        // to the last, with a quarter of the loads and stores of s.
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int b0 = r * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            for (int j = 0; j < cols; j++) {
                s[j] = (((s[j] + d[b0 + j]) + d[b1 + j]) + d[b2 + j]) + d[b3 + j];
            }
        }
        for (; r < rows; r++) {
            for (int j = 0, base = r * cols; j < cols; j++) {
                s[j] += d[base + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            out[j] = beta == 0 ? alpha * s[j] : alpha * s[j] + beta * out[j];
        }
    }
}
