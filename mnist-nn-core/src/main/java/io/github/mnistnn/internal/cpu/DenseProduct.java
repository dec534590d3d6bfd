package io.github.mnistnn.internal.cpu;

/**
 * One dense layer's pre-activations for many samples at once, {@code C = A W + 1 bias}, skipping the zero
 * inputs; the weights are bound when the product is made. One instance per thread, its buffers kept between
 * calls. {@link PackedGemm#layer} sums in double, bit for bit as a single-sample dense layer;
 * {@link Float32Product} in float.
 *
 * <pre>{@code
 * DenseProduct product = PackedGemm.layer(inputs, outputs, flatWeights, biases);
 * product.multiplyAddRow(samples, x, false, n);
 * }</pre>
 */
public interface DenseProduct {
    /**
     * {@code C = A W + 1 bias}.
     *
     * @param m rows of {@code C} (samples)
     * @param a row-major {@code m x inputs}
     * @param rectifyA use {@code a > 0 ? a : 0} for each input (the ReLU of the layer before, applied while
     *     packing, where it costs nothing: the non-positive inputs are skipped like the zeros)
     * @param c row-major {@code m x outputs} output, not {@code a}
     */
    void multiplyAddRow(int m, double[] a, boolean rectifyA, double[] c);
}
