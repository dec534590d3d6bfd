package io.github.mnistnn.internal.training;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.spi.Backend;

/**
 * {@link BackpropRule#CB}: the chain rule through every layer, each layer's backward pass beside its forward pass
 * ({@link io.github.mnistnn.internal.layers.LayerPasses#backward}); for dense layers
 * {@code S_k = diag(sigma'(n_k)) W_(k+1) S_(k+1)}, and under dropout the gradient reaching layer k also passes
 * through its mask.
 */
public final class CalculusBackprop implements DeltaRule {
    @Override
    public void hiddenDeltas(Backend backend, BatchBuffers b) {
        b.passes.backward();
    }
}
