package io.github.mnistnn.internal.inference;

import io.github.mnistnn.Activation;
import io.github.mnistnn.CpuThreads;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Layer;
import io.github.mnistnn.internal.cpu.CpuWorkers;
import io.github.mnistnn.internal.cpu.DenseProduct;
import io.github.mnistnn.spi.ArgMax;
import io.github.mnistnn.spi.MatrixShapes;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Classifies many samples at once, refusing a feature that is not finite (naming its row and column) as it copies
 * the rows in. Blocks of up to {@value #ROWS} rows are split into one slice per thread
 * ({@link CpuThreads#count()}), and each thread takes its slice through every layer on its own: one
 * {@link DenseProduct} per layer from the biases (skipping zero inputs), then the activation row by row (a hidden
 * ReLU is applied by the next product as it packs its inputs), so nothing between the layers runs serially.
 * Each row's sums depend on that row alone, so {@link #outputs} of one sample runs the same arithmetic as a
 * batch. An instance owns its buffers (sized for the rows asked for, kept and grown) and serves one call at a
 * time; {@link InferencePool} hands instances out.
 */
public final class BatchInference {
    static final int ROWS = 1000;
    private static final int MIN_ROWS_PER_THREAD = 64;

    private final List<Layer> layers;
    private final IntFunction<DenseProduct> products;
    private final Slice[] slices;
    /** Rows per block: {@value #ROWS}, or fewer where a block of the widest layer would not fit one array. */
    private final int blockRows;

    /**
     * @param layers the network's layers
     * @param products makes a new product for layer {@code k}, for one thread
     */
    public BatchInference(List<Layer> layers, IntFunction<DenseProduct> products) {
        this.layers = layers;
        this.products = products;
        slices = new Slice[Runtime.getRuntime().availableProcessors()];
        int widest = layers.get(0).inputWidth();
        for (Layer layer : layers) {
            widest = Math.max(widest, layer.outputWidth());
        }
        blockRows = Math.max(1, Math.min(ROWS, MatrixShapes.MAX_ELEMENTS / widest));
    }

    private Slice slice(int t) {
        if (slices[t] == null) {
            slices[t] = new Slice();
        }
        return slices[t];
    }

    /** The output layer's activations for one sample (its features checked by the caller), on the calling thread. */
    public double[] outputs(double[] input) {
        Slice slice = slice(0);
        slice.ensureRows(1);
        System.arraycopy(input, 0, slice.x, 0, input.length);
        double[] out = slice.forward(1, input.length);
        return java.util.Arrays.copyOf(out, layers.get(layers.size() - 1).outputWidth());
    }

    public int[] predictAll(LabeledData data) {
        int size = data.size();
        int[] predicted = new int[size];
        int width = data.inputWidth();
        int classes = layers.get(layers.size() - 1).outputWidth();
        for (int first = 0; first < size; first += blockRows) {
            int count = Math.min(blockRows, size - first);
            int threads = Math.max(1, Math.min(Math.min(CpuThreads.count(), slices.length),
                    count / MIN_ROWS_PER_THREAD));
            int per = (count + threads - 1) / threads;
            // The caller reads the data (a LabeledData need not be safe for concurrent reads).
            for (int t = 0; t < threads; t++) {
                int from = first + t * per;
                int rows = Math.min(per, first + count - from);
                slice(t).ensureRows(rows);
                for (int r = 0; r < rows; r++) {
                    data.copyFeatures(from + r, slices[t].x, r * width);
                    FiniteFeatures.requireRow("input", slices[t].x, r * width, width, from + r);
                }
            }
            int blockFirst = first;
            CpuWorkers.forEach(threads, t -> {
                int from = blockFirst + t * per;
                int rows = Math.min(per, blockFirst + count - from);
                if (rows > 0) {
                    double[] out = slices[t].forward(rows, width);
                    for (int r = 0; r < rows; r++) {
                        predicted[from + r] = ArgMax.of(out, r * classes, classes);
                    }
                }
            });
        }
        return predicted;
    }

    /** One thread's rows and buffers. */
    private final class Slice {
        double[] x = new double[0];
        final double[][] n = new double[layers.size()][];
        final DenseProduct[] layerProducts = new DenseProduct[layers.size()];
        int capacity;

        Slice() {
            for (int k = 0; k < layers.size(); k++) {
                layerProducts[k] = products.apply(k);
            }
        }

        void ensureRows(int rows) {
            if (rows > capacity) {
                x = new double[rows * layers.get(0).inputWidth()];
                for (int k = 0; k < layers.size(); k++) {
                    n[k] = new double[rows * layers.get(k).outputWidth()];
                }
                capacity = rows;
            }
        }

        /** Takes {@code count} rows of {@link #x} through every layer; returns the output activations. */
        double[] forward(int count, int width) {
            double[] in = x;
            boolean rectify = false;
            for (int k = 0; k < layers.size(); k++) {
                Activation activation = ((DenseLayer) layers.get(k)).activation();
                int out = layers.get(k).outputWidth();
                layerProducts[k].multiplyAddRow(count, in, rectify, n[k]);
                // A hidden ReLU is left to the next product, which skips the non-positive inputs as it packs them.
                rectify = activation == Activation.RELU && k + 1 < layers.size();
                if (!rectify) {
                    for (int r = 0; r < count; r++) {
                        activation.forward(n[k], n[k], r * out, out);
                    }
                }
                in = n[k];
            }
            return in;
        }
    }
}
