package io.github.mnistnn;

import io.github.mnistnn.spi.DropoutNoise;

/**
 * Inverted dropout (Srivastava et al., JMLR 2014) as a layer: while training, each value is zeroed with probability
 * {@code rate} and the kept ones scaled by {@code 1 / (1 - rate)}, by the same counter-based mask on every backend
 * ({@link DropoutNoise}); in prediction it passes its input through unchanged. Immutable.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(Shape.image(28, 28, 1))
 *         .conv2d(8, 3, Padding.SAME, Activation.RELU).dropout(0.25).flatten().dense(10, Activation.SOFTMAX).build();
 * }</pre>
 */
public final class DropoutLayer implements Layer {
    private final Shape shape;
    private final double rate;

    DropoutLayer(Shape shape, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("a dropout rate must be in [0, 1), got " + rate);
        }
        this.shape = shape;
        this.rate = rate;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    /**
     * The probability that a value is dropped while training.
     *
     * @return in [0, 1)
     */
    public double rate() {
        return rate;
    }

    @Override
    public String toString() {
        return "dropout(" + rate + ")";
    }
}
