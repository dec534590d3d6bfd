package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;

/**
 * {@link BackpropRule#UHB}: {@code e_L = y - a_L}, {@code e_k = W_(k+1) e_(k+1)} with no derivatives, and
 * {@code S_k = -2 diag(sigma'(n_k)) e_k}. It carries {@code -e} (that is {@code a_L - y} at the output) so that
 * {@code S_k = 2 diag(sigma'(n_k)) (-e_k)}. Under dropout the error reaching layer k passes through its mask.
 */
final class UnscaledHeuristicBackprop implements DeltaRule {
    @Override
    public void hiddenDeltas(Backend backend, DeviceLayers layers, BatchBuffers b) {
        int out = layers.depth() - 1;
        // a_L - y, whatever the loss: half squared error through the identity has exactly that delta.
        backend.outputDelta(Loss.MEAN_SQUARED_ERROR, Activation.IDENTITY, b.n[out], b.a[out], b.y, b.e[out]);
        for (int k = out - 1; k >= 0; k--) {
            backend.gemm(false, true, 1, b.e[k + 1], layers.weights(k + 1), 0, b.e[k]);
            if (b.mask[k] != null) {
                backend.multiply(b.e[k], b.mask[k], b.e[k]);
            }
            backend.activationBackward(layers.activation(k), b.n[k], b.a[k], 2, b.e[k], b.s[k]);
        }
    }
}
