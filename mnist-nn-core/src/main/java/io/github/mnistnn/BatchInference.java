package io.github.mnistnn;

import io.github.mnistnn.internal.cpu.CpuWorkers;
import io.github.mnistnn.internal.cpu.DenseProduct;
import io.github.mnistnn.internal.cpu.Float32Product;
import io.github.mnistnn.internal.cpu.PackedGemm;
import io.github.mnistnn.spi.ArgMax;
import java.util.List;

/**
 * Classifies many samples at once. Blocks of up to {@value #ROWS} rows are split into one slice per thread
 * ({@link CpuThreads#count()}), and each thread takes its slice through every layer on its own: one
 * {@link DenseProduct} per layer from the biases (skipping zero inputs, the weights packed once), then the
 * activation row by row (a hidden ReLU is applied by the next product as it packs its inputs), so nothing
 * between the layers runs serially. In double ({@link PackedGemm}) every sum is formed in the order
 * {@link DenseLayer#forward} forms it, so the outputs are bit for bit those of {@link Network#outputs} and the
 * classes those of {@link Network#predict}; in float32 ({@link Float32Product}) {@link #outputs} runs the same
 * arithmetic for one sample. An instance owns its buffers and serves one call at a time
 * ({@link InferencePool}).
 */
final class BatchInference {
    static final int ROWS = 1000;
    private static final int MIN_ROWS_PER_THREAD = 64;

    private final List<Layer> layers;
    private final boolean float32;
    private final double[][] flatWeights;
    private final double[][] biases;
    private final Slice[] slices;

    BatchInference(List<Layer> layers, boolean float32) {
        this.layers = layers;
        this.float32 = float32;
        flatWeights = new double[layers.size()][];
        biases = new double[layers.size()][];
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            flatWeights[k] = layer instanceof DenseLayer ? ((DenseLayer) layer).flatWeights() : flatten(layer);
            biases[k] = layer.biases();
        }
        slices = new Slice[Runtime.getRuntime().availableProcessors()];
    }

    private static double[] flatten(Layer layer) {
        double[][] w = layer.weights();
        double[] flat = new double[layer.inputWidth() * layer.outputWidth()];
        for (int i = 0; i < w.length; i++) {
            System.arraycopy(w[i], 0, flat, i * layer.outputWidth(), layer.outputWidth());
        }
        return flat;
    }

    private Slice slice(int t) {
        if (slices[t] == null) {
            slices[t] = new Slice();
        }
        return slices[t];
    }

    /** The output layer's activations for one sample, on the calling thread. */
    double[] outputs(double[] input) {
        Slice slice = slice(0);
        System.arraycopy(input, 0, slice.x, 0, input.length);
        double[] out = slice.forward(1, input.length);
        return java.util.Arrays.copyOf(out, layers.get(layers.size() - 1).outputWidth());
    }

    int[] predictAll(LabeledData data) {
        int size = data.size();
        int[] predicted = new int[size];
        int width = data.inputWidth();
        for (int first = 0; first < size; first += ROWS) {
            int count = Math.min(ROWS, size - first);
            int threads = Math.max(1, Math.min(Math.min(CpuThreads.count(), slices.length),
                    count / MIN_ROWS_PER_THREAD));
            int per = (count + threads - 1) / threads;
            // The caller reads the data (a LabeledData need not be safe for concurrent reads).
            for (int t = 0; t < threads; t++) {
                int from = first + t * per;
                int rows = Math.min(per, first + count - from);
                for (int r = 0; r < rows; r++) {
                    data.copyFeatures(from + r, slice(t).x, r * width);
                }
            }
            int blockFirst = first;
            CpuWorkers.forEach(threads, t -> {
                int from = blockFirst + t * per;
                int rows = Math.min(per, blockFirst + count - from);
                if (rows > 0) {
                    double[] out = slices[t].forward(rows, width);
                    int classes = layers.get(layers.size() - 1).outputWidth();
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
        final double[] x = new double[ROWS * layers.get(0).inputWidth()];
        final double[][] n = new double[layers.size()][];
        final DenseProduct[] products = new DenseProduct[layers.size()];

        Slice() {
            for (int k = 0; k < layers.size(); k++) {
                n[k] = new double[ROWS * layers.get(k).outputWidth()];
                products[k] = float32 ? new Float32Product() : PackedGemm.serialWithConstantRight();
            }
        }

        /** Takes {@code count} rows of {@link #x} through every layer; returns the output activations. */
        double[] forward(int count, int width) {
            double[] in = x;
            int inWidth = width;
            boolean rectify = false;
            for (int k = 0; k < layers.size(); k++) {
                Activation activation = layers.get(k).activation();
                int out = layers.get(k).outputWidth();
                products[k].multiplyAddRow(count, out, inWidth, in, rectify, flatWeights[k], biases[k], n[k]);
                // A hidden ReLU is left to the next product, which skips the non-positive inputs as it packs them.
                rectify = activation == Activation.RELU && k + 1 < layers.size();
                if (!rectify) {
                    for (int r = 0; r < count; r++) {
                        activation.forward(n[k], n[k], r * out, out);
                    }
                }
                in = n[k];
                inWidth = out;
            }
            return in;
        }
    }
}
