package io.github.mnistnn.internal.cpu;

/**
 * Whether a product's left factor is mostly zeros (images, ReLU outputs), where a product that skips zeros beats
 * the dense Vector API kernels: more than two thirds zeros. The float32 backend judges from at most
 * {@value #SAMPLES} entries spread evenly over the factor (all of them in a smaller one), which keeps the decision to
 * a few microseconds beside a product of milliseconds; the double backend counts every entry, so that its choice
 * of kernel, and with it the last bits of its results, stay those its recorded results were measured with (the
 * sample flips the choice for some of the CNN's products near the threshold). Either depends on the values alone,
 * never on the thread count.
 *
 * <pre>{@code
 * Sgemm product = ZeroShare.mostlyZeros(a, m * k) ? sparse : dense;
 * }</pre>
 */
final class ZeroShare {
    /** The most entries looked at. */
    static final int SAMPLES = 4096;

    private ZeroShare() {
    }

    /**
     * Whether more than two thirds of the sampled entries are zeros.
     *
     * @param values the factor
     * @param count its entries
     * @return {@code false} for no entries
     */
    static boolean mostlyZeros(float[] values, int count) {
        int step = step(count);
        int zeros = 0;
        int seen = 0;
        for (int i = 0; i < count; i += step, seen++) {
            zeros += values[i] == 0 ? 1 : 0;
        }
        return 3L * zeros > 2L * seen;
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
