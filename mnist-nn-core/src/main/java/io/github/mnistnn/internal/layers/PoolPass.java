package io.github.mnistnn.internal.layers;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.PoolGeometry;

/**
 * Max-pooling over a batch: forward keeps each window's maximum and where it was; backward sends each output
 * gradient to that place (every other input gradient is 0).
 */
public final class PoolPass implements LayerPass {
    private final Backend backend;
    private final PoolGeometry geometry;
    private final DeviceMatrix input;
    private final DeviceMatrix inputGradient;
    private DeviceIndices argmax;
    private DeviceMatrix output;
    private DeviceMatrix gradient;

    PoolPass(Backend backend, PoolGeometry geometry, DeviceMatrix input, DeviceMatrix inputGradient, int rows,
            boolean training) {
        this.backend = backend;
        this.geometry = geometry;
        this.input = input;
        this.inputGradient = inputGradient;
        int positions = rows * geometry.outHeight() * geometry.outWidth();
        try {
            argmax = backend.allocateIndices(positions * geometry.channels());
            output = backend.allocate(positions, geometry.channels());
            gradient = training ? backend.allocate(positions, geometry.channels()) : null;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void forward(long batch) {
        backend.maxPool(geometry, input, argmax, output);
    }

    @Override
    public void backward(boolean deltaGiven) {
        if (inputGradient != null) {
            backend.maxPoolBackward(geometry, gradient, argmax, inputGradient);
        }
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
        DensePass.close(output);
        if (argmax != null) {
            argmax.close();
        }
        gradient = null;
        output = null;
        argmax = null;
    }
}
