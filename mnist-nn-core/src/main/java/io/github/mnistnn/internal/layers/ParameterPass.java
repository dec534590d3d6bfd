package io.github.mnistnn.internal.layers;

import io.github.mnistnn.spi.DeviceMatrix;

/**
 * A pass of a layer with weights and biases. After the backward pass the batch's weight gradient is
 * {@code inputs()^T delta()} and its bias gradient the column sums of {@code delta()}: for a dense layer the inputs
 * are the layer's input rows, for a convolution the rows of its im2col matrix.
 */
public interface ParameterPass extends LayerPass {
    /**
     * The left factor of the weight gradient.
     *
     * @return the inputs, as the forward pass saw them
     */
    DeviceMatrix inputs();

    /**
     * The delta {@code dL/dn}, one row per input row of {@link #inputs()}.
     *
     * @return the delta
     */
    DeviceMatrix delta();

    /**
     * The layer's index in the network, the index of its parameters in {@link DeviceParameters}.
     *
     * @return the index
     */
    int layer();
}
