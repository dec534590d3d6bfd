package io.github.mnistnn;

import io.github.mnistnn.spi.BatchNormStep;

/**
 * One layer of a {@link Network}: what it takes and gives, and its trained parameters. Layers are immutable; the
 * kinds are {@link DenseLayer fully connected}, {@link Conv2dLayer convolution}, {@link MaxPool2dLayer max-pooling},
 * {@link FlattenLayer flattening}, {@link DropoutLayer dropout} (active only while training) and
 * {@link BatchNormLayer batch normalisation}. A
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
public sealed interface Layer permits DenseLayer, Conv2dLayer, MaxPool2dLayer, FlattenLayer, DropoutLayer,
        BatchNormLayer {
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
     * Creates a batch normalisation from copies of its parameters and running statistics.
     *
     * @param shape what it takes and gives; an image is normalised per channel, a vector per value
     * @param gamma the scales, one per feature
     * @param beta the shifts, one per feature
     * @param runningMean the running means prediction uses, one per feature
     * @param runningVariance the running variances, one per feature, none negative
     * @param settings epsilon and momentum ({@link BatchNormStep#DEFAULT}: PyTorch's)
     * @return the layer
     * @throws IllegalArgumentException if a length does not fit the shape or a value is not finite
     */
    static BatchNormLayer batchNorm(Shape shape, double[] gamma, double[] beta, double[] runningMean,
            double[] runningVariance, BatchNormStep settings) {
        double[] running = java.util.Arrays.copyOf(runningMean, runningMean.length + runningVariance.length);
        System.arraycopy(runningVariance, 0, running, runningMean.length, runningVariance.length);
        if (runningMean.length != runningVariance.length) {
            throw new IllegalArgumentException("batch normalisation needs as many running means as variances, got "
                    + runningMean.length + " and " + runningVariance.length);
        }
        return BatchNormLayer.ofOwned(shape, gamma.clone(), beta.clone(), running, settings);
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
