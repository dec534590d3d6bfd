package io.github.mnistnn.internal.training;

import io.github.mnistnn.LabeledData;
import io.github.mnistnn.internal.inference.FiniteFeatures;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.MatrixShapes;
import java.util.Arrays;

/**
 * Training data on a backend: the features one sample per row and the one-hot targets, uploaded once in chunks,
 * with a fingerprint of what was uploaded.
 *
 * @param features {@code n x inputWidth}
 * @param targets {@code n x classes}
 * @param fingerprint a 64-bit FNV-1a hash of the labels and feature bits
 */
public record DeviceDataset(DeviceMatrix features, DeviceMatrix targets, long fingerprint) {
    private static final int CHUNK_ROWS = 4096;

    /**
     * Uploads the data, checking each value as it is copied: a feature that is not finite or a label outside the
     * network's outputs is refused (naming its row and column) before training starts.
     */
    static DeviceDataset upload(Backend backend, LabeledData data, int classes) {
        int n = data.size();
        int width = data.inputWidth();
        MatrixShapes.requireElements("the training inputs", n, width);
        MatrixShapes.requireElements("the training targets", n, classes);
        int chunk = Math.max(1, Math.min(CHUNK_ROWS, MatrixShapes.MAX_ELEMENTS / Math.max(width, classes)));
        DeviceMatrix x = backend.allocate(n, width);
        DeviceMatrix y = null;
        try {
            y = backend.allocate(n, classes);
            long hash = 0xcbf29ce484222325L;
            // One pair of buffers for the whole chunks and one for a shorter last chunk: a whole chunk of MNIST
            // images is 25 MB, too much to allocate afresh for each chunk.
            double[] features = new double[Math.min(chunk, n) * width];
            double[] targets = new double[Math.min(chunk, n) * classes];
            for (int first = 0; first < n; first += chunk) {
                int rows = Math.min(chunk, n - first);
                if (features.length != rows * width) {
                    features = new double[rows * width];
                    targets = new double[rows * classes];
                } else {
                    Arrays.fill(targets, 0);
                }
                for (int r = 0; r < rows; r++) {
                    data.copyFeatures(first + r, features, r * width);
                    FiniteFeatures.requireRow("training input", features, r * width, width, first + r);
                    int label = data.label(first + r);
                    FiniteFeatures.requireLabel("training", label, first + r, classes);
                    targets[r * classes + label] = 1;
                    hash = (hash ^ label) * 0x100000001b3L;
                }
                for (double v : features) {
                    hash = (hash ^ Double.doubleToLongBits(v)) * 0x100000001b3L;
                }
                backend.upload(features, first, x);
                backend.upload(targets, first, y);
            }
            return new DeviceDataset(x, y, hash);
        } catch (RuntimeException e) {
            if (y != null) {
                y.close();
            }
            x.close();
            throw e;
        }
    }
}
