package io.github.mnistnn.internal.cpu;

/**
 * The matrix products of convolutions, which are tall and narrow: {@code C = alpha op(A) op(B) + beta C} where
 * either {@code C} has many rows (the im2col product {@code cols W}, and {@code delta W^T}) or, with {@code A}
 * transposed, the inner dimension is long (the weight gradient {@code cols^T delta}). Work is shared over
 * {@link CpuWorkers}; a long product is split into {@value #PARTS} fixed stretches of {@code k}, each summed on
 * its own and the partial results added in order, so no result depends on the thread count. Implementations
 * keep their work buffers between calls and are not thread-safe.
 *
 * <pre>{@code
 * TallGemm gemm = TallGemm.create();
 * if (TallGemm.suits(false, false, m, n, k)) {
 *     gemm.multiply(false, false, m, n, k, 1, a, b, 0, c);
 * }
 * }</pre>
 */
public interface TallGemm {
    /** Rows of {@code C} (or entries of {@code k}) from which a product counts as tall (or long). */
    int TALL = 4096;
    /** Stretches of {@code k} in a long product, each summed on its own. */
    int PARTS = 8;

    /**
     * The fastest implementation this JVM runs: the Vector API kernels where {@link VectorKernels} enables them,
     * otherwise loops the JIT vectorises.
     *
     * @return a new product with empty work buffers
     */
    static TallGemm create() {
        return VectorKernels.enabled() ? VectorKernels.tallGemm() : new LoopTallGemm();
    }

    /**
     * Whether this class handles a product: a tall one without {@code A} transposed, or a long one with
     * {@code A} but not {@code B} transposed, large enough to be worth the threads.
     *
     * @param transA whether {@code A} is transposed
     * @param transB whether {@code B} is transposed
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @return whether to use {@link #multiply}
     */
    static boolean suits(boolean transA, boolean transB, int m, int n, int k) {
        if ((long) m * n * k < 1L << 18 || n > 4096) {
            return false;
        }
        return transA ? !transB && k >= TALL && m <= 4096 : m >= TALL && k <= 4096;
    }

    /**
     * Whether {@link #multiply} also serves every other large product of the backend, of any shape but with
     * {@code A} and {@code B} both transposed (the Vector API kernels do; the loops are for convolutions only).
     *
     * @return {@code true} where it does
     */
    default boolean coversDenseShapes() {
        return false;
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C}; with {@code beta == 0} the old {@code C} is ignored (even NaN).
     *
     * @param transA use {@code A^T}
     * @param transB use {@code B^T} (not with {@code transA})
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @param alpha scale of the product
     * @param a row-major {@code A}, {@code m x k} or {@code k x m}
     * @param b row-major {@code B}, {@code k x n} or {@code n x k}
     * @param beta scale of the old {@code C}
     * @param c row-major {@code m x n}
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
            double beta, double[] c);
}
