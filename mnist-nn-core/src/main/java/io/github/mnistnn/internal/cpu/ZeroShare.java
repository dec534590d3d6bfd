package io.github.mnistnn.internal.cpu;

/**
 * Whether a product's left factor is mostly zeros (images, ReLU outputs), where a product that skips zeros beats
 * the dense Vector API kernels: more than two thirds zeros among at most {@value #SAMPLES} entries spread evenly
 * over the factor (all of them in a smaller one). The sample keeps the decision to a few microseconds beside a
 * product of milliseconds, and it depends on the values alone, never on the thread count.
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
     * Whether more than two thirds of the sampled entries are zeros.
     *
     * @param values the factor
     * @param count its entries
     * @return {@code false} for no entries
     */
    static boolean mostlyZeros(double[] values, int count) {
        int step = step(count);
        int zeros = 0;
        int seen = 0;
        for (int i = 0; i < count; i += step, seen++) {
            zeros += values[i] == 0 ? 1 : 0;
        }
        return 3L * zeros > 2L * seen;
    }

    /** Every entry up to {@value #SAMPLES}, otherwise every {@code step}-th, at most {@value #SAMPLES} of them. */
    private static int step(int count) {
        return Math.max(1, (count + SAMPLES - 1) / SAMPLES);
    }
}
