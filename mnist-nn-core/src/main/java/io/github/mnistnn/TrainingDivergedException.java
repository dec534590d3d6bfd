package io.github.mnistnn;

/**
 * Training produced a loss or weight that is not finite (the learning rate is usually too high). Training
 * stops at once; no network with broken weights is returned.
 *
 * <pre>{@code
 * try {
 *     trainer.train(spec, data);
 * } catch (TrainingDivergedException e) {
 *     System.err.println("diverged in epoch " + e.epoch() + " at sample " + e.sample());
 * }
 * }</pre>
 */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int sample;

    TrainingDivergedException(int epoch, int sample, String message) {
        super(message);
        this.epoch = epoch;
        this.sample = sample;
    }

    /**
     * The epoch in which training diverged.
     *
     * @return from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The position in that epoch (from 1) of the first sample whose loss was not finite, or -1 when only the
     * weights at the end of the epoch were found broken.
     *
     * @return the sample's position
     */
    public int sample() {
        return sample;
    }
}
