package io.github.mnistnn.internal.layers;

import io.github.mnistnn.BatchNormLayer;
import io.github.mnistnn.Conv2dLayer;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's weights and biases held on a backend for a training run or a classifier: per layer, a
 * {@code fan_in x fan_out} weight matrix ({@code (k * k * in_channels) x filters} for a convolution) and a
 * {@code 1 x fan_out} bias row, or none for a layer without parameters; a batch normalisation's scales and shifts
 * as its {@code 1 x features} weights and biases, and its running statistics as a {@code 2 x features} state.
 */
public final class DeviceParameters implements AutoCloseable {
    private final Backend backend;
    private final List<Layer> layers;
    private final DeviceMatrix[] weights;
    private final DeviceMatrix[] biases;
    private final DeviceMatrix[] state;

    /**
     * Uploads the parameters.
     *
     * @param backend the device
     * @param layers the network's layers
     */
    public DeviceParameters(Backend backend, List<Layer> layers) {
        this.backend = backend;
        this.layers = List.copyOf(layers);
        this.weights = new DeviceMatrix[layers.size()];
        this.biases = new DeviceMatrix[layers.size()];
        this.state = new DeviceMatrix[layers.size()];
        try {
            for (int k = 0; k < layers.size(); k++) {
                Layer layer = layers.get(k);
                if (layer instanceof DenseLayer dense) {
                    upload(k, dense.inputWidth(), dense.outputWidth(), dense.flatWeights(), dense.biases());
                } else if (layer instanceof Conv2dLayer conv) {
                    upload(k, conv.geometry().columnWidth(), conv.filters(), conv.flatWeights(), conv.biases());
                } else if (layer instanceof BatchNormLayer norm) {
                    upload(k, 1, norm.features(), norm.gamma(), norm.beta());
                    state[k] = backend.allocate(2, norm.features());
                    backend.upload(ApiAccess.get().sharedRunning(norm), 0, state[k]);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void upload(int k, int rows, int cols, double[] w, double[] b) {
        weights[k] = backend.allocate(rows, cols);
        biases[k] = backend.allocate(1, cols);
        backend.upload(w, 0, weights[k]);
        backend.upload(b, 0, biases[k]);
    }

    /** The layers these parameters came from (their shapes and settings). */
    public List<Layer> layers() {
        return layers;
    }

    /** The number of layers, with and without parameters. */
    public int depth() {
        return weights.length;
    }

    /** Whether layer {@code k} has weights. */
    public boolean hasParameters(int k) {
        return weights[k] != null;
    }

    /** Layer {@code k}'s weights, or {@code null}. */
    public DeviceMatrix weights(int k) {
        return weights[k];
    }

    /** Layer {@code k}'s running statistics (a batch normalisation's), or {@code null}. */
    public DeviceMatrix state(int k) {
        return state[k];
    }

    /** Layer {@code k}'s biases, or {@code null}. */
    public DeviceMatrix biases(int k) {
        return biases[k];
    }

    /**
     * Downloads the current parameters into new layers of the same kinds and settings.
     *
     * @return the layers, or {@code null} if any parameter is not finite
     */
    public List<Layer> download() {
        List<Layer> out = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            Layer layer = layers.get(k);
            if (weights[k] == null) {
                out.add(layer);
                continue;
            }
            double[] w = new double[weights[k].rows() * weights[k].cols()];
            double[] b = new double[biases[k].cols()];
            backend.download(weights[k], w);
            backend.download(biases[k], b);
            if (!allFinite(w) || !allFinite(b)) {
                return null;
            }
            if (layer instanceof DenseLayer dense) {
                double[][] rows = new double[weights[k].rows()][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = java.util.Arrays.copyOfRange(w, i * b.length, (i + 1) * b.length);
                }
                out.add(Layer.dense(rows, b, dense.activation()));
            } else if (layer instanceof BatchNormLayer norm) {
                double[] running = new double[2 * b.length];
                backend.download(state[k], running);
                if (!allFinite(running)) {
                    return null;
                }
                out.add(ApiAccess.get().batchNorm(norm.inputShape(), w, b, running, norm.settings()));
            } else {
                Conv2dLayer conv = (Conv2dLayer) layer;
                out.add(Layer.conv2d(conv.inputShape(), conv.kernel(), conv.stride(), conv.padding(), w, b,
                        conv.activation()));
            }
        }
        return out;
    }

    /**
     * Downloads one layer's weights or biases into {@code scratch}.
     *
     * @param k a layer with parameters
     * @param ofWeights the weights, or else the biases
     * @param scratch at least {@link #largestLayer()} values
     * @return how many values were written
     */
    public int download(int k, boolean ofWeights, double[] scratch) {
        DeviceMatrix m = ofWeights ? weights[k] : biases[k];
        backend.download(m, scratch);
        return m.rows() * m.cols();
    }

    /** The number of values in the largest weight matrix, the size of a scratch array for download. */
    public int largestLayer() {
        int largest = 1;
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] != null) {
                largest = Math.max(largest, weights[k].rows() * weights[k].cols());
            }
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
            DensePass.close(state[k]);
            state[k] = null;
            DensePass.close(biases[k]);
            DensePass.close(weights[k]);
            biases[k] = null;
            weights[k] = null;
        }
    }
}
