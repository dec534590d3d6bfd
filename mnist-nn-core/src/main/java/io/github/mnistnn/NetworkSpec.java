package io.github.mnistnn;

import io.github.mnistnn.spi.MatrixShapes;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a fully connected network: its input width, each layer's width and activation (the last is
 * the output layer), and how weights are initialised. Immutable; built with {@link #builder(int)}. Each layer's
 * {@code fan_in x fan_out} weights are held in one array, so a layer may have at most
 * {@link MatrixShapes#MAX_ELEMENTS} of them; {@link #parameterCount()} tells how much memory a network needs.
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
     * The number of parameters, every layer's {@code fan_in * fan_out} weights plus its {@code fan_out} biases,
     * computed in {@code long}. A network holds them in double (8 bytes each); training holds them once more on
     * the backend, and an optimizer with state (momentum, Adam) one or two copies beyond that. The reference
     * network 784-64-32-16-5 has {@code 784*64 + 64 + 64*32 + 32 + 32*16 + 16 + 16*5 + 5 = 52,933}.
     *
     * <pre>{@code
     * long bytes = 8 * spec.parameterCount();
     * }</pre>
     *
     * @return at least 2
     */
    public long parameterCount() {
        long count = 0;
        long fanIn = inputWidth;
        for (int width : widths) {
            count += fanIn * width + width;
            fanIn = width;
        }
        return count;
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
         * @throws IllegalArgumentException if there is no layer, a hidden layer uses softmax, or a layer has more
         *     weights ({@code fan_in * fan_out}) than one array holds ({@link MatrixShapes#MAX_ELEMENTS})
         */
        public NetworkSpec build() {
            if (widths.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one layer");
            }
            long fanIn = inputWidth;
            for (int k = 0; k < widths.size(); k++) {
                long fanOut = widths.get(k);
                if (fanIn * fanOut > MatrixShapes.MAX_ELEMENTS) {
                    throw new IllegalArgumentException("layer " + (k + 1) + " needs " + fanIn + " x " + fanOut + " = "
                            + fanIn * fanOut + " weights, more than one array holds (" + MatrixShapes.MAX_ELEMENTS
                            + "); make it or the layer before it narrower");
                }
                fanIn = fanOut;
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
