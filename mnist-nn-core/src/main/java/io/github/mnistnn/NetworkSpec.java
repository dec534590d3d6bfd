package io.github.mnistnn;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a fully connected network: its input width, each layer's width and activation (the last is
 * the output layer), and how weights are initialised. Immutable; built with {@link #builder(int)}.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(784)
 *         .layer(64, Activation.SIGMOID)
 *         .layer(32, Activation.SIGMOID)
 *         .layer(16, Activation.SIGMOID)
 *         .layer(5, Activation.SOFTMAX)
 *         .build();
 * }</pre>
 */
public final class NetworkSpec {
    private final int inputWidth;
    private final int[] widths;
    private final Activation[] activations;
    private final Initializer initializer;

    private NetworkSpec(Builder b) {
        this.inputWidth = b.inputWidth;
        this.widths = b.widths.stream().mapToInt(Integer::intValue).toArray();
        this.activations = b.activations.toArray(new Activation[0]);
        this.initializer = b.initializer;
    }

    /**
     * Starts a spec.
     *
     * @param inputWidth the number of inputs, at least 1
     * @return a builder
     */
    public static Builder builder(int inputWidth) {
        return new Builder(inputWidth);
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
     * The number of inputs.
     *
     * @return the input width
     */
    public int inputWidth() {
        return inputWidth;
    }

    /**
     * The number of layers, the output layer included.
     *
     * @return at least 1
     */
    public int depth() {
        return widths.length;
    }

    /**
     * The width of one layer.
     *
     * @param layer 0 for the first hidden layer, {@code depth() - 1} for the output layer
     * @return its units
     */
    public int width(int layer) {
        return widths[layer];
    }

    /**
     * The activation of one layer.
     *
     * @param layer the layer index
     * @return its activation
     */
    public Activation activation(int layer) {
        return activations[layer];
    }

    /**
     * How weights are drawn.
     *
     * @return the initializer
     */
    public Initializer initializer() {
        return initializer;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputWidth);
        for (int k = 0; k < widths.length; k++) {
            s.append('-').append(widths[k]);
        }
        return s.toString();
    }

    /** Builds a {@link NetworkSpec}; checks every value as it is given. */
    public static final class Builder {
        private final int inputWidth;
        private final List<Integer> widths = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private Initializer initializer = Initializer.REFERENCE_UNIFORM;

        private Builder(int inputWidth) {
            if (inputWidth < 1) {
                throw new IllegalArgumentException("inputWidth must be at least 1, got " + inputWidth);
            }
            this.inputWidth = inputWidth;
        }

        /**
         * Appends a layer; the last one appended is the output layer.
         *
         * @param units its width, at least 1
         * @param activation its activation; {@link Activation#SOFTMAX} only for the output layer
         * @return this builder
         */
        public Builder layer(int units, Activation activation) {
            if (units < 1) {
                throw new IllegalArgumentException("layer " + (widths.size() + 1) + " must have at least 1 unit, got "
                        + units);
            }
            if (activation == null) {
                throw new IllegalArgumentException("layer " + (widths.size() + 1) + " has a null activation");
            }
            widths.add(units);
            activations.add(activation);
            return this;
        }

        /**
         * Sets how weights are drawn; the default is {@link Initializer#REFERENCE_UNIFORM}.
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
         * @throws IllegalArgumentException if there is no layer or a hidden layer uses softmax
         */
        public NetworkSpec build() {
            if (widths.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one layer");
            }
            for (int k = 0; k < activations.size() - 1; k++) {
                if (activations.get(k) == Activation.SOFTMAX) {
                    throw new IllegalArgumentException("hidden layer " + (k + 1)
                            + " uses SOFTMAX, which is only for the output layer");
                }
            }
            return new NetworkSpec(this);
        }
    }
}
