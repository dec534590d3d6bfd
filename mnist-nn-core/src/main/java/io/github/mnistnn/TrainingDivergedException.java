package io.github.mnistnn;

/**
 * Training blew up (the learning rate is usually too high). Training stops at once; no network is returned.
 * A run is stopped as diverged when any of these holds:
 *
 * <ul>
 *   <li>a sample's loss, or a weight or bias, is not finite;
 *   <li><b>the loss rule:</b> the mean training loss over a stretch of 1,000 samples (checked every 1,000
 *       samples; over the whole training set when it is smaller, a stretch then running on into the next epoch)
 *       is more than 10 times the reference loss, the larger of the loss at chance (every output pre-activation
 *       0: {@code ln classes} for softmax cross-entropy, 2.303 for 10 classes) and the starting network's mean
 *       loss on the first 32 training samples;
 *   <li><b>the weights rule:</b> at the end of an epoch a weight or bias is larger in magnitude than
 *       {@code 1e6}, or 100 times the starting network's largest parameter if that is more.
 * </ul>
 *
 * <p>A learning run stays far from both bounds (its loss falls from about the reference; its weights stay
 * within tens), so they catch only a run that is lost: at a learning rate of {@code 1e6} the loss runs to
 * millions while every number stays finite and the network answers one class for everything.
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
     * Where in that epoch (from 1) training was stopped: the first sample whose loss was not finite, or the last
     * sample of the stretch whose mean loss broke the loss rule; -1 when the weights at the end of the epoch
     * were found broken or too large.
     *
     * @return the sample's position, or -1
     */
    public int sample() {
        return sample;
    }
}
