package io.github.mnistnn;

import io.github.mnistnn.internal.inference.FiniteFeatures;
import io.github.mnistnn.internal.inference.OutputRows;
import io.github.mnistnn.internal.layers.DeviceParameters;
import io.github.mnistnn.internal.layers.LayerPasses;
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
    /** The most values a batch's work buffers hold, about 256 MB in double. */
    static final long BUFFER_VALUES = 32L << 20;

    private final Backend backend;
    private final Network network;
    private final DeviceParameters layers;
    private final double[] hostOutput;
    private final int blockRows;
    /** Device buffers for {@value #ROWS} rows, and for the last short batch (kept while its size repeats). */
    private Buffers full;
    private Buffers tail;
    private boolean closed;

    private DeviceClassifier(Backend backend, Network network) {
        this.backend = backend;
        this.network = network;
        this.layers = new DeviceParameters(backend, network.layers());
        blockRows = blockRows(network);
        hostOutput = new double[blockRows * network.outputWidth()];
    }

    /**
     * Rows per batch: {@value #ROWS}, or fewer where a batch of the widest buffer would not fit one array, or
     * where the work buffers of a batch (im2col matrices and activations, counted per row) would pass
     * {@value #BUFFER_VALUES} values.
     */
    static int blockRows(Network network) {
        long widest = network.inputWidth();
        long perRow = network.inputWidth();
        for (Layer layer : network.layers()) {
            long width = layer.outputWidth();
            if (layer instanceof Conv2dLayer conv) {
                width = Math.max(width, (long) conv.geometry().positions() * conv.geometry().columnWidth());
                perRow += (long) conv.geometry().positions() * conv.geometry().columnWidth();
            }
            perRow += 2L * layer.outputWidth();
            widest = Math.max(widest, width);
        }
        long rows = Math.min(ROWS, Math.min(MatrixShapes.MAX_ELEMENTS / widest, BUFFER_VALUES / perRow));
        return (int) Math.max(1, rows);
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
        int classes = network.outputWidth();
        int[] predicted = new int[data.size()];
        for (int first = 0; first < data.size(); first += blockRows) {
            int count = Math.min(blockRows, data.size() - first);
            Buffers buffers = buffers(count);
            DeviceMatrix out = buffers.forward(data, first);
            backend.download(out, hostOutput);
            for (int r = 0; r < count; r++) {
                predicted[first + r] = ArgMax.of(hostOutput, r * classes, classes);
            }
        }
        return predicted;
    }

    /**
     * The output layer's pre-activations and activations of the first {@code count} samples, row by row.
     *
     * @param data the samples
     * @param count how many, from the first
     * @return the outputs
     */
    synchronized OutputRows outputRows(LabeledData data, int count) {
        requireOpen();
        int classes = network.outputWidth();
        double[] n = new double[count * classes];
        double[] a = new double[count * classes];
        double[] block = new double[blockRows * classes];
        for (int first = 0; first < count; first += blockRows) {
            int rows = Math.min(blockRows, count - first);
            Buffers buffers = buffers(rows);
            DeviceMatrix out = buffers.forward(data, first);
            backend.download(out, block);
            System.arraycopy(block, 0, a, first * classes, rows * classes);
            backend.download(buffers.passes.outputLayer().preActivations(), block);
            System.arraycopy(block, 0, n, first * classes, rows * classes);
        }
        return new OutputRows(n, a, classes);
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

    /** One batch size's input (on the host and the device) and the layers' passes. */
    private final class Buffers implements AutoCloseable {
        final int rows;
        final double[] hostInput;
        final DeviceMatrix input;
        final LayerPasses passes;

        Buffers(int rows) {
            this.rows = rows;
            this.hostInput = new double[rows * network.inputWidth()];
            this.input = backend.allocate(rows, network.inputWidth());
            try {
                this.passes = LayerPasses.forInference(backend, layers, input);
            } catch (RuntimeException e) {
                input.close();
                throw e;
            }
        }

        /** Copies samples {@code first ...} in (refusing a feature that is not finite) and runs every layer. */
        DeviceMatrix forward(LabeledData data, int first) {
            int width = network.inputWidth();
            for (int r = 0; r < rows; r++) {
                data.copyFeatures(first + r, hostInput, r * width);
                FiniteFeatures.requireRow("input", hostInput, r * width, width, first + r);
            }
            backend.upload(hostInput, 0, input);
            return passes.forward(0);
        }

        @Override
        public void close() {
            passes.close();
            input.close();
        }
    }
}
