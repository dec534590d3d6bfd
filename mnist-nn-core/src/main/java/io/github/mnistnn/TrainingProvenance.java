package io.github.mnistnn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link Network} was trained, recorded by the {@link Trainer} so a result can be traced and repeated;
 * saved with the model by {@link ModelFile}.
 *
 * <pre>{@code
 * network.provenance().ifPresent(p -> System.out.println(p.rule() + " " + p.optimizer() + " lr " + p.learningRate()));
 * }</pre>
 *
 * @param seed the trainer's seed
 * @param rule the backprop rule
 * @param loss the loss
 * @param optimizer the optimizer with its constants, such as {@code SGD} or {@code ADAMW(beta1=0.9, ...)}
 * @param learningRate the base learning rate
 * @param batchSize samples per update (1 for online learning)
 * @param epochs epochs actually run
 * @param backend the backend's name
 * @param datasetFingerprint a 64-bit hash of the training features and labels
 * @param trainingSamples the number of training samples
 * @param trainingAccuracy accuracy on the training data during the last epoch run
 * @param validationAccuracy accuracy on the validation data of the returned weights, or NaN without validation
 * @param hyperparameters the other settings (schedule, weight decay, dropout, early stopping), by name
 * @param libraryVersion the mnist-nn version that trained it
 */
public record TrainingProvenance(long seed, BackpropRule rule, Loss loss, String optimizer, double learningRate,
        int batchSize, int epochs, String backend, long datasetFingerprint, int trainingSamples,
        double trainingAccuracy, double validationAccuracy, Map<String, String> hyperparameters,
        String libraryVersion) {
    /**
     * Copies the hyperparameters, keeping their order.
     *
     * @param seed the trainer's seed
     * @param rule the backprop rule
     * @param loss the loss
     * @param optimizer the optimizer
     * @param learningRate the base learning rate
     * @param batchSize samples per update
     * @param epochs epochs run
     * @param backend the backend's name
     * @param datasetFingerprint hash of the training data
     * @param trainingSamples training samples
     * @param trainingAccuracy last epoch's training accuracy
     * @param validationAccuracy validation accuracy or NaN
     * @param hyperparameters other settings
     * @param libraryVersion the library version
     */
    public TrainingProvenance {
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }
}
