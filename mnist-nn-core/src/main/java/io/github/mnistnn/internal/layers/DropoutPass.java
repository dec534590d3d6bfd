package io.github.mnistnn.internal.layers;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * Inverted dropout over a batch, in training only: forward draws mask number {@code batch * slots + slot}
 * ({@link Backend#dropoutMask}) and multiplies; backward multiplies the gradient by the same mask, in place in the
 * previous layer's gradient buffer, which is also this pass's.
 */
public final class DropoutPass implements LayerPass {
    private final Backend backend;
    private final double rate;
    private final long seed;
    private final int slot;
    private final int slots;
    private final DeviceMatrix input;
    private final DeviceMatrix inputGradient;
    private DeviceMatrix mask;
    private DeviceMatrix output;

    DropoutPass(Backend backend, double rate, long seed, int slot, int slots, DeviceMatrix input,
            DeviceMatrix inputGradient) {
        this.backend = backend;
        this.rate = rate;
        this.seed = seed;
        this.slot = slot;
        this.slots = slots;
        this.input = input;
        this.inputGradient = inputGradient;
        try {
            mask = backend.allocate(input.rows(), input.cols());
            output = backend.allocate(input.rows(), input.cols());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void forward(long batch) {
        backend.dropoutMask(rate, seed, batch * slots + slot, mask);
        backend.multiply(input, mask, output);
    }

    @Override
    public void backward(boolean deltaGiven) {
        if (inputGradient != null) {
            backend.multiply(inputGradient, mask, inputGradient);
        }
    }

    /** The mask of the last forward pass. */
    public DeviceMatrix mask() {
        return mask;
    }

    @Override
    public DeviceMatrix output() {
        return output;
    }

    @Override
    public DeviceMatrix gradient() {
        return inputGradient;
    }

    @Override
    public void close() {
        DensePass.close(output);
        DensePass.close(mask);
        output = null;
        mask = null;
    }
}
