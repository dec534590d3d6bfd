package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * Turns a batch's deltas into parameter updates. Plain SGD without weight decay folds the gradient into one
 * product per layer, {@code W += (-lr / B) A^T S} (the reference's update, and what the fused paths match);
 * every other optimizer first forms the mean gradient, then applies {@link Backend#applyGradient} with its own
 * state, allocated once per run.
 */
final class ParameterUpdate implements AutoCloseable {
    private final Optimizer optimizer;
    private final double l2;
    private final DeviceMatrix[] gradW;
    private final DeviceMatrix[] gradB;
    private final DeviceMatrix[] mW;
    private final DeviceMatrix[] vW;
    private final DeviceMatrix[] mB;
    private final DeviceMatrix[] vB;
    private long step;

    ParameterUpdate(Backend backend, DeviceLayers layers, Optimizer optimizer, double l2) {
        this.optimizer = optimizer;
        this.l2 = l2;
        int depth = isPlainSgd() ? 0 : layers.depth();
        gradW = new DeviceMatrix[depth];
        gradB = new DeviceMatrix[depth];
        mW = new DeviceMatrix[depth];
        vW = new DeviceMatrix[depth];
        mB = new DeviceMatrix[depth];
        vB = new DeviceMatrix[depth];
        try {
            for (int k = 0; k < depth; k++) {
                int rows = layers.weights(k).rows();
                int cols = layers.weights(k).cols();
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

    /** Updates every layer from the batch's deltas; {@code input(k)} is what layer k saw in the forward pass. */
    void apply(Backend backend, DeviceLayers layers, BatchBuffers b, double learningRate) {
        int depth = layers.depth();
        if (isPlainSgd()) {
            double scale = -learningRate / b.rows;
            for (int k = 0; k < depth; k++) {
                backend.gemm(true, false, scale, b.input(k), b.s[k], 1, layers.weights(k));
                backend.sumRows(scale, b.s[k], 1, layers.biases(k));
            }
            return;
        }
        step++;
        double mean = 1.0 / b.rows;
        var weightStep = optimizer.step(learningRate, l2, true, step);
        var biasStep = optimizer.step(learningRate, 0, false, step);
        for (int k = 0; k < depth; k++) {
            backend.gemm(true, false, mean, b.input(k), b.s[k], 0, gradW[k]);
            backend.sumRows(mean, b.s[k], 0, gradB[k]);
            backend.applyGradient(weightStep, gradW[k], mW[k], vW[k], layers.weights(k));
            backend.applyGradient(biasStep, gradB[k], mB[k], vB[k], layers.biases(k));
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
