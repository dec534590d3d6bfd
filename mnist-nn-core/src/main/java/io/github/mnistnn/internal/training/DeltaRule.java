package io.github.mnistnn.internal.training;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.spi.Backend;

/** Computes every layer's delta of a batch from its output delta, with the weights before the update. */
public interface DeltaRule {
    /**
     * Fills the delta of every layer with parameters; the output layer's holds the output delta already.
     *
     * @param backend the device
     * @param buffers the batch's forward values and deltas
     */
    void hiddenDeltas(Backend backend, BatchBuffers buffers);

    static DeltaRule of(BackpropRule rule) {
        return rule == BackpropRule.CB ? new CalculusBackprop() : new UnscaledHeuristicBackprop();
    }
}
