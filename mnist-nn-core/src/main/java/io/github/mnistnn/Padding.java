package io.github.mnistnn;

/**
 * How a convolution treats the image border, as Keras and TensorFlow define it.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(Shape.image(28, 28, 1))
 *         .conv2d(8, 3, Padding.SAME, Activation.RELU).flatten().dense(10, Activation.SOFTMAX).build();
 * }</pre>
 */
public enum Padding {
    /**
     * Zeros around the image so that the output has {@code ceil(in / stride)} rows and columns; where the
     * padding is odd the extra row or column goes at the bottom or right.
     */
    SAME,
    /** No padding: the output has {@code floor((in - kernel) / stride) + 1} rows and columns. */
    VALID
}
