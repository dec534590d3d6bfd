package io.github.mnistnn;

/**
 * Turns an image into a vector of the same values in the same (channels-last) order, so that dense layers can
 * follow a convolution. No parameters, no arithmetic; immutable.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(Shape.image(28, 28, 1))
 *         .conv2d(8, 3, Padding.SAME, Activation.RELU).flatten().dense(10, Activation.SOFTMAX).build();
 * Shape flat = spec.outputShape(1);        // 6272
 * }</pre>
 */
public final class FlattenLayer implements Layer {
    private final Shape input;

    FlattenLayer(Shape input) {
        if (input == null || !input.isImage()) {
            throw new IllegalArgumentException("flatten needs an image input, got " + input + ", which is flat already");
        }
        this.input = input;
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public Shape outputShape() {
        return Shape.vector(input.size());
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public String toString() {
        return "flatten";
    }
}
