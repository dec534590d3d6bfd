package io.github.mnistnn.internal.layers;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * Flatten over a batch: no arithmetic. Its output is a view of its input as one row per sample, and the gradient
 * the next layer writes is a view of the input gradient, so both passes do nothing.
 */
public final class FlattenPass implements LayerPass {
    private final DeviceMatrix output;
    private final DeviceMatrix gradient;

    FlattenPass(Backend backend, DeviceMatrix input, DeviceMatrix inputGradient, int rows) {
        int size = input.rows() * input.cols() / rows;
        this.output = backend.reshape(input, rows, size);
        this.gradient = inputGradient == null ? null : backend.reshape(inputGradient, rows, size);
    }

    @Override
    public void forward(long batch) {
        // The output is a view of the input.
    }

    @Override
    public void backward(boolean deltaGiven) {
        // The gradient is a view of the input gradient.
    }

    @Override
    public DeviceMatrix output() {
        return output;
    }

    @Override
    public DeviceMatrix gradient() {
        return gradient;
    }

    @Override
    public void close() {
        DensePass.close(gradient);
        output.close();
    }
}
