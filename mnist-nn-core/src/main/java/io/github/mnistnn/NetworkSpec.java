package io.github.mnistnn;

import io.github.mnistnn.internal.model.LayerPlan;
import io.github.mnistnn.spi.BatchNormStep;
import java.util.List;

/**
 * The shape of a network: what it takes, each layer in order (the last is the dense output layer), and how
 * weights are initialised. Every layer's input and output shape is inferred as it is added and checked; a layer
 * that does not fit what comes before it is refused with an {@link IllegalArgumentException} naming the layer
 * and both shapes. Immutable; built with {@link #builder(int)} for a flat input or {@link #builder(Shape)} for an
 * image. {@link #parameterCount()} tells how much memory a network needs.
 *
 * <pre>{@code
 * NetworkSpec mlp = NetworkSpec.builder(784)
 *         .layer(64, Activation.SIGMOID)
 *         .layer(32, Activation.SIGMOID)
 *         .layer(16, Activation.SIGMOID)
 *         .layer(5, Activation.SOFTMAX)
 *         .build();
 * NetworkSpec cnn = NetworkSpec.builder(Shape.image(28, 28, 1))
 *         .conv2d(32, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
 *         .conv2d(64, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
 *         .flatten()
 *         .dense(10, Activation.SOFTMAX)
 *         .build();
 * }</pre>
 */
public final class NetworkSpec {
    private final Shape input;
    private final List<LayerPlan> plans;
    private final Initializer initializer;

    private NetworkSpec(Shape input, List<LayerPlan> plans, Initializer initializer) {
        this.input = input;
        this.plans = List.copyOf(plans);
        this.initializer = initializer != null ? initializer
                : input.isImage() ? Initializer.HE : Initializer.REFERENCE_UNIFORM;
    }

    /**
     * Starts a spec for a flat input.
     *
     * @param inputWidth the number of inputs, at least 1
     * @return a builder
     */
    public static Builder builder(int inputWidth) {
        if (inputWidth < 1) {
            throw new IllegalArgumentException("inputWidth must be at least 1, got " + inputWidth);
        }
        return new Builder(Shape.vector(inputWidth));
    }

    /**
     * Starts a spec for an input of any shape, such as {@code Shape.image(28, 28, 1)} for MNIST digits.
     *
     * @param input the input shape
     * @return a builder
     */
    public static Builder builder(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        return new Builder(input);
    }

    /**
     * The reference project's network: 784-64-32-16-{@code classes}, sigmoid hidden layers, softmax output,
     * uniform(-0.5, 0.5) weights.
     *
     * @param classes output units (5 for the reference's digit task)
     * @return the spec
     */
    public static NetworkSpec reference(int classes) {
        return builder(784).layer(64, Activation.SIGMOID).layer(32, Activation.SIGMOID)
                .layer(16, Activation.SIGMOID).layer(classes, Activation.SOFTMAX).build();
    }

    /**
     * What the network takes.
     *
     * @return the input shape
     */
    public Shape inputShape() {
        return input;
    }

    /**
     * The number of input values.
     *
     * @return {@code inputShape().size()}
     */
    public int inputWidth() {
        return input.size();
    }

    /**
     * The number of layers of every kind, the output layer included.
     *
     * @return at least 1
     */
    public int depth() {
        return plans.size();
    }

    /**
     * The number of values one layer gives.
     *
     * @param layer 0 for the first layer, {@code depth() - 1} for the output layer
     * @return {@code outputShape(layer).size()}; a dense layer's units
     */
    public int width(int layer) {
        return plans.get(layer).output().size();
    }

    /**
     * What one layer gives.
     *
     * @param layer the layer index
     * @return its output shape
     */
    public Shape outputShape(int layer) {
        return plans.get(layer).output();
    }

    /**
     * The activation of one layer.
     *
     * @param layer the layer index
     * @return its activation; {@link Activation#IDENTITY} for pooling, flatten and dropout
     */
    public Activation activation(int layer) {
        return plans.get(layer).activation();
    }

    /**
     * The number of parameters, every layer's weights plus its biases, computed in {@code long}; a dense layer
     * has {@code fan_in * fan_out + fan_out}, a convolution {@code (k * k * in_channels + 1) * filters}. A network
     * holds them in double (8 bytes each); training holds them once more on the backend, and an optimizer with
     * state (momentum, Adam) one or two copies beyond that. The reference network 784-64-32-16-5 has
     * {@code 784*64 + 64 + 64*32 + 32 + 32*16 + 16 + 16*5 + 5 = 52,933}.
     *
     * <pre>{@code
     * long bytes = 8 * spec.parameterCount();
     * }</pre>
     *
     * @return at least 2
     */
    public long parameterCount() {
        long count = 0;
        for (LayerPlan plan : plans) {
            count += plan.parameterCount();
        }
        return count;
    }

    /**
     * How weights are drawn: the one set, or by default {@link Initializer#REFERENCE_UNIFORM} for a flat input and
     * {@link Initializer#HE} for an image.
     *
     * @return the initializer
     */
    public Initializer initializer() {
        return initializer;
    }

    /** Whether every layer is dense: such a network runs on the dense fast paths. */
    boolean isDense() {
        for (LayerPlan plan : plans) {
            if (!(plan instanceof LayerPlan.Dense)) {
                return false;
            }
        }
        return true;
    }

    List<LayerPlan> plans() {
        return plans;
    }

    /** Such as {@code 784-64-32-16-5} for a dense network, or the input shape and each layer for any other. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(input);
        for (LayerPlan plan : plans) {
            s.append(isDense() ? "-" + plan.output() : " " + plan);
        }
        return s.toString();
    }

    /** Builds a {@link NetworkSpec}; checks every layer as it is added, against the shape before it. */
    public static final class Builder {
        private final Shape input;
        private final SpecLayers layers;
        private Initializer initializer;

        private Builder(Shape input) {
            this.input = input;
            this.layers = new SpecLayers(input);
        }

        /**
         * Appends a dense layer; the same as {@link #dense}.
         *
         * @param units its width, at least 1
         * @param activation its activation; {@link Activation#SOFTMAX} only for the output layer
         * @return this builder
         */
        public Builder layer(int units, Activation activation) {
            return dense(units, activation);
        }

        /**
         * Appends a fully connected layer; it needs a flat input (add {@link #flatten()} after an image).
         *
         * @param units its width, at least 1
         * @param activation its activation; {@link Activation#SOFTMAX} only for the output layer
         * @return this builder
         */
        public Builder dense(int units, Activation activation) {
            layers.dense(units, activation);
            return this;
        }

        /**
         * Appends a convolution with stride 1.
         *
         * @param filters output channels, at least 1
         * @param kernel kernel rows and columns, at least 1
         * @param padding SAME or VALID
         * @param activation an element-wise activation (not softmax)
         * @return this builder
         */
        public Builder conv2d(int filters, int kernel, Padding padding, Activation activation) {
            return conv2d(filters, kernel, 1, padding, activation);
        }

        /**
         * Appends a convolution; it needs an image input.
         *
         * @param filters output channels, at least 1
         * @param kernel kernel rows and columns, at least 1 (odd or even)
         * @param stride step between windows, at least 1
         * @param padding SAME or VALID
         * @param activation an element-wise activation (not softmax)
         * @return this builder
         */
        public Builder conv2d(int filters, int kernel, int stride, Padding padding, Activation activation) {
            layers.conv2d(filters, kernel, stride, padding, activation);
            return this;
        }

        /**
         * Appends a max-pooling whose stride is its size.
         *
         * @param size window rows and columns, at least 1
         * @return this builder
         */
        public Builder maxPool2d(int size) {
            return maxPool2d(size, size);
        }

        /**
         * Appends a max-pooling; it needs an image input at least as large as the window.
         *
         * @param size window rows and columns, at least 1
         * @param stride step between windows, at least 1
         * @return this builder
         */
        public Builder maxPool2d(int size, int stride) {
            layers.maxPool2d(size, stride);
            return this;
        }

        /**
         * Appends a flatten, turning an image into a vector so that dense layers can follow.
         *
         * @return this builder
         */
        public Builder flatten() {
            layers.flatten();
            return this;
        }

        /**
         * Appends inverted dropout, active while training only; allowed anywhere but as the output layer.
         *
         * @param rate the probability of dropping a value, in [0, 1)
         * @return this builder
         */
        public Builder dropout(double rate) {
            layers.dropout(rate);
            return this;
        }

        /**
         * Adds a batch normalisation with PyTorch's settings (epsilon 1e-5, momentum 0.1): per channel of an image,
         * per unit of a vector. It has no activation of its own; put it after a layer's activation, as in
         * {@code conv2d(32, 3, Padding.SAME, Activation.RELU).batchNorm()}.
         *
         * @return this builder
         */
        public Builder batchNorm() {
            return batchNorm(BatchNormStep.DEFAULT.epsilon(), BatchNormStep.DEFAULT.momentum());
        }

        /**
         * Adds a batch normalisation with the given settings.
         *
         * @param epsilon added to the variance, in (0, 1)
         * @param momentum the weight of a batch's statistics in the running ones, in (0, 1] (Keras's momentum
         *     0.99 is 0.01 here)
         * @return this builder
         * @throws IllegalArgumentException if a setting is out of range, naming the layer
         */
        public Builder batchNorm(double epsilon, double momentum) {
            layers.batchNorm(epsilon, momentum);
            return this;
        }

        /**
         * Sets how weights are drawn; the default is {@link Initializer#REFERENCE_UNIFORM} for a flat input and
         * {@link Initializer#HE} for an image.
         *
         * @param initializer the initializer
         * @return this builder
         */
        public Builder initializer(Initializer initializer) {
            if (initializer == null) {
                throw new IllegalArgumentException("initializer is null");
            }
            this.initializer = initializer;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if there is no layer, the last layer is not dense, or a hidden layer
         *     uses softmax
         */
        public NetworkSpec build() {
            return new NetworkSpec(input, layers.checked(), initializer);
        }
    }
}
