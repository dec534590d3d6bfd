package io.github.mnistnn.internal.layers;

import io.github.mnistnn.Activation;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * A convolution over a batch, as im2col and one matrix product: forward {@code cols = im2col(x)},
 * {@code n = cols W + b} (one row per output position, one column per filter, which is the channels-last output
 * image), {@code a = f(n)}; backward {@code s = f'(n) * dL/da} in place and {@code dL/dx = col2im(s W^T)}. The
 * weight gradient is {@code cols^T s}.
 */
public final class ConvPass implements ParameterPass {
    private final Backend backend;
    private final int layer;
    private final ConvGeometry geometry;
    private final DeviceMatrix weights;
    private final DeviceMatrix biases;
    private final Activation activation;
    private final DeviceMatrix input;
    private final DeviceMatrix inputGradient;
    private final DeviceMatrix[] buffers = new DeviceMatrix[5];

    ConvPass(Backend backend, int layer, ConvGeometry geometry, DeviceParameters parameters, Activation activation,
            DeviceMatrix input, DeviceMatrix inputGradient, int rows, boolean training) {
        this.backend = backend;
        this.layer = layer;
        this.geometry = geometry;
        this.weights = parameters.weights(layer);
        this.biases = parameters.biases(layer);
        this.activation = activation;
        this.input = input;
        this.inputGradient = inputGradient;
        int positions = geometry.columnRows(rows);
        try {
            buffers[0] = backend.allocate(positions, geometry.columnWidth());
            buffers[1] = backend.allocate(positions, weights.cols());
            // In inference the activations overwrite the pre-activations.
            buffers[2] = training ? backend.allocate(positions, weights.cols()) : buffers[1];
            if (training) {
                buffers[3] = backend.allocate(positions, weights.cols());
                buffers[4] = inputGradient != null ? backend.allocate(positions, geometry.columnWidth()) : null;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void forward(long batch) {
        backend.im2col(geometry, input, buffers[0]);
        backend.gemm(false, false, 1, buffers[0], weights, 0, buffers[1]);
        backend.addRowVector(biases, buffers[1]);
        backend.activate(activation, buffers[1], buffers[2]);
    }

    @Override
    public void backward(boolean deltaGiven) {
        DeviceMatrix s = buffers[3];
        if (!deltaGiven) {
            backend.activationBackward(activation, buffers[1], buffers[2], 1, s, s);
        }
        if (inputGradient != null) {
            backend.gemm(false, true, 1, s, weights, 0, buffers[4]);
            backend.col2im(geometry, buffers[4], inputGradient);
        }
    }

    @Override
    public DeviceMatrix output() {
        return buffers[2];
    }

    @Override
    public DeviceMatrix gradient() {
        return buffers[3];
    }

    @Override
    public void weightGradient(double alpha, double beta, DeviceMatrix out) {
        backend.gemm(true, false, alpha, buffers[0], delta(), beta, out);
    }

    @Override
    public DeviceMatrix delta() {
        return buffers[3];
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public void close() {
        for (int i = buffers.length - 1; i >= 0; i--) {
            if (buffers[i] != null && (i != 2 || buffers[2] != buffers[1])) {
                buffers[i].close();
            }
            buffers[i] = null;
        }
    }
}
