package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * {@link Sgemm} in loops the JIT vectorises, for every JVM, and for factors that are mostly zeros whichever kernels
 * run. {@code op(B)} is copied into one array per row; each row of {@code C} is then summed in a buffer of its own
 * in the i-k-j (axpy) form: the row's non-zero entries of {@code op(A)} are listed first, and the rows of
 * {@code op(B)} they select are added by fused multiply-adds ({@link ScaledRowSums}), in increasing {@code k}, so
 * zeros (images, ReLU outputs) cost nothing. Skipping a zero skips {@code 0 * b} even where {@code b} is infinite, as the
 * double backend's sparse product does.
 *
 * <pre>{@code
 * Sgemm gemm = new LoopSgemm();
 * gemm.multiply(true, false, 784, 10, 128, 1f, x, delta, 0f, gradient);   // x^T delta
 * }</pre>
 */
final class LoopSgemm implements Sgemm {
    /** {@code op(B)}, one array per row; each row only grows. */
    private float[][] rowsB = new float[0][];
    private final float[][] rowSums = new float[PARTS][0];
    private final int[][] positions = new int[PARTS][0];
    private final float[][] values = new float[PARTS][0];
    private float[][] partials = new float[PARTS][0];
    /** Fewer floats of {@code op(B)} than this are copied on the calling thread alone. */
    private static final long PACK_SERIAL = 1 << 16;

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
            float beta, float[] c) {
        packRows(transB, b, n, k);
        for (int lane = 0; lane < PARTS; lane++) {
            if (rowSums[lane].length < n) {
                rowSums[lane] = new float[n];
            }
            if (positions[lane].length < k) {
                positions[lane] = new int[k];
                values[lane] = new float[k];
            }
        }
        // Entry (i, p) of op(A) is a[i * rowStride + p * depthStride].
        int rowStride = transA ? 1 : k;
        int depthStride = transA ? m : 1;
        if (Sgemm.splitsK(m, n, k)) {
            multiplySplit(m, n, k, alpha, a, rowStride, depthStride, beta, c);
            return;
        }
        int units = (m + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
        int lanes = Sgemm.lanes(units, m, n, k);
        CpuWorkers.forEach(lanes, lane -> {
            for (int unit = lane; unit < units; unit += lanes) {
                int end = Math.min(m, (unit + 1) * ROWS_PER_UNIT);
                for (int i = unit * ROWS_PER_UNIT; i < end; i++) {
                    sumRow(a, i * rowStride, depthStride, 0, k, n, lane);
                    Sgemm.storeRow(rowSums[lane], 0, n, alpha, beta, c, i * n);
                }
            }
        });
    }

    /** The long product: each stretch of {@code k} summed into a partial {@code C}, the partials added in order. */
    private void multiplySplit(int m, int n, int k, float alpha, float[] a, int rowStride, int depthStride,
            float beta, float[] c) {
        partials = Sgemm.sumStretches(partials, m, n, k, alpha, beta, c, (lane, from, to, partial) -> {
            for (int i = 0; i < m; i++) {
                sumRow(a, i * rowStride + from * depthStride, depthStride, from, to, n, lane);
                System.arraycopy(rowSums[lane], 0, partial, i * n, n);
            }
        });
    }

    /**
     * Sums {@code op(A)[i][p] op(B)[p]} over {@code p} in {@code [from, to)} into the lane's buffer: lists the
     * non-zero entries, read from {@code first} on, {@code depthStride} apart, then adds their rows of
     * {@code op(B)}.
     */
    private void sumRow(float[] a, int first, int depthStride, int from, int to, int n, int lane) {
        int[] at = positions[lane];
        float[] value = values[lane];
        int count = 0;
        for (int p = from, q = first; p < to; p++, q += depthStride) {
            float v = a[q];
            at[count] = p;
            value[count] = v;
            count += v != 0 ? 1 : 0;
        }
        ScaledRowSums.sum(at, value, count, rowsB, rowSums[lane], n);
    }

    /** Copies {@code op(B)} ({@code k x n}) into {@link #rowsB}, growing only the rows that are too short. */
    private void packRows(boolean transB, float[] b, int n, int k) {
        if (rowsB.length < k) {
            rowsB = Arrays.copyOf(rowsB, k);
        }
        float[][] rows = rowsB;
        for (int p = 0; p < k; p++) {
            if (rows[p] == null || rows[p].length < n) {
                rows[p] = new float[n];
            }
        }
        // In stretches of rows on the workers: a mini-batch step copies its 784 x 512 weights here before each
        // forward product, which on one thread held the other core idle for a tenth of a two-thread epoch.
        Sgemm.inStretches(n, k, PACK_SERIAL, (first, end) -> {
            if (transB) {
                for (int j = 0; j < n; j++) {
                    for (int p = first, at = j * k + first; p < end; p++, at++) {
                        rows[p][j] = b[at];
                    }
                }
            } else {
                for (int p = first; p < end; p++) {
                    System.arraycopy(b, p * n, rows[p], 0, n);
                }
            }
        });
    }
}
