package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * The zero-skipping {@link Sgemm} through {@code jdk.incubator.vector}, for factors that are mostly zeros (images,
 * ReLU outputs): {@link LoopSgemm}'s sums with the sums held in registers. Each row of {@code op(A)} lists its
 * non-zero entries once (position and value, in increasing {@code k}, with where each block of {@value #DEPTH}
 * entries of {@code k} starts); {@code op(B)} is packed into zero-padded panels of four vectors
 * ({@link VectorSgemm#pack}). Then, panel by panel and block by block, every row of a unit adds the panel rows its
 * listed entries select into four vector registers, which go to the lane's buffer only between blocks: a block of a
 * panel ({@value #DEPTH} rows of four vectors, 32 KB in 512-bit vectors) stays in the core's L1 cache while the
 * unit's rows pass over it, where {@link LoopSgemm} reads and writes its sums in memory for every four rows of
 * {@code op(B)} it adds, and reads those rows from L2 or beyond. Each entry of {@code C} is, as there, the chain of
 * fused multiply-adds over the non-zero entries in increasing {@code k} from zero (within each stretch of a
 * {@linkplain Sgemm#splitsK split} product, added as {@link LoopSgemm} adds them), so both give the same floats, and
 * so does a dense product wherever {@code op(B)} is finite. Compiled only with
 * {@code --add-modules jdk.incubator.vector}; {@link VectorKernels} decides whether it is used.
 *
 * <pre>{@code
 * Sgemm sparse = VectorKernels.sparseSgemm();
 * sparse.multiply(false, false, 128, 512, 784, 1f, images, weights, 0f, out);
 * }</pre>
 */
final class VectorSparseSgemm implements Sgemm {
    /** Columns of a panel: four vectors. */
    private static final int NR = PanelRows.WIDTH;
    /** Entries of {@code k} in a block. */
    static final int DEPTH = 128;

    private float[] packedB = new float[0];
    /** Where {@link #packedB}'s cache lines begin: the panels start there. */
    private final CacheLines.Tracker lines;
    private float[][] partials = new float[PARTS][0];
    /** Each lane's listed entries, window starts and sums for one unit of rows; each only grows. */
    private final int[][] positions = new int[PARTS][0];
    private final float[][] values = new float[PARTS][0];
    private final int[][] windows = new int[PARTS][0];
    private final float[][] sums = new float[PARTS][ROWS_PER_UNIT * NR];

    /** A product whose packed panels start on the cache lines {@link VectorCacheLines} finds. */
    VectorSparseSgemm() {
        this(new CacheLines.Tracker(new VectorCacheLines()));
    }

    /**
     * A product whose packed panels start where {@code lines} says (tests put them off the cache lines).
     *
     * @param lines where the panels start
     */
    VectorSparseSgemm(CacheLines.Tracker lines) {
        this.lines = lines;
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
            float beta, float[] c) {
        int panels = (n + NR - 1) / NR;
        if (packedB.length < panels * k * NR + CacheLines.SLACK) {
            packedB = new float[panels * k * NR + CacheLines.SLACK];
        }
        float[] pb = packedB;
        int origin = lines.start(pb, 0);
        VectorSgemm.pack(transB, b, n, k, NR, pb, origin);
        // Entry (i, p) of op(A) is a[i * rowStride + p * depthStride].
        int rowStride = transA ? 1 : k;
        int depthStride = transA ? m : 1;
        int units = (m + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
        if (Sgemm.splitsK(m, n, k)) {
            partials = Sgemm.sumStretches(partials, m, n, k, alpha, beta, c, (lane, from, to, partial) -> {
                for (int unit = 0; unit < units; unit++) {
                    int first = unit * ROWS_PER_UNIT;
                    rows(lane, a, rowStride, depthStride, first, Math.min(m, first + ROWS_PER_UNIT), from, to, pb,
                            origin, k, n, 1f, 0f, partial);
                }
            });
            return;
        }
        int lanes = Sgemm.lanes(units, m, n, k);
        CpuWorkers.forEach(lanes, lane -> {
            for (int unit = lane; unit < units; unit += lanes) {
                int first = unit * ROWS_PER_UNIT;
                rows(lane, a, rowStride, depthStride, first, Math.min(m, first + ROWS_PER_UNIT), 0, k, pb, origin,
                        k, n, alpha, beta, c);
            }
        });
    }

    /**
     * Rows {@code [first, end)} of {@code out = alpha op(A) op(B) + beta out} over the entries {@code [from, to)}
     * of {@code k}, on the lane's buffers; the panels start at {@code pb[origin]}.
     */
    private void rows(int lane, float[] a, int rowStride, int depthStride, int first, int end, int from, int to,
            float[] pb, int origin, int k, int n, float alpha, float beta, float[] out) {
        int rows = end - first;
        int depth = to - from;
        int blocks = (depth + DEPTH - 1) / DEPTH;
        if (positions[lane].length < rows * depth) {
            positions[lane] = new int[rows * depth];
            values[lane] = new float[rows * depth];
        }
        if (windows[lane].length < rows * (blocks + 1)) {
            windows[lane] = new int[rows * (blocks + 1)];
        }
        int[] at = positions[lane];
        float[] value = values[lane];
        int[] window = windows[lane];
        for (int r = 0; r < rows; r++) {
            int q = (first + r) * rowStride + from * depthStride;
            list(a, q, depthStride, from, to, at, value, r * depth, window, r * (blocks + 1));
        }
        float[] acc = sums[lane];
        for (int panel = 0, j0 = 0; j0 < n; panel++, j0 += NR) {
            int base = origin + panel * k * NR;
            for (int block = 0; block < blocks; block++) {
                for (int r = 0; r < rows; r++) {
                    int w = r * (blocks + 1) + block;
                    PanelRows.add(at, value, window[w], window[w + 1], pb, base, NR, acc, r * NR, block > 0);
                }
            }
            int width = Math.min(NR, n - j0);
            for (int r = 0; r < rows; r++) {
                if (blocks == 0) {
                    Arrays.fill(acc, r * NR, r * NR + width, 0f);
                }
                VectorSgemm.store(acc, r * NR, width, alpha, beta, out, (first + r) * n + j0);
            }
        }
    }

    /**
     * Lists the non-zero entries of one row of {@code op(A)}, read from {@code q} on, {@code depthStride} apart, over
     * {@code [from, to)}: positions and values from {@code into}, and the start of each block's entries (then the
     * end of the last) in {@code window} from {@code w}.
     */
    private static void list(float[] a, int q, int depthStride, int from, int to, int[] at, float[] value, int into,
            int[] window, int w) {
        int count = into;
        for (int start = from; start < to; start += DEPTH, w++) {
            window[w] = count;
            int stop = Math.min(to, start + DEPTH);
            for (int p = start; p < stop; p++, q += depthStride) {
                float v = a[q];
                at[count] = p;
                value[count] = v;
                count += v != 0 ? 1 : 0;
            }
        }
        window[w] = count;
    }
}
