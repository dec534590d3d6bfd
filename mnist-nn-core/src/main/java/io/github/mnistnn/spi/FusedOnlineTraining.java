package io.github.mnistnn.spi;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;

/**
 * An optional capability of a {@link Backend}: runs a stretch of online learning (batch size 1) in one call,
 * as few launches as the device allows, instead of a dozen primitive operations per sample. It must give the
 * same weights and metrics as the primitive path (to the backend's stated precision); the contract suite
 * checks that. The trainer uses it for online runs unless told not to.
 *
 * <pre>{@code
 * if (backend instanceof FusedOnlineTraining fused) {
 *     fused.trainOnline(BackpropRule.CB, Loss.SOFTMAX_CROSS_ENTROPY, 0.01, activations,
 *             weights, biases, x, y, order, 0, order.length(), metrics);
 * }
 * }</pre>
 */
public interface FusedOnlineTraining {
    /**
     * Trains on samples {@code order[first] ... order[first + count - 1]} one at a time, exactly as the primitive
     * path does: for each sample the forward pass, {@link Backend#accumulateMetrics} (the sample number is its
     * position in {@code order}), the output delta, every hidden delta from the old weights by {@code rule},
     * then {@code W_k -= lr a_(k-1) S_k^T} and {@code b_k -= lr S_k}.
     *
     * @param rule the backprop rule
     * @param loss the loss
     * @param learningRate the learning rate
     * @param activations one per layer
     * @param weights per layer, {@code fan_in x fan_out}, updated in place
     * @param biases per layer, {@code 1 x fan_out}, updated in place
     * @param x all samples' features, one per row
     * @param y all samples' targets, one per row
     * @param order the epoch's sample order
     * @param first the first position in {@code order} to train on
     * @param count how many samples
     * @param metrics the {@code 1 x METRIC_COUNT} accumulator
     */
    void trainOnline(BackpropRule rule, Loss loss, double learningRate, Activation[] activations,
            DeviceMatrix[] weights, DeviceMatrix[] biases, DeviceMatrix x, DeviceMatrix y, DeviceIndices order,
            int first, int count, DeviceMatrix metrics);

    /**
     * Whether {@link #trainOnline} takes a network of these widths on this device (a fused kernel may need the
     * whole network in fast memory); the trainer runs its own step for one it does not take.
     *
     * @param inputWidth the inputs
     * @param widths each layer's units, the output layer last
     * @return {@code true} by default
     */
    default boolean canTrainOnline(int inputWidth, int[] widths) {
        return true;
    }
}
