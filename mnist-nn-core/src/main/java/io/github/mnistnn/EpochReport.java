package io.github.mnistnn;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The figures of one finished epoch, given to {@link TrainingListener#onEpochEnd}. The loss and accuracy are
 * measured on each training sample as it was seen, before its own update.
 *
 * <pre>{@code
 * double testAccuracy = report.network().evaluate(testData).accuracy();
 * }</pre>
 */
public final class EpochReport {
    private final int epoch;
    private final int epochs;
    private final double loss;
    private final double accuracy;
    private final Duration elapsed;
    private final double learningRate;
    private final double validationLoss;
    private final double validationAccuracy;
    private final Supplier<Network> network;
    private Network snapshot;

    EpochReport(int epoch, int epochs, double loss, double accuracy, Duration elapsed, double learningRate,
            double validationLoss, double validationAccuracy, Supplier<Network> network) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.loss = loss;
        this.accuracy = accuracy;
        this.elapsed = elapsed;
        this.learningRate = learningRate;
        this.validationLoss = validationLoss;
        this.validationAccuracy = validationAccuracy;
        this.network = network;
    }

    /**
     * The learning rate used in this epoch (the base rate times the schedule's factor).
     *
     * @return the rate
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * The mean loss on the validation data after this epoch.
     *
     * @return the loss, or NaN without validation data
     */
    public double validationLoss() {
        return validationLoss;
    }

    /**
     * The accuracy on the validation data after this epoch.
     *
     * @return in [0, 1], or NaN without validation data
     */
    public double validationAccuracy() {
        return validationAccuracy;
    }

    /**
     * The epoch just finished.
     *
     * @return from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The number of epochs the trainer was asked for.
     *
     * @return the planned epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * The mean training loss over the epoch.
     *
     * @return the loss
     */
    public double loss() {
        return loss;
    }

    /**
     * The training accuracy over the epoch.
     *
     * @return in [0, 1]
     */
    public double accuracy() {
        return accuracy;
    }

    /**
     * How long the epoch took.
     *
     * @return the duration
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * The network as it stands after this epoch; fetched from the backend on the first call only.
     *
     * @return the network
     */
    public Network network() {
        if (snapshot == null) {
            snapshot = network.get();
        }
        return snapshot;
    }
}
