package io.github.mnistnn.internal.layers;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * Batch normalisation over a batch, one column per feature: an image batch is viewed as one row per position of
 * every image ({@code rows * height * width} rows of {@code channels}), a vector batch as it is. Training:
 * forward {@link Backend#batchNorm} with the batch's statistics (moving the running ones), backward
 * {@link Backend#batchNormBackward}, whose column sums are the shift and scale gradients. Prediction:
 * {@link Backend#batchNormInference} with the running statistics.
 */
public final class BatchNormPass implements ParameterPass {
    private final Backend backend;
    private final int layer;
    private final BatchNormStep step;
    private final boolean training;
    private final DeviceMatrix gamma;
    private final DeviceMatrix beta;
    private final DeviceMatrix running;
    private final DeviceMatrix input;
    private final DeviceMatrix inputGradient;
    private final DeviceMatrix[] buffers = new DeviceMatrix[7];

    BatchNormPass(Backend backend, int layer, BatchNormStep step, DeviceParameters parameters, DeviceMatrix input,
            DeviceMatrix inputGradient, boolean training) {
        this.backend = backend;
        this.layer = layer;
        this.step = step;
        this.training = training;
        this.gamma = parameters.weights(layer);
        this.beta = parameters.biases(layer);
        this.running = parameters.state(layer);
        int features = gamma.cols();
        int rows = input.rows() * input.cols() / features;
        this.input = input.cols() == features ? input : backend.reshape(input, rows, features);
        this.inputGradient = inputGradient == null || inputGradient.cols() == features ? inputGradient
                : backend.reshape(inputGradient, rows, features);
        try {
            buffers[0] = backend.allocate(rows, features);
            if (training) {
                buffers[1] = backend.allocate(rows, features);
                buffers[2] = backend.allocate(rows, features);
                buffers[3] = backend.allocate(2, features);
                buffers[4] = backend.allocate(1, features);
                buffers[5] = backend.allocate(1, features);
                buffers[6] = inputGradient == null ? backend.allocate(rows, features) : null;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void forward(long batch) {
        if (training) {
            backend.batchNorm(step, input, gamma, beta, running, buffers[3], buffers[2], buffers[0]);
        } else {
            backend.batchNormInference(step, input, gamma, beta, running, buffers[0]);
        }
    }

    @Override
    public void backward(boolean deltaGiven) {
        // With no layer before it, dx still goes somewhere (not over dy, whose column sums are the shift gradient).
        DeviceMatrix dx = inputGradient != null ? inputGradient : buffers[6];
        backend.batchNormBackward(buffers[1], buffers[2], gamma, buffers[3], buffers[4], buffers[5], dx);
    }

    @Override
    public void weightGradient(double alpha, double beta, DeviceMatrix out) {
        backend.sumRows(alpha, buffers[5], beta, out);
    }

    @Override
    public DeviceMatrix output() {
        return buffers[0];
    }

    @Override
    public DeviceMatrix gradient() {
        return buffers[1];
    }

    @Override
    public DeviceMatrix delta() {
        return buffers[1];
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public void close() {
        for (int i = buffers.length - 1; i >= 0; i--) {
            DensePass.close(buffers[i]);
            buffers[i] = null;
        }
    }
}
