package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * A blocked, packed matrix product for the large shapes of mini-batch training and batched inference,
 * {@code C = alpha op(A) op(B) + beta C} on row-major flat arrays, in pure Java over both cores.
 *
 * <p>{@code op(B)} is packed into column blocks of {@value #BLOCK} values per row, each row its own array (the
 * layout the JIT vectorises); each row of {@code op(A)} is packed as its non-zero values and their positions,
 * so zero inputs (most MNIST pixels, about half of the ReLU activations) cost nothing: a skipped term would add
 * {@code 0 * b}. Each block of {@code C} row is summed in a small accumulator, four rows of {@code op(B)} per
 * pass, then scaled into {@code C}; column blocks are shared among {@link CpuWorkers}. The summation order
 * differs from EJML's, so results agree with it to rounding, not bit for bit. An instance keeps its packing
 * buffers between calls (they only grow) and is not thread-safe.
 *
 * <pre>{@code
 * PackedGemm gemm = new PackedGemm();
 * gemm.multiply(false, false, m, n, k, 1, a, b, 0, c);
 * }</pre>
 */
public final class PackedGemm {
    /** Columns per packed block of {@code op(B)}: long enough rows for the vectorised loop to pay off. */
    static final int BLOCK = 128;
    /** Rows of a packed block visited together (64 x 128 doubles, 64 KB), so they stay in the L2 cache. */
    static final int DEPTH = 64;

    private double[][][] packedB = new double[0][][];
    private double[][] aValues = new double[0][];
    private int[][] aIndices = new int[0][];
    private int[] aCounts = new int[0];
    private double[][][] accumulators = new double[0][][];
    private int[][] cursors = new int[0][];
    private final boolean constantRight;
    private double[] packedFrom;
    private boolean packedTransposed;

    /** A product whose right factor may change between calls: it is packed every time. */
    public PackedGemm() {
        this(false);
    }

    private final boolean serial;

    private PackedGemm(boolean constantRight) {
        this(constantRight, false);
    }

    private PackedGemm(boolean constantRight, boolean serial) {
        this.constantRight = constantRight;
        this.serial = serial;
    }

    /**
     * Like {@link #withConstantRight()}, but all on the calling thread: for callers that split their work over
     * {@link CpuWorkers} themselves (batched inference runs one slice of rows per thread).
     *
     * @return the product
     */
    public static PackedGemm serialWithConstantRight() {
        return new PackedGemm(true, true);
    }

    /**
     * A product whose right factor is one array that never changes (a trained network's weights): packed on the
     * first call and again only if another array is passed.
     *
     * @return the product
     */
    public static PackedGemm withConstantRight() {
        return new PackedGemm(true);
    }

    /**
     * Whether a product of this shape is large enough to be worth packing (otherwise EJML is as fast).
     *
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @return {@code true} for large products
     */
    public static boolean suits(int m, int n, int k) {
        return m >= 4 && n >= 32 && k >= 16 && (long) m * n * k >= 1L << 18;
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C}; with {@code beta == 0} the old {@code C} is ignored (even NaN).
     *
     * @param transA use {@code A^T}; {@code A} is {@code m x k}, or {@code k x m} when transposed
     * @param transB use {@code B^T}; {@code B} is {@code k x n}, or {@code n x k} when transposed
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @param alpha scale of the product
     * @param a row-major {@code A}
     * @param b row-major {@code B}
     * @param beta scale of the old {@code C}
     * @param c row-major {@code m x n} output, not {@code a} or {@code b}
     */
    public void multiply(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
            double beta, double[] c) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        ensureCapacity(m, k, blocks);
        int rowParts = Math.min(m, 64);
        each(rowParts, part -> {
            for (int i = part; i < m; i += rowParts) {
                packRowOfA(transA, a, m, k, i);
            }
        });
        if (!constantRight || packedFrom != b || packedTransposed != transB) {
            each(blocks, block -> packBlockOfB(transB, b, n, k, block));
            packedFrom = constantRight ? b : null;
            packedTransposed = transB;
        }
        int threads = serial ? 1 : Math.min(blocks, io.github.mnistnn.CpuThreads.count());
        each(threads, part -> {
            for (int block = part; block < blocks; block += threads) {
                multiplyBlock(block, m, n, k, alpha, beta, c, accumulators[part], cursors[part]);
            }
        });
    }

    private void each(int parts, java.util.function.IntConsumer body) {
        if (serial) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
        } else {
            CpuWorkers.forEach(parts, body);
        }
    }

    private void ensureCapacity(int m, int k, int blocks) {
        if (aValues.length < m || (m > 0 && aValues[0].length < k)) {
            int rows = Math.max(m, aValues.length);
            int cols = Math.max(k, aValues.length == 0 ? 0 : aValues[0].length);
            aValues = new double[rows][cols];
            aIndices = new int[rows][cols];
            aCounts = new int[rows];
        }
        if (packedB.length < blocks || (blocks > 0 && packedB[0].length < k)) {
            int rows = Math.max(k, packedB.length == 0 ? 0 : packedB[0].length);
            packedB = new double[Math.max(blocks, packedB.length)][rows][BLOCK];
            packedFrom = null;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (accumulators.length < cores || accumulators[0].length < m) {
            accumulators = new double[cores][Math.max(m, accumulators.length == 0 ? 0 : accumulators[0].length)]
                    [BLOCK];
            cursors = new int[cores][accumulators[0].length];
        }
    }

    private void packRowOfA(boolean transA, double[] a, int m, int k, int i) {
        double[] values = aValues[i];
        int[] indices = aIndices[i];
        int count = 0;
        if (transA) {
            for (int p = 0, at = i; p < k; p++, at += m) {
                double v = a[at];
                if (v != 0) {
                    values[count] = v;
                    indices[count++] = p;
                }
            }
        } else {
            // Branch-free: every value is written, and the count only moves past non-zeros (MNIST's zeros
            // follow no pattern a branch predictor could learn).
            for (int p = 0, at = i * k; p < k; p++, at++) {
                double v = a[at];
                values[count] = v;
                indices[count] = p;
                count += v != 0 ? 1 : 0;
            }
        }
        aCounts[i] = count;
    }

    private void packBlockOfB(boolean transB, double[] b, int n, int k, int block) {
        int first = block * BLOCK;
        int width = Math.min(BLOCK, n - first);
        double[][] rows = packedB[block];
        for (int p = 0; p < k; p++) {
            double[] row = rows[p];
            if (transB) {
                for (int j = 0, at = first * k + p; j < width; j++, at += k) {
                    row[j] = b[at];
                }
            } else {
                System.arraycopy(b, p * n + first, row, 0, width);
            }
            if (width < BLOCK) {
                Arrays.fill(row, width, BLOCK, 0);
            }
        }
    }

    /**
     * One column block of {@code C}: every row's accumulator is filled {@value #DEPTH} rows of the packed
     * block at a time, so the rows being read stay in L1 while all of {@code op(A)} streams past them.
     */
    private void multiplyBlock(int block, int m, int n, int k, double alpha, double beta, double[] c,
            double[][] acc, int[] cursor) {
        int first = block * BLOCK;
        int width = Math.min(BLOCK, n - first);
        double[][] rows = packedB[block];
        for (int i = 0; i < m; i++) {
            Arrays.fill(acc[i], 0);
            cursor[i] = 0;
        }
        for (int depth = DEPTH; depth - DEPTH < k; depth += DEPTH) {
            for (int i = 0; i < m; i++) {
                int[] indices = aIndices[i];
                int count = aCounts[i];
                int from = cursor[i];
                int to = from;
                while (to < count && indices[to] < depth) {
                    to++;
                }
                cursor[i] = to;
                if (to > from) {
                    accumulateRow(aValues[i], indices, from, to, rows, acc[i]);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            double[] sums = acc[i];
            int at = i * n + first;
            if (beta == 0) {
                for (int j = 0; j < width; j++) {
                    c[at + j] = alpha * sums[j];
                }
            } else {
                for (int j = 0; j < width; j++) {
                    c[at + j] = alpha * sums[j] + beta * c[at + j];
                }
            }
        }
    }

    /** {@code acc += sum_q values[q] * rows[indices[q]]}, four rows per pass: the hot loop. */
    private static void accumulateRow(double[] values, int[] indices, int from, int to, double[][] rows,
            double[] acc) {
        int q = from;
        for (; q + 3 < to; q += 4) {
            double v0 = values[q];
            double v1 = values[q + 1];
            double v2 = values[q + 2];
            double v3 = values[q + 3];
            double[] b0 = rows[indices[q]];
            double[] b1 = rows[indices[q + 1]];
            double[] b2 = rows[indices[q + 2]];
            double[] b3 = rows[indices[q + 3]];
            for (int j = 0; j < BLOCK; j++) {
                acc[j] = Math.fma(v3, b3[j], Math.fma(v2, b2[j], Math.fma(v1, b1[j], Math.fma(v0, b0[j], acc[j]))));
            }
        }
        for (; q < to; q++) {
            double v = values[q];
            double[] b0 = rows[indices[q]];
            for (int j = 0; j < BLOCK; j++) {
                acc[j] = Math.fma(v, b0[j], acc[j]);
            }
        }
    }
}
