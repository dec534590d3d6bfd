package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;

/**
 * {@link BackpropRule#CB}: the chain rule, {@code S_k = diag(sigma'(n_k)) W_(k+1) S_(k+1)}; under dropout the
 * gradient reaching layer k also passes through its mask.
 */
final class CalculusBackprop implements DeltaRule {
    @Override
    public void hiddenDeltas(Backend backend, DeviceLayers layers, BatchBuffers b) {
        for (int k = layers.depth() - 2; k >= 0; k--) {
            // Rows are samples, so W S becomes S W^T.
            backend.gemm(false, true, 1, b.s[k + 1], layers.weights(k + 1), 0, b.s[k]);
            if (b.mask[k] != null) {
                backend.multiply(b.s[k], b.mask[k], b.s[k]);
            }
            backend.activationBackward(layers.activation(k), b.n[k], b.a[k], 1, b.s[k], b.s[k]);
        }
    }
}
