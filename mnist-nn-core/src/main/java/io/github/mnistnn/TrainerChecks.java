package io.github.mnistnn;

import io.github.mnistnn.internal.inference.FiniteFeatures;

/**
 * The checks behind {@link Trainer}: a builder setting that must not be null, and the agreement of the network,
 * the data and the trainer's settings that every {@link Trainer#train} call checks before it trains.
 */
final class TrainerChecks {
    private TrainerChecks() {
    }

    /**
     * Refuses a null setting.
     *
     * @param value the setting
     * @param what its name, for the message
     * @param <T> the setting's type
     * @return {@code value}
     * @throws IllegalArgumentException if it is null
     */
    static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        return value;
    }

    /**
     * Refuses a training call whose network, data and settings do not fit together.
     *
     * @param trainer the trainer's settings
     * @param dropout the trainer's dropout rates, one per hidden layer from the first
     * @param start the network to train from
     * @param data the training data
     * @throws IllegalArgumentException naming what does not fit
     */
    static void requireTrainable(Trainer trainer, double[] dropout, Network start, LabeledData data) {
        LabeledData validation = trainer.validation();
        start.requireFits(data);
        if (validation != null) {
            start.requireFits(validation);
            FiniteFeatures.requireAll("validation", validation, start.outputWidth());
        }
        if (!start.isDense() && trainer.rule() == BackpropRule.UHB) {
            throw new IllegalArgumentException("UHB is defined for dense networks only, and this one has "
                    + start.layers().stream().filter(l -> !(l instanceof DenseLayer)).findFirst().orElseThrow()
                    + " layers: train it with BackpropRule.CB");
        }
        if (!start.isDense() && hasDropout(dropout)) {
            throw new IllegalArgumentException("dropout(rates) is for dense networks; put dropout(rate) layers in"
                    + " the NetworkSpec of a network with convolutions");
        }
        if (trainer.augmentation() != null && !start.inputShape().isImage()) {
            throw new IllegalArgumentException("augmentation moves images, but the network takes a vector of "
                    + start.inputWidth() + " values: build its spec with NetworkSpec.builder(Shape.image(...))");
        }
        if (dropout.length > start.layers().size() - 1) {
            throw new IllegalArgumentException(dropout.length + " dropout rates for " + (start.layers().size() - 1)
                    + " hidden layers");
        }
        trainer.loss().requireCompatible(start.outputActivation());
        if (data.size() == 0) {
            throw new IllegalArgumentException("the training data is empty");
        }
    }

    private static boolean hasDropout(double[] dropout) {
        for (double rate : dropout) {
            if (rate > 0) {
                return true;
            }
        }
        return false;
    }
}
