package io.github.mnistnn.internal.layers;

import io.github.mnistnn.spi.DeviceMatrix;

/**
 * A pass of a layer with parameters: weights (a batch normalisation's scales) and biases (its shifts). After the
 * backward pass the batch's bias gradient is the column sums of {@link #delta()} and its weight gradient is what
 * {@link #weightGradient} writes: {@code inputs^T delta} for a dense layer (its input rows) and a convolution (the
 * rows of its im2col matrix), the column sums of {@code delta * xHat} for a batch normalisation.
 */
public interface ParameterPass extends LayerPass {
    /**
     * Writes {@code out = alpha * G + beta * out}, with {@code G} the batch's weight gradient summed over its rows.
     *
     * @param alpha the gradient's factor
     * @param beta the factor of what {@code out} holds (0 to overwrite)
     * @param out the layer's weight shape
     */
    void weightGradient(double alpha, double beta, DeviceMatrix out);

    /**
     * The delta {@code dL/dn}: one row per input row of the layer's weight product, its column sums the bias
     * gradient.
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
