package io.github.mnistnn.internal.layers;

import io.github.mnistnn.Activation;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * A dense layer over a batch: forward {@code n = x W + b}, {@code a = f(n)}; backward {@code s = f'(n) * dL/da}
 * (in place, in the buffer the next layer wrote) and {@code dL/dx = s W^T}.
 */
public final class DensePass implements ParameterPass {
    private final Backend backend;
    private final int layer;
    private final DeviceMatrix weights;
    private final DeviceMatrix biases;
    private final Activation activation;
    private final DeviceMatrix input;
    private final DeviceMatrix inputGradient;
    private final DeviceMatrix n;
    private final DeviceMatrix a;
    private final DeviceMatrix s;

    DensePass(Backend backend, int layer, DeviceParameters parameters, Activation activation, DeviceMatrix input,
            DeviceMatrix inputGradient, boolean training) {
        this.backend = backend;
        this.layer = layer;
        this.weights = parameters.weights(layer);
        this.biases = parameters.biases(layer);
        this.activation = activation;
        this.input = input;
        this.inputGradient = inputGradient;
        int rows = input.rows();
        DeviceMatrix nn = null;
        DeviceMatrix aa = null;
        try {
            nn = backend.allocate(rows, weights.cols());
            aa = backend.allocate(rows, weights.cols());
            this.s = training ? backend.allocate(rows, weights.cols()) : null;
        } catch (RuntimeException e) {
            close(aa);
            close(nn);
            throw e;
        }
        this.n = nn;
        this.a = aa;
    }

    @Override
    public void forward(long batch) {
        backend.gemm(false, false, 1, input, weights, 0, n);
        backend.addRowVector(biases, n);
        backend.activate(activation, n, a);
    }

    @Override
    public void backward(boolean deltaGiven) {
        if (!deltaGiven) {
            backend.activationBackward(activation, n, a, 1, s, s);
        }
        if (inputGradient != null) {
            // Rows are samples, so W s becomes s W^T.
            backend.gemm(false, true, 1, s, weights, 0, inputGradient);
        }
    }

    @Override
    public DeviceMatrix output() {
        return a;
    }

    /** The pre-activations of the last forward pass. */
    public DeviceMatrix preActivations() {
        return n;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The weights, {@code fan_in x fan_out}. */
    public DeviceMatrix weights() {
        return weights;
    }

    @Override
    public DeviceMatrix gradient() {
        return s;
    }

    @Override
    public void weightGradient(double alpha, double beta, DeviceMatrix out) {
        backend.gemm(true, false, alpha, input, delta(), beta, out);
    }

    @Override
    public DeviceMatrix delta() {
        return s;
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public void close() {
        close(s);
        close(a);
        close(n);
    }

    static void close(DeviceMatrix m) {
        if (m != null) {
            m.close();
        }
    }
}
