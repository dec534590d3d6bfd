package io.github.mnistnn;

/**
 * How a {@link Network} was trained, recorded by the {@link Trainer} so a result can be traced and repeated.
 *
 * <pre>{@code
 * network.provenance().ifPresent(p -> System.out.println(p.rule() + " lr " + p.learningRate()));
 * }</pre>
 *
 * @param seed the trainer's seed
 * @param rule the backprop rule
 * @param loss the loss
 * @param learningRate the learning rate
 * @param batchSize samples per update (1 for online learning)
 * @param epochs epochs actually run
 * @param backend the backend's name
 * @param datasetFingerprint a 64-bit hash of the training features and labels
 * @param trainingSamples the number of training samples
 * @param trainingAccuracy accuracy on the training data during the last epoch
 */
public record TrainingProvenance(long seed, BackpropRule rule, Loss loss, double learningRate, int batchSize,
        int epochs, String backend, long datasetFingerprint, int trainingSamples, double trainingAccuracy) {
}
