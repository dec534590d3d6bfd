package io.github.mnistnn;

import io.github.mnistnn.internal.model.LayerPlan;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.MatrixShapes;

/**
 * A 2-D convolution over a channels-last image: {@code filters} square kernels slide over the image with a stride,
 * each output value is {@code f(b + sum of kernel x window)}. The weights are stored as Keras stores a kernel,
 * {@code (kernel * kernel * in_channels) x filters}, the rows in (kernel row, kernel column, input channel) order,
 * so the layer is one matrix product of the image's windows ({@link ConvGeometry#im2col}) with them. Immutable.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(Shape.image(28, 28, 1))
 *         .conv2d(32, 3, Padding.SAME, Activation.RELU).maxPool2d(2).flatten().dense(10, Activation.SOFTMAX).build();
 * Conv2dLayer first = (Conv2dLayer) Network.initialize(spec, 1).layers().get(0);
 * int filters = first.filters();           // 32
 * }</pre>
 */
public final class Conv2dLayer implements Layer {
    private final Shape input;
    private final ConvGeometry geometry;
    private final Padding padding;
    private final int filters;
    private final double[] weights;
    private final double[] biases;
    private final Activation activation;

    private Conv2dLayer(Shape input, ConvGeometry geometry, Padding padding, double[] weights, double[] biases,
            Activation activation) {
        this.input = input;
        this.geometry = geometry;
        this.padding = padding;
        this.filters = biases.length;
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
    }

    static Conv2dLayer copyOf(Shape input, int kernel, int stride, Padding padding, double[] weights,
            double[] biases, Activation activation) {
        return ofOwned(input, kernel, stride, padding, weights.clone(), biases.clone(), activation);
    }

    /** Takes ownership of the arrays. */
    static Conv2dLayer ofOwned(Shape input, int kernel, int stride, Padding padding, double[] weights,
            double[] biases, Activation activation) {
        if (input == null || !input.isImage()) {
            throw new IllegalArgumentException("a convolution needs an image input, got " + input);
        }
        if (padding == null || activation == null) {
            throw new IllegalArgumentException("a convolution needs a padding and an activation");
        }
        if (activation == Activation.SOFTMAX) {
            throw new IllegalArgumentException("a convolution's activation must be element-wise, not SOFTMAX");
        }
        if (biases.length == 0) {
            throw new IllegalArgumentException("a convolution needs at least one filter");
        }
        ConvGeometry g = LayerPlan.convGeometry(input, kernel, stride, padding);
        long expected = (long) g.columnWidth() * biases.length;
        if (weights.length != expected) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " convolution of " + input + " with "
                    + biases.length + " filters needs " + g.columnWidth() + " x " + biases.length + " = " + expected
                    + " weights, got " + weights.length);
        }
        MatrixShapes.requireElements("convolution weights", g.columnWidth(), biases.length);
        DenseLayer.requireFinite(weights, "weight");
        DenseLayer.requireFinite(biases, "bias");
        return new Conv2dLayer(input, g, padding, weights, biases, activation);
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public Shape outputShape() {
        return Shape.image(geometry.outHeight(), geometry.outWidth(), filters);
    }

    @Override
    public long parameterCount() {
        return ((long) geometry.columnWidth() + 1) * filters;
    }

    /**
     * The number of kernels, the output channels.
     *
     * @return at least 1
     */
    public int filters() {
        return filters;
    }

    /**
     * Kernel rows and columns.
     *
     * @return the kernel size
     */
    public int kernel() {
        return geometry.kernel();
    }

    /**
     * The step between windows.
     *
     * @return the stride
     */
    public int stride() {
        return geometry.stride();
    }

    /**
     * How the border is treated.
     *
     * @return SAME or VALID
     */
    public Padding padding() {
        return padding;
    }

    /**
     * The activation.
     *
     * @return the activation
     */
    public Activation activation() {
        return activation;
    }

    /**
     * The windows this layer reads, for the SPI's {@code im2col}.
     *
     * @return the geometry
     */
    public ConvGeometry geometry() {
        return geometry;
    }

    /**
     * A copy of the weights, {@code (kernel * kernel * in_channels) x filters}, flat and row-major.
     *
     * @return the weights
     */
    public double[] flatWeights() {
        return weights.clone();
    }

    /**
     * A copy of the biases.
     *
     * @return one per filter
     */
    public double[] biases() {
        return biases.clone();
    }

    double[] sharedWeights() {
        return weights;
    }

    double[] sharedBiases() {
        return biases;
    }

    @Override
    public String toString() {
        return "conv2d(" + filters + ", " + kernel() + "x" + kernel() + ", stride " + stride() + ", " + padding + ", "
                + activation + ")";
    }
}
