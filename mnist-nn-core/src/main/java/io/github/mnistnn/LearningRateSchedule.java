package io.github.mnistnn;

/**
 * How the learning rate changes from epoch to epoch: the trainer's learning rate times {@link #factor(int)}.
 * The rate is constant within an epoch.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder().learningRate(0.1)
 *         .schedule(LearningRateSchedule.step(10, 0.5))   // halve every 10 epochs
 *         .build();
 * }</pre>
 */
public interface LearningRateSchedule {
    /**
     * The factor applied to the base learning rate in an epoch.
     *
     * @param epoch the epoch, from 1
     * @return a finite factor above 0
     */
    double factor(int epoch);

    /**
     * No change: factor 1 in every epoch (the default).
     *
     * @return the schedule
     */
    static LearningRateSchedule constant() {
        return new NamedSchedule("constant", epoch -> 1.0);
    }

    /**
     * Step decay: multiplied by {@code factor} every {@code everyEpochs} epochs.
     *
     * @param everyEpochs at least 1
     * @param factor in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule step(int everyEpochs, double factor) {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("everyEpochs must be at least 1, got " + everyEpochs);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
        }
        return new NamedSchedule("step(every=" + everyEpochs + ", factor=" + factor + ")",
                epoch -> StrictMath.pow(factor, (epoch - 1) / everyEpochs));
    }

    /**
     * Exponential decay: {@code gamma^(epoch - 1)}.
     *
     * @param gamma in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule exponential(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
        return new NamedSchedule("exponential(gamma=" + gamma + ")", epoch -> StrictMath.pow(gamma, epoch - 1));
    }

    /**
     * Cosine annealing (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017)
     * without restarts: from 1 in the first epoch down to {@code minFactor} in epoch {@code epochs}, then held.
     *
     * @param epochs the length of the decay, at least 1
     * @param minFactor the final factor, in [0, 1]
     * @return the schedule
     */
    static LearningRateSchedule cosine(int epochs, double minFactor) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (!(minFactor >= 0 && minFactor <= 1)) {
            throw new IllegalArgumentException("minFactor must be in [0, 1], got " + minFactor);
        }
        return new NamedSchedule("cosine(epochs=" + epochs + ", min=" + minFactor + ")", epoch -> {
            double t = epochs == 1 ? 1 : Math.min(1.0, (epoch - 1) / (double) (epochs - 1));
            return minFactor + (1 - minFactor) * 0.5 * (1 + StrictMath.cos(Math.PI * t));
        });
    }
}
