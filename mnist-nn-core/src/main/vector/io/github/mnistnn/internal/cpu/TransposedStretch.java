package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * One stretch of a long product {@code A^T op(B)} in {@link VectorSgemm}: {@code A} is {@code k x m}, so a row of
 * {@code op(A)} is a column of {@code A}, and the kernel reading it in place touches a new cache line for every
 * entry of {@code k} (a convolution's weight gradient, {@code 288 x 64 x 25088}, took twice as long as the same
 * product with {@code A^T} given). Instead the stretch is taken in blocks of {@code k}: a block of {@code A} is
 * transposed into the lane's buffer (written row by row, at most {@value #BLOCK_FLOATS} floats, so the block
 * stays in the core's L2 cache), and every tile of {@code C} goes on with its fused multiply-adds over that block
 * from the sums the block before left. A float kept in memory between blocks is the float the register held, so
 * each entry of {@code C} is the very chain of fused multiply-adds in increasing {@code k} that reading {@code A} in
 * place gives, bit for bit. Compiled only with {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * if (TransposedStretch.fits(m)) {
 *     TransposedStretch.sum(SgemmTile.SIX_ROWS, a, m, from, to, packedB, 0, k, n, partial, tile,
 *             new float[TransposedStretch.blockSize(m)]);
 * }
 * }</pre>
 */
final class TransposedStretch {
    /** The most floats of a transposed block (512 KB). */
    static final int BLOCK_FLOATS = 1 << 17;
    /** The fewest entries of {@code k} in a block, and the most. */
    private static final int MIN_DEPTH = 16;
    private static final int MAX_DEPTH = 256;

    private TransposedStretch() {
    }

    /**
     * Whether a product with {@code m} rows of {@code C} is summed here.
     *
     * @param m rows of {@code C}, columns of {@code A}
     * @return whether a block of at least {@value #MIN_DEPTH} entries fits the buffer
     */
    static boolean fits(int m) {
        return m > 0 && BLOCK_FLOATS / m > MIN_DEPTH;
    }

    /**
     * The buffer one lane needs.
     *
     * @param m rows of {@code C}
     * @return floats
     */
    static int blockSize(int m) {
        return m * (depth(m) + 1);
    }

    private static int depth(int m) {
        return Math.min(MAX_DEPTH, BLOCK_FLOATS / m - 1);
    }

    /**
     * {@code out = sum over p in [from, to) of A[p]^T op(B)[p]}, {@code out} an {@code m x n} partial product,
     * overwritten (zeros for an empty stretch).
     *
     * @param shape the micro-kernel, whose panels {@code pb} holds
     * @param a row-major {@code k x m}
     * @param m rows of {@code C}
     * @param from first entry of {@code k}
     * @param to past the last entry
     * @param pb {@code op(B)} packed as {@link VectorSgemm} packs it for {@code shape}
     * @param origin where the panels start in {@code pb}
     * @param k the inner dimension
     * @param n columns of {@code C}
     * @param out the partial product
     * @param tile the lane's tile buffer
     * @param block the lane's buffer, at least {@link #blockSize} floats
     */
    static void sum(SgemmTile shape, float[] a, int m, int from, int to, float[] pb, int origin, int k, int n,
            float[] out, float[] tile, float[] block) {
        if (from >= to) {
            Arrays.fill(out, 0, m * n, 0f);
            return;
        }
        int most = depth(m);
        int mr = shape.rows();
        int nr = shape.columns();
        int panels = (n + nr - 1) / nr;
        for (int first = from; first < to; first += most) {
            int depth = Math.min(most, to - first);
            // Rows of the block one float longer than the block is deep: written column by column, a power-of-two
            // row length put the writes into a few sets of the L1 cache. The block is now written row by row, in
            // order, its reads m floats apart coming from the same cache lines for 16 rows running (1.4 times
            // as fast on 288 x 25088 as reading A in order); the odd stride stays, costing nothing.
            int stride = depth + 1;
            for (int i = 0, dst = 0; i < m; i++, dst += stride) {
                for (int p = 0, src = first * m + i; p < depth; p++, src += m) {
                    block[dst + p] = a[src];
                }
            }
            boolean resume = first > from;
            for (int panel = 0; panel < panels; panel++) {
                int j0 = panel * nr;
                int width = Math.min(nr, n - j0);
                int at = origin + panel * k * nr + first * nr;
                for (int i = 0; i < m; i += mr) {
                    int rows = Math.min(mr, m - i);
                    if (resume) {
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(out, (i + r) * n + j0, tile, r * nr, width);
                        }
                    }
                    if (rows == mr) {
                        shape.tile(block, i * stride, stride, 1, depth, pb, at, tile, resume);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            shape.row(block, (i + r) * stride, 1, depth, pb, at, tile, r * nr, resume);
                        }
                    }
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(tile, r * nr, out, (i + r) * n + j0, width);
                    }
                }
            }
        }
    }
}
