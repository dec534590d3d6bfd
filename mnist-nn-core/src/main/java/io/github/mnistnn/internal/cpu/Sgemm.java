package io.github.mnistnn.internal.cpu;

/**
 * The float32 matrix product of {@link Float32CpuBackend}: {@code C = alpha op(A) op(B) + beta C} on row-major
 * {@code float[]} arrays, every product and sum formed in float. Work is shared over {@link CpuWorkers} in units of
 * {@value #ROWS_PER_UNIT} rows of {@code C}, each unit summing its entries over the whole of {@code k}; a long
 * product with a small {@code C} ({@link #splitsK}) instead sums {@value #PARTS} fixed stretches of {@code k} on their
 * own and adds the partial results in order. Either way no result depends on the thread count. Implementations keep
 * their work buffers between calls (they only grow) and are not thread-safe.
 *
 * <pre>{@code
 * Sgemm gemm = Sgemm.create();
 * gemm.multiply(false, true, m, n, k, 1f, a, b, 0f, c);   // c = a b^T
 * }</pre>
 */
interface Sgemm {
    /** Stretches of {@code k} in a long product, and the most units of work that run at once. */
    int PARTS = 8;
    /** Entries of {@code k} from which a product counts as long. */
    int LONG = 4096;
    /** Entries of {@code C} up to which a long product is split into stretches of {@code k}. */
    int SPLIT_ENTRIES = 1 << 18;
    /** Rows of {@code C} per unit of work. */
    int ROWS_PER_UNIT = 32;
    /** Multiply-adds below which the calling thread does all the work. */
    long SERIAL_WORK = 1L << 16;

    /**
     * The fastest implementation this JVM runs: the Vector API kernels where {@link VectorKernels} enables them,
     * otherwise loops the JIT vectorises.
     *
     * @return a new product with empty work buffers
     */
    static Sgemm create() {
        return VectorKernels.enabled() ? VectorKernels.sgemm() : new LoopSgemm();
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C}; with {@code beta == 0} the old {@code C} is not read (even NaN).
     *
     * @param transA use {@code A^T}
     * @param transB use {@code B^T}
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @param alpha scale of the product
     * @param a row-major {@code A}, {@code m x k} or {@code k x m}
     * @param b row-major {@code B}, {@code k x n} or {@code n x k}
     * @param beta scale of the old {@code C}
     * @param c row-major {@code m x n}
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b, float beta,
            float[] c);

    /**
     * Whether a product sums {@value #PARTS} fixed stretches of {@code k} apart: a long one whose {@code C} is
     * small, so that the partial results are cheap to keep and the rows alone would give the threads too little.
     *
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @return whether to split {@code k}
     */
    static boolean splitsK(int m, int n, int k) {
        return k >= LONG && (long) m * n <= SPLIT_ENTRIES;
    }

    /**
     * How many lanes of work a product of {@code units} units runs on: one for a small product (no thread is
     * woken), otherwise at most {@value #PARTS}.
     *
     * @param units units of work
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @return at least 1
     */
    static int lanes(int units, int m, int n, int k) {
        return (long) m * n * k < SERIAL_WORK ? 1 : Math.min(units, PARTS);
    }

    /**
     * Runs {@code body} over the rows {@code [0, k)} of {@code op(B)} ({@code k x n}), as a product's copy of it
     * does: in {@value #PARTS} stretches on the workers where it holds at least {@code serialBelow} floats,
     * otherwise once on the calling thread.
     *
     * @param n columns of {@code op(B)}
     * @param k its rows
     * @param serialBelow fewer floats than this are copied on the calling thread alone
     * @param body copies rows {@code [from, to)}
     */
    static void inStretches(int n, int k, long serialBelow, RowRanges.RowRange body) {
        int stretches = (long) n * k < serialBelow ? 1 : PARTS;
        int stretch = (k + stretches - 1) / stretches;
        CpuWorkers.forEach(stretches, part -> {
            int first = Math.min(k, part * stretch);
            body.run(first, Math.min(k, first + stretch));
        });
    }

    /**
     * A {@linkplain #splitsK split} product: {@code body} sums each of the {@value #PARTS} stretches of {@code k} into
     * its own partial {@code C} (overwritten), on the lanes of {@link #lanes}, and the partials are then added in
     * order of their stretch ({@link #addPartials}), so no result depends on the thread count.
     *
     * @param partials the product's partial buffers, used if each holds {@code m n} floats
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @param alpha scale of the product
     * @param beta scale of the old {@code C}
     * @param c the output
     * @param body sums one stretch on one lane
     * @return the partial buffers used, for the product to keep
     */
    static float[][] sumStretches(float[][] partials, int m, int n, int k, float alpha, float beta, float[] c,
            Stretch body) {
        float[][] partial = partials[0].length < m * n ? new float[PARTS][m * n] : partials;
        int length = (k + PARTS - 1) / PARTS;
        int lanes = lanes(PARTS, m, n, k);
        CpuWorkers.forEach(lanes, lane -> {
            for (int part = lane; part < PARTS; part += lanes) {
                int from = Math.min(k, part * length);
                body.sum(lane, from, Math.min(k, from + length), partial[part]);
            }
        });
        addPartials(partial, m * n, alpha, beta, c);
        return partial;
    }

    /** One stretch of a split product. */
    @FunctionalInterface
    interface Stretch {
        /**
         * Sums entries {@code [from, to)} of {@code k} into {@code partial}, overwriting it.
         *
         * @param lane the lane, for its buffers
         * @param from first entry of {@code k}
         * @param to past the last entry
         * @param partial this stretch's {@code m x n} partial product
         */
        void sum(int lane, int from, int to, float[] partial);
    }

    /**
     * {@code C = alpha (P_0 + P_1 + ... ) + beta C} over {@code count} entries, the partial sums added in order of
     * their stretch (into {@code partials[0]}, which is overwritten).
     *
     * @param partials {@value #PARTS} partial products, each at least {@code count} values
     * @param count entries of {@code C}
     * @param alpha scale of the product
     * @param beta scale of the old {@code C}; with 0 it is not read
     * @param c the output
     */
    static void addPartials(float[][] partials, int count, float alpha, float beta, float[] c) {
        float[] total = partials[0];
        for (int part = 1; part < PARTS; part++) {
            float[] p = partials[part];
            for (int i = 0; i < count; i++) {
                total[i] += p[i];
            }
        }
        for (int i = 0; i < count; i++) {
            c[i] = beta == 0 ? alpha * total[i] : alpha * total[i] + beta * c[i];
        }
    }

    /**
     * {@code C[at, at + width) = alpha sums + beta C}, the sums read from {@code sums} at {@code from}; with
     * {@code beta == 0} the old values are not read.
     *
     * @param sums the row's sums
     * @param from first sum used
     * @param width entries stored
     * @param alpha scale of the sums
     * @param beta scale of the old values
     * @param c the output
     * @param at first entry written
     */
    static void storeRow(float[] sums, int from, int width, float alpha, float beta, float[] c, int at) {
        if (beta == 0) {
            for (int j = 0; j < width; j++) {
                c[at + j] = alpha * sums[from + j];
            }
        } else {
            for (int j = 0; j < width; j++) {
                c[at + j] = alpha * sums[from + j] + beta * c[at + j];
            }
        }
    }
}
