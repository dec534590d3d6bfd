package io.github.mnistnn.internal.cpu;

/**
 * A dense layer's pre-activations for many samples at once, {@code C = A W + 1 bias}, skipping the zero inputs;
 * one instance per thread, its buffers kept between calls. {@link PackedGemm} sums in double, bit for bit as a
 * single-sample dense layer; {@link Float32Product} in float.
 *
 * <pre>{@code
 * DenseProduct product = PackedGemm.serialWithConstantRight();
 * product.multiplyAddRow(samples, outputs, inputs, x, false, weights, biases, n);
 * }</pre>
 */
public interface DenseProduct {
    /**
     * {@code C = A B + 1 bias}.
     *
     * @param m rows of {@code C} (samples)
     * @param n columns of {@code C} (outputs)
     * @param k the inner dimension (inputs)
     * @param a row-major {@code m x k} inputs
     * @param rectifyA use {@code a > 0 ? a : 0} for each input (the ReLU of the layer before, applied while
     *     packing, where it costs nothing: the non-positive inputs are skipped like the zeros)
     * @param b row-major {@code k x n} weights; an instance may keep them packed from one call to the next
     *     (again only when another array is passed), so their values must not change meanwhile
     * @param bias the {@code n} biases
     * @param c row-major {@code m x n} output, not {@code a} or {@code b}
     */
    void multiplyAddRow(int m, int n, int k, double[] a, boolean rectifyA, double[] b, double[] bias, double[] c);
}
