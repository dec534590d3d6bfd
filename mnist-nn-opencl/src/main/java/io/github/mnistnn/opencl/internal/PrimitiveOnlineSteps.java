package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * Online learning through the primitive operations, one sample at a time, in exactly the trainer's order. The
 * backend uses it for networks the fused kernel cannot hold (too deep, or too wide for local memory).
 */
final class PrimitiveOnlineSteps {
    private final Backend backend;
    private final BackpropRule rule;
    private final Loss loss;
    private final double learningRate;
    private final Activation[] activations;
    private final DeviceMatrix[] weights;
    private final DeviceMatrix[] biases;

    PrimitiveOnlineSteps(Backend backend, BackpropRule rule, Loss loss, double learningRate,
            Activation[] activations, DeviceMatrix[] weights, DeviceMatrix[] biases) {
        this.backend = backend;
        this.rule = rule;
        this.loss = loss;
        this.learningRate = learningRate;
        this.activations = activations;
        this.weights = weights;
        this.biases = biases;
    }

    void run(DeviceMatrix x, DeviceMatrix y, DeviceIndices order, int first, int count, DeviceMatrix metrics) {
        int depth = weights.length;
        DeviceMatrix[] n = new DeviceMatrix[depth];
        DeviceMatrix[] a = new DeviceMatrix[depth];
        DeviceMatrix[] s = new DeviceMatrix[depth];
        DeviceMatrix[] e = new DeviceMatrix[depth];
        try (DeviceMatrix xb = backend.allocate(1, x.cols()); DeviceMatrix yb = backend.allocate(1, y.cols())) {
            try {
                for (int k = 0; k < depth; k++) {
                    int w = weights[k].cols();
                    n[k] = backend.allocate(1, w);
                    a[k] = backend.allocate(1, w);
                    s[k] = backend.allocate(1, w);
                    e[k] = backend.allocate(1, w);
                }
                for (int p = first; p < first + count; p++) {
                    step(xb, yb, n, a, s, e, x, y, order, p, metrics);
                }
            } finally {
                for (int k = depth - 1; k >= 0; k--) {
                    for (DeviceMatrix m : new DeviceMatrix[] {e[k], s[k], a[k], n[k]}) {
                        if (m != null) {
                            m.close();
                        }
                    }
                }
            }
        }
    }

    private void step(DeviceMatrix xb, DeviceMatrix yb, DeviceMatrix[] n, DeviceMatrix[] a, DeviceMatrix[] s,
            DeviceMatrix[] e, DeviceMatrix x, DeviceMatrix y, DeviceIndices order, int p, DeviceMatrix metrics) {
        int out = weights.length - 1;
        backend.gatherRows(x, order, p, xb);
        backend.gatherRows(y, order, p, yb);
        for (int k = 0; k <= out; k++) {
            backend.gemm(false, false, 1, k == 0 ? xb : a[k - 1], weights[k], 0, n[k]);
            backend.addRowVector(biases[k], n[k]);
            backend.activate(activations[k], n[k], a[k]);
        }
        backend.accumulateMetrics(loss, activations[out], n[out], a[out], yb, p, metrics);
        backend.outputDelta(loss, activations[out], n[out], a[out], yb, s[out]);
        if (rule == BackpropRule.CB) {
            for (int k = out - 1; k >= 0; k--) {
                backend.gemm(false, true, 1, s[k + 1], weights[k + 1], 0, s[k]);
                backend.activationBackward(activations[k], n[k], a[k], 1, s[k], s[k]);
            }
        } else {
            backend.outputDelta(Loss.MEAN_SQUARED_ERROR, Activation.IDENTITY, n[out], a[out], yb, e[out]);
            for (int k = out - 1; k >= 0; k--) {
                backend.gemm(false, true, 1, e[k + 1], weights[k + 1], 0, e[k]);
                backend.activationBackward(activations[k], n[k], a[k], 2, e[k], s[k]);
            }
        }
        for (int k = 0; k <= out; k++) {
            backend.gemm(true, false, -learningRate, k == 0 ? xb : a[k - 1], s[k], 1, weights[k]);
            backend.sumRows(-learningRate, s[k], 1, biases[k]);
        }
    }
}
