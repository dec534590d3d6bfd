package io.github.mnistnn.internal.layers;

import io.github.mnistnn.spi.DeviceMatrix;

/**
 * One layer's passes over a batch of a fixed number of rows, bound at construction to the matrix it reads (the
 * batch, or the previous pass's output) and to the matrix its backward pass writes (the previous pass's
 * {@link #gradient()}, or none for the first layer). Owns its work buffers, allocated once.
 */
public interface LayerPass extends AutoCloseable {
    /**
     * The forward pass: reads the bound input, writes {@link #output()}.
     *
     * @param batch the number of the batch in the run, which seeds dropout masks
     */
    void forward(long batch);

    /**
     * What the forward pass wrote, read by the next pass.
     *
     * @return the output matrix
     */
    DeviceMatrix output();

    /**
     * Where the next pass's backward writes the loss gradient with respect to {@link #output()}, or {@code null}
     * when nothing needs it (a first layer without parameters).
     *
     * @return the gradient matrix
     */
    DeviceMatrix gradient();

    /**
     * The backward pass: from the gradient in {@link #gradient()} (for a dense output layer, {@code deltaGiven}:
     * the delta {@code dL/dn} already there) it forms this layer's delta and writes the gradient with respect to
     * its input into the bound input gradient, when there is one.
     *
     * @param deltaGiven whether {@link #gradient()} holds {@code dL/dn} rather than {@code dL/da}
     */
    void backward(boolean deltaGiven);

    @Override
    void close();
}
