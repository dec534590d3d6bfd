package io.github.mnistnn;

import io.github.mnistnn.spi.MatrixShapes;

/** The immutable fully connected {@link Layer}; weights are kept flat, row-major {@code fan_in x fan_out}. */
final class DenseLayer implements Layer {
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

    private static void requireFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " " + i + " is " + values[i]);
            }
        }
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
    public Activation activation() {
        return activation;
    }

    @Override
    public double weight(int input, int unit) {
        return weights[input * fanOut + unit];
    }

    @Override
    public double bias(int unit) {
        return biases[unit];
    }

    @Override
    public double[][] weights() {
        double[][] out = new double[fanIn][];
        for (int i = 0; i < fanIn; i++) {
            out[i] = java.util.Arrays.copyOfRange(weights, i * fanOut, (i + 1) * fanOut);
        }
        return out;
    }

    @Override
    public double[] biases() {
        return biases.clone();
    }

    /** The flat weights, shared: callers must not write to them. */
    double[] flatWeights() {
        return weights;
    }

    /**
     * Any layer's weights as one row-major {@code fan_in x fan_out} array: a dense layer's own (shared, not to be
     * written to), or a copy for another implementation.
     */
    static double[] flatWeightsOf(Layer layer) {
        if (layer instanceof DenseLayer) {
            return ((DenseLayer) layer).flatWeights();
        }
        double[] flat = new double[MatrixShapes.requireElements("layer weights", layer.inputWidth(),
                layer.outputWidth())];
        for (int i = 0; i < layer.inputWidth(); i++) {
            for (int j = 0; j < layer.outputWidth(); j++) {
                flat[i * layer.outputWidth() + j] = layer.weight(i, j);
            }
        }
        return flat;
    }

    @Override
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

    @Override
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
}
