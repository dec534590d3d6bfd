package io.github.mnistnn.internal.cpu;

/**
 * {@link TallGemm} in loops the JIT vectorises, for every JVM: buffers that grow to the largest shape and are
 * kept, so memory stays near the size of the small factor whatever the batch.
 *
 * <p>Tall products pack {@code op(B)} ({@code k x n}, small) as one array per row and give each thread whole rows
 * of {@code C}: each row is summed in increasing {@code k}, four entries of {@code A} per vectorised pass over the row,
 * skipping four zero entries at once (ReLU zeros cost little). Long products split {@code k} into {@value #PARTS} fixed
 * stretches, sum each as outer products into a partial {@code C}, and add the partials in order, so the result
 * does not depend on the thread count. Not thread-safe.
 *
 * <pre>{@code
 * TallGemm gemm = new LoopTallGemm();
 * if (TallGemm.suits(false, m, n, k)) {
 *     gemm.multiply(false, false, m, n, k, 1, a, b, 0, c);
 * }
 * }</pre>
 */
final class LoopTallGemm implements TallGemm {
    /** Rows of {@code C} per unit of work in a tall product. */
    private static final int ROWS_PER_PART = 64;

    private double[][] packedB = new double[0][];
    private double[][][] partials = new double[0][][];
    private double[][] rowSums = new double[0][];
    private double[][] pairSums = new double[0][];
    private double[][][] fourRows = new double[0][][];

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
            double beta, double[] c) {
        if (transA) {
            multiplyLong(m, n, k, alpha, a, b, beta, c);
        } else {
            multiplyTall(transB, m, n, k, alpha, a, b, beta, c);
        }
    }

    private void multiplyTall(boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
            double beta, double[] c) {
        if (packedB.length < k || packedB.length > 0 && packedB[0].length < n) {
            packedB = new double[Math.max(k, packedB.length)][Math.max(n, packedB.length > 0 ? packedB[0].length
                    : 0)];
        }
        for (int p = 0; p < k; p++) {
            double[] row = packedB[p];
            if (transB) {
                for (int j = 0, at = p; j < n; j++, at += k) {
                    row[j] = b[at];
                }
            } else {
                System.arraycopy(b, p * n, row, 0, n);
            }
        }
        int threads = Math.max(1, io.github.mnistnn.CpuThreads.count());
        if (rowSums.length < threads || rowSums[0].length < n) {
            rowSums = new double[Math.max(threads, rowSums.length)][Math.max(n, rowSums.length > 0
                    ? rowSums[0].length : 0)];
        }
        if (pairSums.length < threads || pairSums[0].length < n) {
            pairSums = new double[Math.max(threads, pairSums.length)][Math.max(n, pairSums.length > 0
                    ? pairSums[0].length : 0)];
        }
        double[][] pb = packedB;
        int parts = (m + ROWS_PER_PART - 1) / ROWS_PER_PART;
        CpuWorkers.forEach(threads, t -> {
            double[] sum = rowSums[t];
            double[] next = pairSums[t];
            for (int part = t; part < parts; part += threads) {
                int end = Math.min(m, (part + 1) * ROWS_PER_PART);
                int i = part * ROWS_PER_PART;
                for (; i + 1 < end; i += 2) {
                    sumTwoRows(a, i * k, pb, n, k, sum, next);
                    store(sum, alpha, beta, c, i * n, n);
                    store(next, alpha, beta, c, (i + 1) * n, n);
                }
                if (i < end) {
                    sumRow(a, i * k, pb, n, k, sum);
                    store(sum, alpha, beta, c, i * n, n);
                }
            }
        });
    }

    /**
     * One row of {@code A B} into {@code sum}: in increasing {@code k}, four entries of {@code A} per pass, a pass
     * skipped when all four are zero, then the last entries one at a time (skipped when zero).
     */
    private static void sumRow(double[] a, int row, double[][] pb, int n, int k, double[] sum) {
        java.util.Arrays.fill(sum, 0, n, 0.0);
        int p = 0;
        for (; p + 3 < k; p += 4) {
            double x0 = a[row + p];
            double x1 = a[row + p + 1];
            double x2 = a[row + p + 2];
            double x3 = a[row + p + 3];
            if (x0 != 0 || x1 != 0 || x2 != 0 || x3 != 0) {
                addFour(sum, n, x0, pb[p], x1, pb[p + 1], x2, pb[p + 2], x3, pb[p + 3]);
            }
        }
        sumTail(a, row, pb, n, k, p, sum);
    }

    /**
     * Two neighbouring rows of {@code A B}, each summed exactly as {@link #sumRow} sums it, in one pass over
     * {@code B} where both rows have a non-zero among the four entries: every entry of {@code B} loaded once for
     * both rows.
     */
    private static void sumTwoRows(double[] a, int row, double[][] pb, int n, int k, double[] sum, double[] next) {
        java.util.Arrays.fill(sum, 0, n, 0.0);
        java.util.Arrays.fill(next, 0, n, 0.0);
        int below = row + k;
        int p = 0;
        for (; p + 3 < k; p += 4) {
            double x0 = a[row + p];
            double x1 = a[row + p + 1];
            double x2 = a[row + p + 2];
            double x3 = a[row + p + 3];
            double y0 = a[below + p];
            double y1 = a[below + p + 1];
            double y2 = a[below + p + 2];
            double y3 = a[below + p + 3];
            boolean first = x0 != 0 || x1 != 0 || x2 != 0 || x3 != 0;
            boolean second = y0 != 0 || y1 != 0 || y2 != 0 || y3 != 0;
            if (first && second) {
                addFourTwice(sum, next, n, x0, x1, x2, x3, y0, y1, y2, y3, pb[p], pb[p + 1], pb[p + 2], pb[p + 3]);
            } else if (first) {
                addFour(sum, n, x0, pb[p], x1, pb[p + 1], x2, pb[p + 2], x3, pb[p + 3]);
            } else if (second) {
                addFour(next, n, y0, pb[p], y1, pb[p + 1], y2, pb[p + 2], y3, pb[p + 3]);
            }
        }
        sumTail(a, row, pb, n, k, p, sum);
        sumTail(a, below, pb, n, k, p, next);
    }

    /** The entries of a row of {@code A} from {@code p} on, one at a time, skipping zeros. */
    private static void sumTail(double[] a, int row, double[][] pb, int n, int k, int from, double[] sum) {
        for (int p = from; p < k; p++) {
            double x = a[row + p];
            if (x != 0) {
                double[] bp = pb[p];
                for (int j = 0; j < n; j++) {
                    sum[j] += x * bp[j];
                }
            }
        }
    }

    private void multiplyLong(int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
        if (partials.length < PARTS || partials[0].length < m || partials[0][0].length < n) {
            int rows = Math.max(m, partials.length > 0 ? partials[0].length : 0);
            int cols = Math.max(n, partials.length > 0 ? partials[0][0].length : 0);
            partials = new double[PARTS][rows][cols];
        }
        if (rowSums.length < PARTS || rowSums[0].length < n) {
            rowSums = new double[PARTS][Math.max(n, rowSums.length > 0 ? rowSums[0].length : 0)];
        }
        if (fourRows.length < PARTS || fourRows[0][0].length < n) {
            fourRows = new double[PARTS][4][Math.max(n, fourRows.length > 0 ? fourRows[0][0].length : 0)];
        }
        double[][][] sums = partials;
        double[][] rows = rowSums;
        double[][][] fours = fourRows;
        int stretch = (k + PARTS - 1) / PARTS;
        CpuWorkers.forEach(PARTS, part -> {
            double[][] s = sums[part];
            double[] bp = rows[part];
            double[][] b4 = fours[part];
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(s[i], 0, n, 0.0);
            }
            int end = Math.min(k, (part + 1) * stretch);
            int p = part * stretch;
            for (; p + 3 < end; p += 4) {
                // four rows of B per pass, each its own array: the form the JIT vectorises
                System.arraycopy(b, p * n, b4[0], 0, n);
                System.arraycopy(b, (p + 1) * n, b4[1], 0, n);
                System.arraycopy(b, (p + 2) * n, b4[2], 0, n);
                System.arraycopy(b, (p + 3) * n, b4[3], 0, n);
                int arow = p * m;
                for (int i = 0; i < m; i++) {
                    double x0 = a[arow + i];
                    double x1 = a[arow + m + i];
                    double x2 = a[arow + 2 * m + i];
                    double x3 = a[arow + 3 * m + i];
                    if (x0 != 0 || x1 != 0 || x2 != 0 || x3 != 0) {
                        addFour(s[i], n, x0, b4[0], x1, b4[1], x2, b4[2], x3, b4[3]);
                    }
                }
            }
            for (; p < end; p++) {
                int arow = p * m;
                System.arraycopy(b, p * n, bp, 0, n);
                for (int i = 0; i < m; i++) {
                    double x = a[arow + i];
                    if (x != 0) {
                        double[] si = s[i];
                        for (int j = 0; j < n; j++) {
                            si[j] += x * bp[j];
                        }
                    }
                }
            }
        });
        for (int i = 0; i < m; i++) {
            double[] total = sums[0][i];
            for (int part = 1; part < PARTS; part++) {
                double[] more = sums[part][i];
                for (int j = 0; j < n; j++) {
                    total[j] += more[j];
                }
            }
            store(total, alpha, beta, c, i * n, n);
        }
    }

    /** {@link #addFour} into two rows at once, sharing the loads of {@code B}. */
    private static void addFourTwice(double[] sum, double[] next, int n, double x0, double x1, double x2,
            double x3, double y0, double y1, double y2, double y3, double[] b0, double[] b1, double[] b2,
            double[] b3) {
        for (int j = 0; j < n; j++) {
            double c0 = b0[j];
            double c1 = b1[j];
            double c2 = b2[j];
            double c3 = b3[j];
            sum[j] += x0 * c0 + x1 * c1 + x2 * c2 + x3 * c3;
            next[j] += y0 * c0 + y1 * c1 + y2 * c2 + y3 * c3;
        }
    }

    /** {@code sum += x0 b0 + x1 b1 + x2 b2 + x3 b3}, element by element, added left to right. */
    private static void addFour(double[] sum, int n, double x0, double[] b0, double x1, double[] b1, double x2,
            double[] b2, double x3, double[] b3) {
        for (int j = 0; j < n; j++) {
            sum[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
        }
    }

    private static void store(double[] sum, double alpha, double beta, double[] c, int offset, int n) {
        if (beta == 0) {
            for (int j = 0; j < n; j++) {
                c[offset + j] = alpha * sum[j];
            }
        } else {
            for (int j = 0; j < n; j++) {
                c[offset + j] = alpha * sum[j] + beta * c[offset + j];
            }
        }
    }
}
