package io.github.mnistnn.examples;

/**
 * One epoch's line of the training history.
 *
 * <pre>{@code
 * EpochRecord r = new EpochRecord(1, 0.34, 0.89, 0.96, 2.5);
 * }</pre>
 *
 * @param epoch the epoch, from 1
 * @param loss mean training loss
 * @param trainingAccuracy training accuracy during the epoch
 * @param testAccuracy test accuracy after the epoch
 * @param seconds the epoch's training time
 */
public record EpochRecord(int epoch, double loss, double trainingAccuracy, double testAccuracy, double seconds) {
}
