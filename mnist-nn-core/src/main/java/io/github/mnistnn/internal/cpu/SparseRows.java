package io.github.mnistnn.internal.cpu;

/**
 * The left factor of a packed product, row by row: the positions of each row's non-zero values (or positive
 * ones, for a rectified factor), in increasing order, and where each window of {@code depth} positions
 * starts among them: {@value #DEPTH} for training's products, a whole row ({@link #wholeRows()}) for batched
 * inference. Zeros are never visited again: a skipped term would add {@code 0 * b}. The buffers only grow; an
 * instance is not thread-safe, but different rows may be packed on different threads at once.
 *
 * <pre>{@code
 * SparseRows rows = new SparseRows();
 * rows.ensureCapacity(m, k);
 * for (int i = 0; i < m; i++) rows.pack(false, false, a, m, k, i);
 * }</pre>
 */
final class SparseRows {
    /** Positions per window: the rows of the packed right factor visited together, so they stay in cache. */
    static final int DEPTH = 64;
    /** One window, whatever the row's length. */
    private static final int WHOLE_ROW = Integer.MAX_VALUE;

    private final int depth;
    private int[][] positions = new int[0][];
    private int[][] windows = new int[0][];

    /** Rows in windows of {@value #DEPTH} positions. */
    SparseRows() {
        this(DEPTH);
    }

    private SparseRows(int depth) {
        this.depth = depth;
    }

    /**
     * Rows in one window each. Batched inference sums each image's row of a layer in one pass over all its kept
     * positions: on the test set through 784-512-256-10 that was 1.3-1.45x as fast for the first layer as
     * windows of {@value #DEPTH} (best of 60 timed passes, both interleaved in one JVM, three JVMs, in double and
     * float): a digit's pixels use few distinct weight rows, which stay in cache anyway, while short windows
     * cost a pass over the accumulator and a loop's start and end each.
     *
     * @return the packing
     */
    static SparseRows wholeRows() {
        return new SparseRows(WHOLE_ROW);
    }

    /** Room for {@code m} rows of {@code k} values. */
    void ensureCapacity(int m, int k) {
        if (positions.length < m || (m > 0 && positions[0].length < k)) {
            int rows = Math.max(m, positions.length);
            int cols = Math.max(k, positions.length == 0 ? 0 : positions[0].length);
            positions = new int[rows][cols];
            windows = new int[rows][windowCount(cols) + 1];
        }
    }

    /** The windows of a row of {@code k} values. */
    int windowCount(int k) {
        return k == 0 ? 0 : (k - 1) / depth + 1;
    }

    /** Row {@code i}'s kept positions, in increasing order. */
    int[] positions(int i) {
        return positions[i];
    }

    /** Row {@code i}'s window starts: window {@code w} is {@code positions(i)[windows(i)[w] .. windows(i)[w + 1])}. */
    int[] windows(int i) {
        return windows[i];
    }

    /**
     * Packs row {@code i} of {@code op(A)}.
     *
     * @param transposed {@code A} is stored {@code k x m}
     * @param rectify keep only {@code a > 0} (a ReLU applied while packing) instead of {@code a != 0}
     * @param a row-major {@code A}
     * @param m rows of {@code op(A)}
     * @param k columns of {@code op(A)}
     * @param i the row
     */
    void pack(boolean transposed, boolean rectify, double[] a, int m, int k, int i) {
        int[] kept = positions[i];
        int[] starts = windows[i];
        int count = 0;
        int window = 0;
        for (int start = 0, end; start < k; start = end) {
            starts[window++] = count;
            end = start + Math.min(depth, k - start);
            if (transposed) {
                for (int p = start, at = start * m + i; p < end; p++, at += m) {
                    if (rectify ? a[at] > 0 : a[at] != 0) {
                        kept[count++] = p;
                    }
                }
            } else if (rectify) {
                for (int p = start, at = i * k + start; p < end; p++, at++) {
                    kept[count] = p;
                    count += positive(a[at]);
                }
            } else {
                for (int p = start, at = i * k + start; p < end; p++, at++) {
                    kept[count] = p;
                    count += nonZero(a[at]);
                }
            }
        }
        starts[window] = count;
    }

    /*
     * Branch-free tests on the bits (MNIST's zeros and ReLU's negatives follow no pattern a branch predictor could
     * learn): every position is written, and the count moves past the ones kept.
     */

    /** 1 if {@code v != 0} (NaN included), else 0. */
    static int nonZero(double v) {
        long twice = Double.doubleToRawLongBits(v) << 1;
        return (int) ((twice | -twice) >>> 63);
    }

    /** 1 if {@code v > 0}, else 0 (zeros of either sign, negatives and NaN). */
    static int positive(double v) {
        long below = Double.doubleToRawLongBits(v) - 1;
        return (int) ((~below & (below - Double.doubleToRawLongBits(Double.POSITIVE_INFINITY))) >>> 63);
    }
}
