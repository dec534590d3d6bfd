/**
 * The training machinery behind {@link io.github.mnistnn.Trainer#train}: one run
 * ({@link io.github.mnistnn.internal.training.TrainingRun}) with its batch buffers, the two backprop rules as
 * {@link io.github.mnistnn.internal.training.DeltaRule}s (CB through every layer kind, UHB for dense networks), the
 * optimizer's update over the parameters, augmentation of the batches on the host, the divergence watch, the
 * validation score and early stopping. Not exported.
 */
package io.github.mnistnn.internal.training;
