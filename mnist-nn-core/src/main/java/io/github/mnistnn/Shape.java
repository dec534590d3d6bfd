package io.github.mnistnn;

import io.github.mnistnn.spi.MatrixShapes;

/**
 * The shape of what a layer takes or gives: a flat vector of features, or an image of rows, columns and channels
 * stored channels-last (row by row, and within a pixel channel by channel, as Keras stores images). An MNIST image
 * is {@code Shape.image(28, 28, 1)}, whose 784 values are the pixels row by row. Immutable.
 *
 * <pre>{@code
 * Shape digits = Shape.image(28, 28, 1);
 * int values = digits.size();              // 784
 * }</pre>
 */
public final class Shape {
    private final int height;
    private final int width;
    private final int channels;
    private final boolean image;

    private Shape(int height, int width, int channels, boolean image) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.image = image;
    }

    /**
     * An image shape.
     *
     * @param height rows, at least 1
     * @param width columns, at least 1
     * @param channels channels, at least 1
     * @return the shape
     * @throws IllegalArgumentException if a size is below 1 or the image has more values than one array holds
     */
    public static Shape image(int height, int width, int channels) {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("an image needs at least 1 row, column and channel, got " + height
                    + "x" + width + "x" + channels);
        }
        MatrixShapes.requireElements("an image of " + height + "x" + width + "x" + channels, (long) height * width,
                channels);
        return new Shape(height, width, channels, true);
    }

    /**
     * A flat shape.
     *
     * @param size features, at least 1
     * @return the shape
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public static Shape vector(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a vector needs at least 1 value, got " + size);
        }
        return new Shape(1, 1, size, false);
    }

    /**
     * Whether this is an image (rows, columns, channels) rather than a flat vector.
     *
     * @return true for an image
     */
    public boolean isImage() {
        return image;
    }

    /**
     * Rows of an image; 1 for a vector.
     *
     * @return the height
     */
    public int height() {
        return height;
    }

    /**
     * Columns of an image; 1 for a vector.
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * Channels of an image; the size of a vector.
     *
     * @return the channels
     */
    public int channels() {
        return channels;
    }

    /**
     * The number of values.
     *
     * @return {@code height * width * channels}
     */
    public int size() {
        return height * width * channels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && ((Shape) o).height == height && ((Shape) o).width == width
                && ((Shape) o).channels == channels && ((Shape) o).image == image;
    }

    @Override
    public int hashCode() {
        return ((height * 31 + width) * 31 + channels) * 2 + (image ? 1 : 0);
    }

    /** Such as {@code 28x28x1} for an image or {@code 784} for a vector. */
    @Override
    public String toString() {
        return image ? height + "x" + width + "x" + channels : Integer.toString(channels);
    }
}
