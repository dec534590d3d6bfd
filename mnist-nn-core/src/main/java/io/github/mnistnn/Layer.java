package io.github.mnistnn;

/**
 * A fully connected layer: {@code n = W^T x + b}, {@code a = f(n)}, with the weights stored
 * {@code fan_in x fan_out} as in the reference (row {@code i} holds the weights leaving input {@code i}).
 * Layers are immutable; these host-side passes are the reference the backends are tested against and what
 * {@link Network#predict} runs on.
 *
 * <pre>{@code
 * Layer layer = Layer.dense(new double[][] {{1, 2}, {3, 4}}, new double[] {0.5, -0.5}, Activation.IDENTITY);
 * double[] n = new double[2], a = new double[2];
 * layer.forward(new double[] {1, 1}, n, a);   // n = a = {4.5, 5.5}
 * }</pre>
 */
public interface Layer {
    /**
     * Creates a dense layer from copies of its parameters.
     *
     * @param weights {@code fan_in} rows of {@code fan_out} weights
     * @param biases {@code fan_out} biases
     * @param activation the activation
     * @return the layer
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    static Layer dense(double[][] weights, double[] biases, Activation activation) {
        return DenseLayer.copyOf(weights, biases, activation);
    }

    /**
     * The number of inputs, {@code fan_in}.
     *
     * @return at least 1
     */
    int inputWidth();

    /**
     * The number of units, {@code fan_out}.
     *
     * @return at least 1
     */
    int outputWidth();

    /**
     * The activation.
     *
     * @return the activation
     */
    Activation activation();

    /**
     * One weight.
     *
     * @param input the input index, row of {@code W}
     * @param unit the unit index, column of {@code W}
     * @return {@code W[input][unit]}
     */
    double weight(int input, int unit);

    /**
     * One bias.
     *
     * @param unit the unit index
     * @return {@code b[unit]}
     */
    double bias(int unit);

    /**
     * A copy of the weights.
     *
     * @return {@code fan_in x fan_out} values
     */
    double[][] weights();

    /**
     * A copy of the biases.
     *
     * @return {@code fan_out} values
     */
    double[] biases();

    /**
     * The forward pass of one sample.
     *
     * @param input {@code fan_in} values
     * @param n written with the {@code fan_out} pre-activations
     * @param a written with the {@code fan_out} activations
     */
    void forward(double[] input, double[] n, double[] a);

    /**
     * The backward pass of one sample: from {@code gradA = dL/da} it computes {@code delta = dL/dn},
     * {@code gradInput = dL/dx = W delta} and {@code gradWeights = dL/dW = x delta^T} (flat, row-major); the
     * bias gradient is {@code delta}.
     *
     * @param input the forward pass's input
     * @param n the forward pass's pre-activations
     * @param a the forward pass's activations
     * @param gradA gradient with respect to the activations
     * @param delta written with {@code fan_out} values
     * @param gradInput written with {@code fan_in} values
     * @param gradWeights written with {@code fan_in * fan_out} values
     */
    void backward(double[] input, double[] n, double[] a, double[] gradA, double[] delta, double[] gradInput,
            double[] gradWeights);
}
