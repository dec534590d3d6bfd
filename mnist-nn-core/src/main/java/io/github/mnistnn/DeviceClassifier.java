package io.github.mnistnn;

import io.github.mnistnn.spi.ArgMax;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.MatrixShapes;
import java.util.Objects;

/**
 * A network's classifier on a backend (a GPU through OpenCL, or any other): the weights are uploaded once, then
 * each call uploads the samples in batches of up to {@value #ROWS} rows, runs every layer as one matrix product,
 * bias and activation on the device, and downloads the outputs (the device buffers are kept for the next call).
 * Outputs agree with {@link Network#outputs} to the backend's precision (float32 on OpenCL by default), so a
 * class may differ where the two best scores tie within it. Holds device memory until closed; one call at a
 * time (calls from several threads wait for each other). The backend stays open when this closes.
 *
 * <pre>{@code
 * try (Backend gpu = Backends.open("opencl");
 *         DeviceClassifier classifier = DeviceClassifier.on(gpu, network)) {
 *     int[] classes = classifier.predictAll(testData);
 * }
 * }</pre>
 */
public final class DeviceClassifier implements AutoCloseable {
    /** Rows per batch on the device (fewer for a network so wide that a batch would not fit one array). */
    public static final int ROWS = 1000;

    private final Backend backend;
    private final Network network;
    private final DeviceLayers layers;
    private final double[] hostOutput;
    private final int blockRows;
    /** Device buffers for {@value #ROWS} rows, and for the last short batch (kept while its size repeats). */
    private Buffers full;
    private Buffers tail;
    private boolean closed;

    private DeviceClassifier(Backend backend, Network network) {
        this.backend = backend;
        this.network = network;
        this.layers = new DeviceLayers(backend, network);
        int widest = network.inputWidth();
        for (Layer layer : network.layers()) {
            widest = Math.max(widest, layer.outputWidth());
        }
        blockRows = Math.max(1, Math.min(ROWS, MatrixShapes.MAX_ELEMENTS / widest));
        hostOutput = new double[blockRows * network.outputWidth()];
    }

    /**
     * Uploads a network's weights to a backend for classification.
     *
     * @param backend an open backend; it must outlive the classifier
     * @param network the network
     * @return the classifier; close it to free the device memory
     */
    public static DeviceClassifier on(Backend backend, Network network) {
        return new DeviceClassifier(Objects.requireNonNull(backend, "backend"),
                Objects.requireNonNull(network, "network"));
    }

    /**
     * The most likely class of every sample.
     *
     * @param data samples of the network's input width (the labels are not read)
     * @return one class per sample
     * @throws IllegalArgumentException if the data has the wrong input width or a feature is NaN or infinite
     *     (naming its row and column)
     * @throws IllegalStateException if the classifier is closed
     */
    public synchronized int[] predictAll(LabeledData data) {
        network.requireInputWidth(data);
        requireOpen();
        int width = network.inputWidth();
        int classes = network.outputWidth();
        int[] predicted = new int[data.size()];
        for (int first = 0; first < data.size(); first += blockRows) {
            int count = Math.min(blockRows, data.size() - first);
            Buffers buffers = buffers(count);
            for (int r = 0; r < count; r++) {
                data.copyFeatures(first + r, buffers.hostInput, r * width);
                FiniteFeatures.requireRow("input", buffers.hostInput, r * width, width, first + r);
            }
            backend.upload(buffers.hostInput, 0, buffers.input);
            DeviceMatrix out = buffers.forward();
            backend.download(out, hostOutput);
            for (int r = 0; r < count; r++) {
                predicted[first + r] = ArgMax.of(hostOutput, r * classes, classes);
            }
        }
        return predicted;
    }

    /**
     * Classifies every sample (as {@link #predictAll} does) and compares with the labels.
     *
     * @param data labelled samples of the network's input width and at most {@link Network#outputWidth()} classes
     * @return accuracy and confusion matrix over {@link Network#outputWidth()} classes
     * @throws IllegalArgumentException if the data does not fit the network or a feature is NaN or infinite
     * @throws IllegalStateException if the classifier is closed
     */
    public Evaluation evaluate(LabeledData data) {
        network.requireFits(data);
        return Evaluation.of(Network.labels(data), predictAll(data), network.outputWidth());
    }

    private Buffers buffers(int rows) {
        if (rows == blockRows) {
            if (full == null) {
                full = new Buffers(rows);
            }
            return full;
        }
        if (tail == null || tail.rows != rows) {
            if (tail != null) {
                tail.close();
                tail = null;
            }
            tail = new Buffers(rows);
        }
        return tail;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the classifier is closed");
        }
    }

    /** Frees the device memory; later calls fail. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            for (Buffers buffers : new Buffers[] {tail, full}) {
                if (buffers != null) {
                    buffers.close();
                }
            }
            layers.close();
        }
    }

    /** One batch size's input (on the host and the device), pre-activations and activations. */
    private final class Buffers implements AutoCloseable {
        final int rows;
        final double[] hostInput;
        final DeviceMatrix input;
        final DeviceMatrix[] n = new DeviceMatrix[layers.depth()];
        final DeviceMatrix[] a = new DeviceMatrix[layers.depth()];

        Buffers(int rows) {
            this.rows = rows;
            this.hostInput = new double[rows * network.inputWidth()];
            DeviceMatrix in = null;
            try {
                in = backend.allocate(rows, network.inputWidth());
                for (int k = 0; k < layers.depth(); k++) {
                    n[k] = backend.allocate(rows, layers.width(k));
                    a[k] = backend.allocate(rows, layers.width(k));
                }
            } catch (RuntimeException e) {
                input = in;
                close();
                throw e;
            }
            input = in;
        }

        DeviceMatrix forward() {
            DeviceMatrix in = input;
            for (int k = 0; k < layers.depth(); k++) {
                layers.forward(k, in, n[k], a[k]);
                in = a[k];
            }
            return in;
        }

        @Override
        public void close() {
            for (int k = n.length - 1; k >= 0; k--) {
                if (a[k] != null) {
                    a[k].close();
                }
                if (n[k] != null) {
                    n[k].close();
                }
            }
            if (input != null) {
                input.close();
            }
        }
    }
}
