package io.github.mnistnn.internal.training;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.internal.layers.DensePass;
import io.github.mnistnn.internal.layers.DropoutPass;
import io.github.mnistnn.internal.layers.LayerPass;
import io.github.mnistnn.spi.Backend;
import java.util.List;

/**
 * {@link BackpropRule#UHB}, defined for dense networks: {@code e_L = y - a_L}, {@code e_k = W_(k+1) e_(k+1)} with no
 * derivatives, and {@code S_k = -2 diag(sigma'(n_k)) e_k}. It carries {@code -e} (that is {@code a_L - y} at the
 * output) so that {@code S_k = 2 diag(sigma'(n_k)) (-e_k)}. Under dropout the error reaching layer k passes
 * through its mask.
 */
public final class UnscaledHeuristicBackprop implements DeltaRule {
    @Override
    public void hiddenDeltas(Backend backend, BatchBuffers b) {
        List<LayerPass> passes = b.passes.passes();
        int last = passes.size() - 1;
        DensePass out = (DensePass) passes.get(last);
        int k = out.layer();
        // a_L - y, whatever the loss: half squared error through the identity has exactly that delta.
        backend.outputDelta(Loss.MEAN_SQUARED_ERROR, Activation.IDENTITY, out.preActivations(), out.output(), b.y,
                b.e[k]);
        DensePass next = out;
        for (int i = last - 1; i >= 0; i--) {
            if (passes.get(i) instanceof DropoutPass) {
                continue;
            }
            DensePass layer = (DensePass) passes.get(i);
            int j = layer.layer();
            backend.gemm(false, true, 1, b.e[next.layer()], next.weights(), 0, b.e[j]);
            if (passes.get(i + 1) instanceof DropoutPass dropout) {
                backend.multiply(b.e[j], dropout.mask(), b.e[j]);
            }
            backend.activationBackward(layer.activation(), layer.preActivations(), layer.output(), 2, b.e[j],
                    layer.delta());
            next = layer;
        }
    }
}
