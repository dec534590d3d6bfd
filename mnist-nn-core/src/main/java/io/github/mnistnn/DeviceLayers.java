package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.ArrayList;
import java.util.List;

/** A network's weights and biases held on a backend for a training run or a {@link DeviceClassifier}. */
final class DeviceLayers implements AutoCloseable {
    private final Backend backend;
    private final DeviceMatrix[] weights;
    private final DeviceMatrix[] biases;
    private final Activation[] activations;

    DeviceLayers(Backend backend, Network network) {
        this.backend = backend;
        int depth = network.layers().size();
        this.weights = new DeviceMatrix[depth];
        this.biases = new DeviceMatrix[depth];
        this.activations = new Activation[depth];
        try {
            for (int k = 0; k < depth; k++) {
                Layer layer = network.layers().get(k);
                weights[k] = backend.allocate(layer.inputWidth(), layer.outputWidth());
                biases[k] = backend.allocate(1, layer.outputWidth());
                backend.upload(DenseLayer.flatWeightsOf(layer), 0, weights[k]);
                backend.upload(layer.biases(), 0, biases[k]);
                activations[k] = layer.activation();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int depth() {
        return weights.length;
    }

    DeviceMatrix weights(int k) {
        return weights[k];
    }

    DeviceMatrix biases(int k) {
        return biases[k];
    }

    Activation activation(int k) {
        return activations[k];
    }

    DeviceMatrix[] allWeights() {
        return weights;
    }

    DeviceMatrix[] allBiases() {
        return biases;
    }

    Activation[] activations() {
        return activations;
    }

    /**
     * Layer {@code k}'s forward pass for a batch: {@code n = input W_k + b_k}, {@code a = f_k(n)}.
     *
     * @param k the layer
     * @param input the layer's input rows
     * @param n written with the pre-activations
     * @param a written with the activations
     */
    void forward(int k, DeviceMatrix input, DeviceMatrix n, DeviceMatrix a) {
        backend.gemm(false, false, 1, input, weights[k], 0, n);
        backend.addRowVector(biases[k], n);
        backend.activate(activations[k], n, a);
    }

    int width(int k) {
        return weights[k].cols();
    }

    /**
     * Downloads the current parameters.
     *
     * @return the layers, or {@code null} if any parameter is not finite
     */
    List<Layer> download() {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            double[] w = new double[weights[k].rows() * weights[k].cols()];
            double[] b = new double[biases[k].cols()];
            backend.download(weights[k], w);
            backend.download(biases[k], b);
            if (!allFinite(w) || !allFinite(b)) {
                return null;
            }
            layers.add(DenseLayer.ofFlat(weights[k].rows(), weights[k].cols(), w, b, activations[k]));
        }
        return layers;
    }

    /**
     * Downloads one layer's weights or biases into {@code scratch} and finds their largest magnitude.
     *
     * @param k the layer
     * @param ofWeights the weights, or else the biases
     * @param scratch at least as long as the layer's weights
     * @return the largest magnitude, NaN if one is NaN
     */
    double largestMagnitude(int k, boolean ofWeights, double[] scratch) {
        DeviceMatrix m = ofWeights ? weights[k] : biases[k];
        backend.download(m, scratch);
        return DivergenceWatch.largestMagnitude(scratch, m.rows() * m.cols());
    }

    /**
     * The number of values in the largest layer's weights, the size of a scratch array for
     * {@link #largestMagnitude}.
     *
     * @return at least 1
     */
    int largestLayer() {
        int largest = 1;
        for (int k = 0; k < weights.length; k++) {
            largest = Math.max(largest, Math.max(weights[k].rows() * weights[k].cols(), biases[k].cols()));
        }
        return largest;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (int k = weights.length - 1; k >= 0; k--) {
            if (biases[k] != null) {
                biases[k].close();
            }
            if (weights[k] != null) {
                weights[k].close();
            }
        }
    }
}
