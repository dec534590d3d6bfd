package io.github.mnistnn;

/**
 * One layer of a {@link Network}: what it takes and gives, and its trained parameters. Layers are immutable; the
 * kinds are {@link DenseLayer fully connected}, {@link Conv2dLayer convolution}, {@link MaxPool2dLayer max-pooling},
 * {@link FlattenLayer flattening} and {@link DropoutLayer dropout} (active only while training). A
 * {@link NetworkSpec} describes them and a {@link Trainer} makes them; {@link #dense} and {@link #conv2d} build one
 * from known parameters (weights brought from elsewhere, say).
 *
 * <pre>{@code
 * Layer layer = Layer.dense(new double[][] {{1, 2}, {3, 4}}, new double[] {0.5, -0.5}, Activation.IDENTITY);
 * Shape in = layer.inputShape();           // 2
 * if (layer instanceof DenseLayer dense) {
 *     double[] n = new double[2], a = new double[2];
 *     dense.forward(new double[] {1, 1}, n, a);   // n = a = {4.5, 5.5}
 * }
 * }</pre>
 */
public sealed interface Layer permits DenseLayer, Conv2dLayer, MaxPool2dLayer, FlattenLayer, DropoutLayer {
    /**
     * Creates a dense layer from copies of its parameters.
     *
     * @param weights {@code fan_in} rows of {@code fan_out} weights
     * @param biases {@code fan_out} biases
     * @param activation the activation
     * @return the layer
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    static DenseLayer dense(double[][] weights, double[] biases, Activation activation) {
        return DenseLayer.copyOf(weights, biases, activation);
    }

    /**
     * Creates a convolution from copies of its parameters.
     *
     * @param input the image it takes
     * @param kernel kernel rows and columns
     * @param stride step between windows
     * @param padding SAME or VALID
     * @param weights {@code kernel * kernel * input.channels()} rows of {@code filters} weights, flat and row-major,
     *     the rows in (kernel row, kernel column, input channel) order as Keras stores a kernel
     * @param biases one per filter
     * @param activation an element-wise activation (not softmax)
     * @return the layer
     * @throws IllegalArgumentException if the sizes disagree, the kernel does not fit the image, or a value is
     *     not finite
     */
    static Conv2dLayer conv2d(Shape input, int kernel, int stride, Padding padding, double[] weights, double[] biases,
            Activation activation) {
        return Conv2dLayer.copyOf(input, kernel, stride, padding, weights, biases, activation);
    }

    /**
     * What the layer takes.
     *
     * @return its input shape
     */
    Shape inputShape();

    /**
     * What the layer gives.
     *
     * @return its output shape
     */
    Shape outputShape();

    /**
     * The number of input values, {@code inputShape().size()} ({@code fan_in} of a dense layer).
     *
     * @return at least 1
     */
    default int inputWidth() {
        return inputShape().size();
    }

    /**
     * The number of output values, {@code outputShape().size()} (the units of a dense layer).
     *
     * @return at least 1
     */
    default int outputWidth() {
        return outputShape().size();
    }

    /**
     * The number of trained values: weights and biases.
     *
     * @return 0 for a layer without parameters
     */
    long parameterCount();
}
