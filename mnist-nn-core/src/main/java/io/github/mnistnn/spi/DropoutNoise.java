package io.github.mnistnn.spi;

/**
 * The counter-based random numbers of inverted dropout, defined bit for bit so that every backend draws the same
 * mask: element {@code i} of the mask for {@code (seed, counter)} is 0 when the top 24 bits of a SplitMix64 hash
 * of {@code seed + counter * 0x9E3779B97F4A7C15 + i * 0xD1B54A32D192ED03} are below {@link #threshold(double)},
 * and {@code 1 / (1 - rate)} otherwise, so a kept unit is scaled up and the expected activation is unchanged.
 *
 * <pre>{@code
 * double keep = DropoutNoise.mask(42L, 7L, 3, DropoutNoise.threshold(0.3), 1 / 0.7);   // 0 or 1/0.7
 * }</pre>
 */
public final class DropoutNoise {
    private DropoutNoise() {
    }

    /**
     * The 24-bit threshold below which a unit is dropped.
     *
     * @param rate the drop probability, in [0, 1)
     * @return {@code ceil(rate * 2^24)}
     */
    public static int threshold(double rate) {
        return (int) Math.ceil(rate * (1 << 24));
    }

    /**
     * The 24 random bits of one element.
     *
     * @param seed the run's dropout seed
     * @param counter the mask's number (unique per batch and layer)
     * @param index the element's index in the mask
     * @return a value in {@code [0, 2^24)}
     */
    public static int bits(long seed, long counter, int index) {
        long z = seed + counter * 0x9E3779B97F4A7C15L + index * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z >>> 40);
    }

    /**
     * One element of the mask.
     *
     * @param seed the run's dropout seed
     * @param counter the mask's number
     * @param index the element's index
     * @param threshold from {@link #threshold(double)}
     * @param scale {@code 1 / (1 - rate)}
     * @return 0 or {@code scale}
     */
    public static double mask(long seed, long counter, int index, int threshold, double scale) {
        return bits(seed, counter, index) < threshold ? 0 : scale;
    }
}
