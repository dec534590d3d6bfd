package io.github.mnistnn;

/**
 * Watches a training run and may stop it. Called on the training thread; keep it quick.
 *
 * <pre>{@code
 * TrainingListener printer = new TrainingListener() {
 *     public Decision onEpochEnd(EpochReport r) {
 *         System.out.printf("epoch %d loss %.4f acc %.4f%n", r.epoch(), r.loss(), r.accuracy());
 *         return r.accuracy() > 0.99 ? Decision.STOP : Decision.CONTINUE;
 *     }
 * };
 * }</pre>
 */
public interface TrainingListener {
    /** Whether training goes on. */
    enum Decision {
        /** Keep training. */
        CONTINUE,
        /** Stop after this epoch (or this batch) and return the network as it is. */
        STOP
    }

    /**
     * Called after every epoch.
     *
     * @param report the epoch's figures
     * @return whether to go on
     */
    default Decision onEpochEnd(EpochReport report) {
        return Decision.CONTINUE;
    }

    /**
     * Called within an epoch roughly every {@link #progressInterval()} samples (after the batch that crosses
     * each multiple). Asking for progress makes the backend send its running figures back that often.
     *
     * @param report the running figures of the epoch
     * @return whether to go on
     */
    default Decision onProgress(ProgressReport report) {
        return Decision.CONTINUE;
    }

    /**
     * How many samples between {@link #onProgress} calls.
     *
     * @return a positive count, or 0 (the default) for no progress calls
     */
    default int progressInterval() {
        return 0;
    }
}
