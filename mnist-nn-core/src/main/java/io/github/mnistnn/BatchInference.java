package io.github.mnistnn;

import io.github.mnistnn.internal.cpu.PackedGemm;
import java.util.List;

/**
 * Classifies many samples at once: blocks of up to {@value #ROWS} rows go through each layer as one matrix
 * product ({@link PackedGemm}, on {@link CpuThreads#count()} threads, skipping zero inputs, the weights packed
 * once), then bias and activation row by row. An instance owns its buffers and serves one thread at a time;
 * {@link Network} keeps one idle instance and makes another for a concurrent call. Outputs agree with
 * {@link Network#outputs} to rounding (the sums run in another order), and the predicted classes with
 * {@link Network#predict}.
 */
final class BatchInference {
    static final int ROWS = 1000;

    private final List<Layer> layers;
    private final PackedGemm[] products;
    private final double[][] flatWeights;
    private final double[][] biases;
    private final double[] x;
    private final double[][] n;

    BatchInference(List<Layer> layers) {
        this.layers = layers;
        flatWeights = new double[layers.size()][];
        biases = new double[layers.size()][];
        products = new PackedGemm[layers.size()];
        n = new double[layers.size()][];
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            flatWeights[k] = layer instanceof DenseLayer ? ((DenseLayer) layer).flatWeights() : flatten(layer);
            biases[k] = layer.biases();
            products[k] = PackedGemm.withConstantRight();
            n[k] = new double[ROWS * layer.outputWidth()];
        }
        x = new double[ROWS * layers.get(0).inputWidth()];
    }

    private static double[] flatten(Layer layer) {
        double[][] w = layer.weights();
        double[] flat = new double[layer.inputWidth() * layer.outputWidth()];
        for (int i = 0; i < w.length; i++) {
            System.arraycopy(w[i], 0, flat, i * layer.outputWidth(), layer.outputWidth());
        }
        return flat;
    }

    int[] predictAll(LabeledData data) {
        int size = data.size();
        int[] predicted = new int[size];
        int rows = ROWS;
        int width = data.inputWidth();
        for (int first = 0; first < size; first += rows) {
            int count = Math.min(rows, size - first);
            for (int r = 0; r < count; r++) {
                data.copyFeatures(first + r, x, r * width);
            }
            double[] in = x;
            int inWidth = width;
            for (int k = 0; k < layers.size(); k++) {
                Layer layer = layers.get(k);
                int out = layer.outputWidth();
                forward(count, inWidth, out, in, k, n[k]);
                for (int r = 0; r < count; r++) {
                    layer.activation().forward(n[k], n[k], r * out, out);
                }
                in = n[k];
                inWidth = out;
            }
            for (int r = 0; r < count; r++) {
                predicted[first + r] = argMax(in, r * inWidth, inWidth);
            }
        }
        return predicted;
    }

    /** {@code n = in W_k + b_k} for {@code count} rows. */
    private void forward(int count, int inWidth, int out, double[] in, int k, double[] n) {
        double[] w = flatWeights[k];
        double[] b = biases[k];
        if (PackedGemm.suits(count, out, inWidth)) {
            products[k].multiply(false, false, count, out, inWidth, 1, in, w, 0, n);
            for (int r = 0; r < count; r++) {
                int at = r * out;
                for (int j = 0; j < out; j++) {
                    n[at + j] += b[j];
                }
            }
            return;
        }
        for (int r = 0; r < count; r++) {
            int at = r * out;
            System.arraycopy(b, 0, n, at, out);
            for (int i = 0; i < inWidth; i++) {
                double v = in[r * inWidth + i];
                if (v == 0) {
                    continue;
                }
                int row = i * out;
                for (int j = 0; j < out; j++) {
                    n[at + j] += v * w[row + j];
                }
            }
        }
    }

    private static int argMax(double[] v, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (v[offset + i] > v[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
