package io.github.mnistnn.internal.training;

import io.github.mnistnn.Optimizer;
import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.internal.layers.DeviceParameters;
import io.github.mnistnn.internal.layers.ParameterPass;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.List;

/**
 * Turns a batch's deltas into parameter updates, for every layer with parameters: the weight gradient is
 * {@code inputs^T delta} (a dense layer's input rows, a convolution's im2col rows) and the bias gradient the column
 * sums of the delta (a batch normalisation's scale gradient is the column sums of {@code delta * xHat},
 * {@link ParameterPass#weightGradient}). Plain SGD without weight decay folds the gradient into one product per layer,
 * {@code W += (-lr / B) A^T S} (the reference's update, and what the fused paths match); every other optimizer
 * first forms the mean gradient, then applies {@link Backend#applyGradient} with its own state, allocated once
 * per run.
 */
public final class ParameterUpdate implements AutoCloseable {
    private final Optimizer optimizer;
    private final double l2;
    private final DeviceMatrix[] gradW;
    private final DeviceMatrix[] gradB;
    private final DeviceMatrix[] mW;
    private final DeviceMatrix[] vW;
    private final DeviceMatrix[] mB;
    private final DeviceMatrix[] vB;
    private long step;

    ParameterUpdate(Backend backend, DeviceParameters parameters, Optimizer optimizer, double l2) {
        this.optimizer = optimizer;
        this.l2 = l2;
        int depth = isPlainSgd() ? 0 : parameters.depth();
        gradW = new DeviceMatrix[depth];
        gradB = new DeviceMatrix[depth];
        mW = new DeviceMatrix[depth];
        vW = new DeviceMatrix[depth];
        mB = new DeviceMatrix[depth];
        vB = new DeviceMatrix[depth];
        try {
            for (int k = 0; k < depth; k++) {
                if (!parameters.hasParameters(k)) {
                    continue;
                }
                int rows = parameters.weights(k).rows();
                int cols = parameters.weights(k).cols();
                gradW[k] = backend.allocate(rows, cols);
                mW[k] = backend.allocate(rows, cols);
                vW[k] = backend.allocate(rows, cols);
                gradB[k] = backend.allocate(1, cols);
                mB[k] = backend.allocate(1, cols);
                vB[k] = backend.allocate(1, cols);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean isPlainSgd() {
        return optimizer.kind() == Optimizer.Kind.SGD && l2 == 0;
    }

    /** Updates every layer with parameters from the batch's deltas. */
    void apply(Backend backend, DeviceParameters parameters, BatchBuffers b, double learningRate) {
        if (isPlainSgd()) {
            double scale = -learningRate / b.rows;
            List<ParameterPass> passes = b.passes.parameterPasses();
            for (int i = 0; i < passes.size(); i++) {
                ParameterPass p = passes.get(i);
                p.weightGradient(scale, 1, parameters.weights(p.layer()));
                backend.sumRows(scale, p.delta(), 1, parameters.biases(p.layer()));
            }
            return;
        }
        step++;
        double mean = 1.0 / b.rows;
        var weightStep = ApiAccess.get().step(optimizer, learningRate, l2, true, step);
        var biasStep = ApiAccess.get().step(optimizer, learningRate, 0, false, step);
        List<ParameterPass> passes = b.passes.parameterPasses();
        for (int i = 0; i < passes.size(); i++) {
            ParameterPass p = passes.get(i);
            int k = p.layer();
            p.weightGradient(mean, 0, gradW[k]);
            backend.sumRows(mean, p.delta(), 0, gradB[k]);
            backend.applyGradient(weightStep, gradW[k], mW[k], vW[k], parameters.weights(k));
            backend.applyGradient(biasStep, gradB[k], mB[k], vB[k], parameters.biases(k));
        }
    }

    @Override
    public void close() {
        for (DeviceMatrix[] group : new DeviceMatrix[][] {vB, mB, gradB, vW, mW, gradW}) {
            for (int k = group.length - 1; k >= 0; k--) {
                if (group[k] != null) {
                    group[k].close();
                }
            }
        }
    }
}
