package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;

/**
 * The ReLU of {@link Float32CpuBackend} on a run of floats, forward {@code a = n > 0 ? n : 0} and backward
 * {@code out = (scale * (n > 0 ? 1 : 0)) * grad}, where NaN takes the negative branch and {@code -0} gives
 * {@code +0}: {@link Float32RowMath}'s rules, which every implementation follows bit for bit. The ReLU runs over
 * every activation of a convolution (3.2 million floats for the first layer of the benchmarks' CNN at batch 128),
 * so it has a kernel of its own. Stateless and thread-safe.
 *
 * <pre>{@code
 * Rectifier relu = Rectifier.create();
 * relu.forward(n, a, 0, n.length);
 * relu.backward(n, 1f, grad, grad, 0, n.length);
 * }</pre>
 */
interface Rectifier {
    /**
     * The fastest implementation this JVM runs: the Vector API kernel where {@link VectorKernels} enables it,
     * otherwise {@link #LOOPS}.
     *
     * @return the implementation
     */
    static Rectifier create() {
        return VectorKernels.enabled() ? VectorKernels.rectifier() : LOOPS;
    }

    /**
     * {@code a[i] = n[i] > 0 ? n[i] : +0} for {@code i} in {@code [from, to)}; {@code a} may be {@code n}.
     *
     * @param n the pre-activations
     * @param a the activations
     * @param from the first index
     * @param to past the last index
     */
    void forward(float[] n, float[] a, int from, int to);

    /**
     * {@code out[i] = (scale * (n[i] > 0 ? 1 : 0)) * grad[i]} for {@code i} in {@code [from, to)}; {@code out} may
     * be {@code grad}.
     *
     * @param n the pre-activations
     * @param scale the factor of the derivative
     * @param grad the gradient with respect to the activations
     * @param out the gradient with respect to the pre-activations
     * @param from the first index
     * @param to past the last index
     */
    void backward(float[] n, float scale, float[] grad, float[] out, int from, int to);

    /** {@link Float32RowMath}'s branch-free loops. */
    Rectifier LOOPS = new Rectifier() {
        @Override
        public void forward(float[] n, float[] a, int from, int to) {
            Float32RowMath.forward(Activation.RELU, n, a, from, to - from);
        }

        @Override
        public void backward(float[] n, float scale, float[] grad, float[] out, int from, int to) {
            Float32RowMath.backward(Activation.RELU, n, null, scale, grad, out, from, to - from);
        }
    };
}
