package io.github.mnistnn;

import java.time.Duration;

/**
 * The running figures of an epoch, given to {@link TrainingListener#onProgress}.
 *
 * <pre>{@code
 * System.out.printf("%d/%d samples, loss %.4f%n", r.samplesDone(), r.samplesInEpoch(), r.loss());
 * }</pre>
 *
 * @param epoch the epoch, from 1
 * @param samplesDone samples trained on so far in this epoch
 * @param samplesInEpoch samples in the epoch
 * @param loss mean loss over the samples so far
 * @param accuracy training accuracy over the samples so far
 * @param elapsed time since the epoch began
 */
public record ProgressReport(int epoch, int samplesDone, int samplesInEpoch, double loss, double accuracy,
        Duration elapsed) {
}
