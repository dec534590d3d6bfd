package io.github.mnistnn;

import io.github.mnistnn.spi.PoolGeometry;

/**
 * Max-pooling over a channels-last image: each channel's largest value in every {@code size x size} window, the
 * windows a {@code stride} apart, rounded down at the border (as Keras and PyTorch do). No parameters; immutable.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(Shape.image(28, 28, 1))
 *         .conv2d(8, 3, Padding.SAME, Activation.RELU).maxPool2d(2).flatten().dense(10, Activation.SOFTMAX).build();
 * Shape pooled = spec.outputShape(1);      // 14x14x8
 * }</pre>
 */
public final class MaxPool2dLayer implements Layer {
    private final Shape input;
    private final PoolGeometry geometry;

    MaxPool2dLayer(Shape input, int size, int stride) {
        if (input == null || !input.isImage()) {
            throw new IllegalArgumentException("max-pooling needs an image input, got " + input);
        }
        this.input = input;
        this.geometry = PoolGeometry.of(input.height(), input.width(), input.channels(), size, stride);
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public Shape outputShape() {
        return Shape.image(geometry.outHeight(), geometry.outWidth(), geometry.channels());
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    /**
     * Window rows and columns.
     *
     * @return the size
     */
    public int size() {
        return geometry.size();
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
     * The windows, for the SPI's {@code maxPool}.
     *
     * @return the geometry
     */
    public PoolGeometry geometry() {
        return geometry;
    }

    @Override
    public String toString() {
        return "maxPool2d(" + size() + ", stride " + stride() + ")";
    }
}
