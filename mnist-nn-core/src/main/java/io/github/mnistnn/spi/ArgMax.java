package io.github.mnistnn.spi;

/**
 * The prediction rule every part of the library shares: the first index of the largest value. Predictions,
 * evaluation, mistake ranking and {@link Backend#accumulateMetrics}'s correct count all use it, so a backend's
 * kernels must break ties the same way (toward the lower index).
 *
 * <pre>{@code
 * int predicted = ArgMax.of(new double[] {0.2, 0.5, 0.5}, 0, 3);   // 1
 * }</pre>
 */
public final class ArgMax {
    private ArgMax() {
    }

    /**
     * The first index of the largest value in {@code v[offset, offset + length)}.
     *
     * @param v the values
     * @param offset first index looked at
     * @param length how many values, at least 1
     * @return the position relative to {@code offset}
     */
    public static int of(double[] v, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (v[offset + i] > v[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
