package io.github.mnistnn;

import io.github.mnistnn.spi.MatrixShapes;

/**
 * A fully connected layer: {@code n = W^T x + b}, {@code a = f(n)}, with the weights stored {@code fan_in x fan_out}
 * as in the reference (row {@code i} holds the weights leaving input {@code i}). Immutable; these host-side passes
 * are the reference the backends are tested against and what {@link Network#predict} runs for a dense network.
 *
 * <pre>{@code
 * DenseLayer layer = Layer.dense(new double[][] {{1, 2}, {3, 4}}, new double[] {0.5, -0.5}, Activation.IDENTITY);
 * double[] n = new double[2], a = new double[2];
 * layer.forward(new double[] {1, 1}, n, a);   // n = a = {4.5, 5.5}
 * }</pre>
 */
public final class DenseLayer implements Layer {
    private final int fanIn;
    private final int fanOut;
    private final double[] weights;
    private final double[] biases;
    private final Activation activation;

    private DenseLayer(int fanIn, int fanOut, double[] weights, double[] biases, Activation activation) {
        this.fanIn = fanIn;
        this.fanOut = fanOut;
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
    }

    static DenseLayer copyOf(double[][] weights, double[] biases, Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation is null");
        }
        if (weights.length == 0 || biases.length == 0) {
            throw new IllegalArgumentException("a layer needs at least one input and one unit, got "
                    + weights.length + " inputs and " + biases.length + " biases");
        }
        int fanOut = biases.length;
        double[] flat = new double[MatrixShapes.requireElements("layer weights", weights.length, fanOut)];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != fanOut) {
                throw new IllegalArgumentException("weight row " + i + " has " + weights[i].length
                        + " values, expected " + fanOut + " (one per bias)");
            }
            System.arraycopy(weights[i], 0, flat, i * fanOut, fanOut);
        }
        return ofFlat(weights.length, fanOut, flat, biases.clone(), activation);
    }

    /** Takes ownership of the arrays. */
    static DenseLayer ofFlat(int fanIn, int fanOut, double[] weights, double[] biases, Activation activation) {
        requireFinite(weights, "weight");
        requireFinite(biases, "bias");
        return new DenseLayer(fanIn, fanOut, weights, biases, activation);
    }

    /** Refuses a parameter that is not finite, naming its index; shared by the layers with parameters. */
    static void requireFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " " + i + " is " + values[i]);
            }
        }
    }

    @Override
    public Shape inputShape() {
        return Shape.vector(fanIn);
    }

    @Override
    public Shape outputShape() {
        return Shape.vector(fanOut);
    }

    @Override
    public int inputWidth() {
        return fanIn;
    }

    @Override
    public int outputWidth() {
        return fanOut;
    }

    @Override
    public long parameterCount() {
        return ((long) fanIn + 1) * fanOut;
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
     * One weight.
     *
     * @param input the input index, row of {@code W}
     * @param unit the unit index, column of {@code W}
     * @return {@code W[input][unit]}
     */
    public double weight(int input, int unit) {
        return weights[input * fanOut + unit];
    }

    /**
     * One bias.
     *
     * @param unit the unit index
     * @return {@code b[unit]}
     */
    public double bias(int unit) {
        return biases[unit];
    }

    /**
     * A copy of the weights.
     *
     * @return {@code fan_in x fan_out} values
     */
    public double[][] weights() {
        double[][] out = new double[fanIn][];
        for (int i = 0; i < fanIn; i++) {
            out[i] = java.util.Arrays.copyOfRange(weights, i * fanOut, (i + 1) * fanOut);
        }
        return out;
    }

    /**
     * A copy of the biases.
     *
     * @return {@code fan_out} values
     */
    public double[] biases() {
        return biases.clone();
    }

    /**
     * A copy of the weights as one row-major {@code fan_in x fan_out} array.
     *
     * @return {@code fan_in * fan_out} values
     */
    public double[] flatWeights() {
        return weights.clone();
    }

    /** The flat weights, shared: callers must not write to them. */
    double[] sharedWeights() {
        return weights;
    }

    /** The biases, shared: callers must not write to them. */
    double[] sharedBiases() {
        return biases;
    }

    /**
     * The forward pass of one sample.
     *
     * @param input {@code fan_in} values
     * @param n written with the {@code fan_out} pre-activations
     * @param a written with the {@code fan_out} activations
     */
    public void forward(double[] input, double[] n, double[] a) {
        System.arraycopy(biases, 0, n, 0, fanOut);
        for (int i = 0; i < fanIn; i++) {
            double x = input[i];
            if (x == 0) {
                continue;
            }
            int row = i * fanOut;
            for (int j = 0; j < fanOut; j++) {
                n[j] += x * weights[row + j];
            }
        }
        activation.forward(n, a, 0, fanOut);
    }

    /**
     * The backward pass of one sample: from {@code gradA = dL/da} it computes {@code delta = dL/dn},
     * {@code gradInput = dL/dx = W delta} and {@code gradWeights = dL/dW = x delta^T} (flat, row-major); the
     * bias gradient is {@code delta}.
     *
     * @param input the forward pass's input
     * @param n the forward pass's pre-activations
     * @param a the forward pass's activations
     * @param gradA gradient with respect to the activations
     * @param delta written with {@code fan_out} values
     * @param gradInput written with {@code fan_in} values
     * @param gradWeights written with {@code fan_in * fan_out} values
     */
    public void backward(double[] input, double[] n, double[] a, double[] gradA, double[] delta,
            double[] gradInput, double[] gradWeights) {
        activation.backward(n, a, 1.0, gradA, delta, 0, fanOut);
        for (int i = 0; i < fanIn; i++) {
            int row = i * fanOut;
            double sum = 0;
            for (int j = 0; j < fanOut; j++) {
                sum += weights[row + j] * delta[j];
                gradWeights[row + j] = input[i] * delta[j];
            }
            gradInput[i] = sum;
        }
    }

    @Override
    public String toString() {
        return "dense(" + fanOut + ", " + activation + ")";
    }
}
