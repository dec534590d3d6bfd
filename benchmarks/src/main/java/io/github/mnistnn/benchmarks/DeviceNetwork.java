package io.github.mnistnn.benchmarks;

import io.github.mnistnn.Activation;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Network;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's parameters and a whole data set held on one backend through the public SPI, so a benchmark can
 * time epochs with no host-to-device copy inside the measurement ({@code _deviceResident}).
 *
 * <pre>{@code
 * try (DeviceNetwork d = new DeviceNetwork(backend, network, data)) {
 *     d.resetWeights();
 * }
 * }</pre>
 */
public final class DeviceNetwork implements AutoCloseable {
    private static final int CHUNK_ROWS = 4096;

    private final Backend backend;
    private final Network start;
    private final List<DeviceMatrix> owned = new ArrayList<>();
    final DeviceMatrix[] weights;
    final DeviceMatrix[] biases;
    final Activation[] activations;
    final DeviceMatrix x;
    final DeviceMatrix y;
    final DeviceMatrix metrics;
    final DeviceIndices order;

    /**
     * Uploads the network and the data (one-hot targets).
     *
     * @param backend the device
     * @param start the parameters {@link #resetWeights()} returns to
     * @param data the samples
     */
    public DeviceNetwork(Backend backend, Network start, LabeledData data) {
        this.backend = backend;
        this.start = start;
        int depth = start.layers().size();
        weights = new DeviceMatrix[depth];
        biases = new DeviceMatrix[depth];
        activations = new Activation[depth];
        for (int k = 0; k < depth; k++) {
            DenseLayer layer = (DenseLayer) start.layers().get(k);
            weights[k] = own(backend.allocate(layer.inputWidth(), layer.outputWidth()));
            biases[k] = own(backend.allocate(1, layer.outputWidth()));
            activations[k] = layer.activation();
        }
        resetWeights();
        int n = data.size();
        int width = data.inputWidth();
        int classes = start.outputWidth();
        x = own(backend.allocate(n, width));
        y = own(backend.allocate(n, classes));
        for (int first = 0; first < n; first += CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, n - first);
            double[] features = new double[rows * width];
            double[] targets = new double[rows * classes];
            for (int r = 0; r < rows; r++) {
                data.copyFeatures(first + r, features, r * width);
                targets[r * classes + data.label(first + r)] = 1;
            }
            backend.upload(features, first, x);
            backend.upload(targets, first, y);
        }
        metrics = own(backend.allocate(1, Backend.METRIC_COUNT));
        order = backend.allocateIndices(n);
        int[] shuffled = new int[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            shuffled[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        backend.upload(shuffled, order);
    }

    private DeviceMatrix own(DeviceMatrix m) {
        owned.add(m);
        return m;
    }

    /** Uploads the starting parameters again, so every measured epoch starts from the same weights. */
    public void resetWeights() {
        for (int k = 0; k < weights.length; k++) {
            DenseLayer layer = (DenseLayer) start.layers().get(k);
            double[][] w = layer.weights();
            double[] flat = new double[layer.inputWidth() * layer.outputWidth()];
            for (int i = 0; i < w.length; i++) {
                System.arraycopy(w[i], 0, flat, i * layer.outputWidth(), layer.outputWidth());
            }
            backend.upload(flat, 0, weights[k]);
            backend.upload(layer.biases(), 0, biases[k]);
        }
    }

    @Override
    public void close() {
        order.close();
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
    }
}
