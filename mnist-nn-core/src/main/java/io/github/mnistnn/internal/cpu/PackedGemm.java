package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * A blocked, packed matrix product for the large shapes of mini-batch training and batched inference,
 * {@code C = alpha op(A) op(B) + beta C} on row-major flat arrays, in pure Java over both cores.
 *
 * <p>{@code op(B)} is packed into column blocks of at most {@value #BLOCK} values per row, each row its own
 * array (the layout the JIT vectorises; narrow products get one narrow block); each row of {@code op(A)} is
 * packed as the positions of its non-zero values ({@link SparseRows}), so zero inputs (most MNIST pixels, about
 * half of the ReLU activations) cost nothing. Each block of a {@code C} row is summed in a small accumulator, one
 * product added after another in increasing {@code k} (four rows of {@code op(B)} per pass; Java rounds every
 * multiply and every add, never fusing them), then scaled into {@code C}; column blocks are shared among
 * {@link CpuWorkers}. So {@link #multiplyAddRow} gives bit for bit what the loop {@code c += a_p * b_p} from the
 * bias over the non-zero {@code a_p} gives, which is how a single-sample dense layer sums; results agree with
 * EJML's to rounding. An instance keeps its packing buffers between calls (they only grow) and is not
 * thread-safe.
 *
 * <pre>{@code
 * PackedGemm gemm = new PackedGemm();
 * gemm.multiply(false, false, m, n, k, 1, a, b, 0, c);
 * }</pre>
 */
public final class PackedGemm {
    /** Most columns per packed block of {@code op(B)}: long enough rows for the vectorised loop to pay off. */
    static final int BLOCK = 128;
    /** Most columns per block on one thread, which needs no blocks to share out: fewer, longer passes. */
    static final int SERIAL_BLOCK = 256;
    /** Block widths are rounded up to this many columns, one vector of doubles. */
    private static final int LANES = 8;

    private double[][][] packedB = new double[0][][];
    private final SparseRows packedA;
    private double[][][] accumulators = new double[0][][];
    private final boolean constantRight;
    private final boolean serial;
    private final int maxWidth;
    private double[] packedFrom;
    private boolean packedTransposed;
    private int packedWidth;

    /** A product whose right factor may change between calls: it is packed every time. */
    public PackedGemm() {
        this(false, false);
    }

    private PackedGemm(boolean constantRight, boolean serial) {
        this.constantRight = constantRight;
        this.serial = serial;
        this.packedA = serial ? SparseRows.wholeRows() : new SparseRows();
        this.maxWidth = serial ? SERIAL_BLOCK : BLOCK;
    }

    /**
     * Like {@link #withConstantRight()}, but all on the calling thread: for callers that split their work over
     * {@link CpuWorkers} themselves (batched inference runs one slice of rows per thread). Each row is summed in
     * one pass over its kept positions ({@link SparseRows#wholeRows()}).
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
        return new PackedGemm(true, false);
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
        run(transA, false, transB, m, n, k, alpha, a, b, null, beta, c);
    }

    /**
     * {@code C = A B + 1 bias}, a dense layer's pre-activations for {@code m} samples: each sum starts from the
     * bias and adds the products of the non-zero inputs in order, so every row is bit for bit the single-sample
     * result.
     *
     * @param m rows of {@code C} (samples)
     * @param n columns of {@code C} (outputs)
     * @param k the inner dimension (inputs)
     * @param a row-major {@code m x k} inputs
     * @param rectifyA use {@code a > 0 ? a : 0} for each input, as {@link DenseProduct#multiplyAddRow} says
     * @param b row-major {@code k x n} weights
     * @param bias the {@code n} biases
     * @param c row-major {@code m x n} output, not {@code a} or {@code b}
     */
    public void multiplyAddRow(int m, int n, int k, double[] a, boolean rectifyA, double[] b, double[] bias,
            double[] c) {
        run(false, rectifyA, false, m, n, k, 1, a, b, bias, 0, c);
    }

    /**
     * A layer's product in double on the calling thread, through {@link #multiplyAddRow} of a
     * {@link #serialWithConstantRight()} instance (the weights packed on the first call).
     *
     * @param inputs the layer's inputs ({@code k})
     * @param outputs the layer's outputs ({@code n})
     * @param weights row-major {@code inputs x outputs} weights, not changed afterwards
     * @param biases the {@code outputs} biases
     * @return the product, for one thread
     */
    public static DenseProduct layer(int inputs, int outputs, double[] weights, double[] biases) {
        PackedGemm gemm = serialWithConstantRight();
        return (m, a, rectifyA, c) -> gemm.multiplyAddRow(m, outputs, inputs, a, rectifyA, weights, biases, c);
    }

    private void run(boolean transA, boolean rectifyA, boolean transB, int m, int n, int k, double alpha,
            double[] a, double[] b, double[] bias, double beta, double[] c) {
        int blocks = (n + maxWidth - 1) / maxWidth;
        int width = ((n + blocks - 1) / blocks + LANES - 1) / LANES * LANES;
        ensureCapacity(m, k, blocks);
        int rowParts = Math.min(m, 64);
        each(rowParts, part -> {
            for (int i = part; i < m; i += rowParts) {
                packedA.pack(transA, rectifyA, a, m, k, i);
            }
        });
        if (!constantRight || packedFrom != b || packedTransposed != transB || packedWidth != width) {
            each(blocks, block -> packBlockOfB(transB, b, n, k, block, width));
            packedFrom = constantRight ? b : null;
            packedTransposed = transB;
            packedWidth = width;
        }
        int threads = serial ? 1 : Math.min(blocks, io.github.mnistnn.CpuThreads.count());
        each(threads, part -> {
            for (int block = part; block < blocks; block += threads) {
                multiplyBlock(block, width, transA, a, m, n, k, alpha, bias, beta, c, accumulators[part]);
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
        packedA.ensureCapacity(m, k);
        if (packedB.length < blocks || (blocks > 0 && packedB[0].length < k)) {
            int rows = Math.max(k, packedB.length == 0 ? 0 : packedB[0].length);
            packedB = new double[Math.max(blocks, packedB.length)][rows][maxWidth];
            packedFrom = null;
        }
        int parts = serial ? 1 : Runtime.getRuntime().availableProcessors();
        if (accumulators.length < parts || accumulators[0].length < m) {
            accumulators = new double[parts][Math.max(m, accumulators.length == 0 ? 0 : accumulators[0].length)]
                    [maxWidth];
        }
    }

    private void packBlockOfB(boolean transB, double[] b, int n, int k, int block, int blockWidth) {
        int first = block * blockWidth;
        int width = Math.min(blockWidth, n - first);
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
            if (width < blockWidth) {
                Arrays.fill(row, width, blockWidth, 0);
            }
        }
    }

    /**
     * One column block of {@code C}: every row's accumulator is filled one window of the packed block's rows at a
     * time ({@link SparseRows}), so the rows being read stay in cache while all of {@code op(A)} streams past them.
     * (Summing in {@code C} itself would save the copy but runs at half the speed: the JIT vectorises the loop
     * only where the array written and those read are indexed alike.)
     */
    private void multiplyBlock(int block, int blockWidth, boolean transA, double[] a, int m, int n, int k,
            double alpha, double[] bias, double beta, double[] c, double[][] acc) {
        int windows = packedA.windowCount(k);
        int first = block * blockWidth;
        int width = Math.min(blockWidth, n - first);
        double[][] rows = packedB[block];
        for (int i = 0; i < m; i++) {
            if (bias == null) {
                Arrays.fill(acc[i], 0, blockWidth, 0);
            } else {
                System.arraycopy(bias, first, acc[i], 0, width);
                Arrays.fill(acc[i], width, blockWidth, 0);
            }
        }
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < m; i++) {
                int[] starts = packedA.windows(i);
                int from = starts[w];
                int to = starts[w + 1];
                if (to > from) {
                    accumulateRow(a, transA ? i : i * k, transA ? m : 1, packedA.positions(i), from, to, rows,
                            acc[i], blockWidth);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            double[] sums = acc[i];
            int at = i * n + first;
            if (alpha == 1 && beta == 0) {
                System.arraycopy(sums, 0, c, at, width); // the same values as the loop below, at copying speed
            } else if (beta == 0) {
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

    /**
     * {@code acc[j] += sum_q a[first + stride p_q] * rows[p_q][j]} for {@code j < width}, {@code p_q =
     * indices[q]}, in order of {@code q}, four rows per pass: the hot loop.
     */
    private static void accumulateRow(double[] a, int first, int stride, int[] indices, int from, int to,
            double[][] rows, double[] acc, int width) {
        int q = from;
        for (; q + 3 < to; q += 4) {
            int p0 = indices[q];
            int p1 = indices[q + 1];
            int p2 = indices[q + 2];
            int p3 = indices[q + 3];
            double v0 = a[first + stride * p0];
            double v1 = a[first + stride * p1];
            double v2 = a[first + stride * p2];
            double v3 = a[first + stride * p3];
            double[] b0 = rows[p0];
            double[] b1 = rows[p1];
            double[] b2 = rows[p2];
            double[] b3 = rows[p3];
            for (int j = 0; j < width; j++) {
                acc[j] = acc[j] + v0 * b0[j] + v1 * b1[j] + v2 * b2[j] + v3 * b3[j];
            }
        }
        for (; q < to; q++) {
            int p0 = indices[q];
            double v = a[first + stride * p0];
            double[] b0 = rows[p0];
            for (int j = 0; j < width; j++) {
                acc[j] += v * b0[j];
            }
        }
    }
}
