package io.github.mnistnn.internal.cpu;

/**
 * Whether a product's left factor has enough zeros (images, ReLU outputs) for a product that skips them to beat
 * the dense kernels. The double backend's rule is more than two thirds zeros, every entry counted, so that its
 * choice of kernel, and with it the last bits of its results, stay those its recorded results were measured with.
 * The float32 backend's rule comes from timing both float32 products on the shapes of the benchmarks' dense
 * network and CNN (one thread, 2026-12-03): listing a row's non-zeros costs about a nanosecond an entry, which only
 * enough output columns repay, so it takes the sparse product for more than three quarters zeros where {@code C}
 * has at least {@value #WIDE} columns and more than six sevenths where it has fewer; it judges from at most
 * {@value #SAMPLES} entries spread evenly over the factor (all of them in a smaller one), which keeps the decision
 * to a few microseconds beside a product of milliseconds. With the Vector API's zero-skipping product (sums in
 * registers, 1.1-1.7x as fast as the loops on those shapes) and 512-bit dense kernels on an Intel Xeon
 * (2026-12-07), two thirds instead of three quarters sped the mini-batch epoch by about 5 % but slowed the CNN's
 * epoch by 9 % (its data gradients, {@code k} 64 and 128, stay faster dense), so the rule stands. Either depends
 * on the values and shapes alone, never on the thread count.
 *
 * <pre>{@code
 * Sgemm product = ZeroShare.sparseFaster(a, m * k, n) ? sparse : dense;
 * }</pre>
 */
final class ZeroShare {
    /** The most entries looked at. */
    static final int SAMPLES = 4096;
    /** Columns of a product from which three quarters of zeros make the sparse float32 product the faster. */
    static final int WIDE = 128;

    private ZeroShare() {
    }

    /**
     * Whether the float32 sparse product is the faster one: more than three quarters of the sampled entries zeros
     * for a product of at least {@value #WIDE} columns, more than six sevenths for a narrower one.
     *
     * @param values the left factor
     * @param count its entries
     * @param columns the columns of the product
     * @return {@code false} for no entries
     */
    static boolean sparseFaster(float[] values, int count, int columns) {
        int step = step(count);
        int zeros = 0;
        int seen = 0;
        for (int i = 0; i < count; i += step, seen++) {
            zeros += values[i] == 0 ? 1 : 0;
        }
        return columns >= WIDE ? 4L * zeros > 3L * seen : 7L * zeros > 6L * seen;
    }

    /**
     * Whether more than two thirds of all the entries are zeros.
     *
     * @param values the factor
     * @param count its entries
     * @return {@code false} for no entries
     */
    static boolean mostlyZerosCounted(double[] values, int count) {
        int zeros = 0;
        for (int i = 0; i < count; i++) {
            zeros += values[i] == 0 ? 1 : 0;
        }
        return 3L * zeros > 2L * count;
    }

    /** Every entry up to {@value #SAMPLES}, otherwise every {@code step}-th, at most {@value #SAMPLES} of them. */
    private static int step(int count) {
        return Math.max(1, (count + SAMPLES - 1) / SAMPLES);
    }
}
