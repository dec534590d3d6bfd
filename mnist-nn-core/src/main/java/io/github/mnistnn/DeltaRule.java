package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;

/** Computes the hidden layers' deltas of a batch from its output delta, with the weights before the update. */
interface DeltaRule {
    /**
     * Fills {@code buffers.s[k]} for every hidden layer {@code k}; {@code buffers.s[depth - 1]} holds the
     * output delta already.
     *
     * @param backend the device
     * @param layers the current weights
     * @param buffers the batch's forward values and deltas
     */
    void hiddenDeltas(Backend backend, DeviceLayers layers, BatchBuffers buffers);

    static DeltaRule of(BackpropRule rule) {
        return rule == BackpropRule.CB ? new CalculusBackprop() : new UnscaledHeuristicBackprop();
    }
}
