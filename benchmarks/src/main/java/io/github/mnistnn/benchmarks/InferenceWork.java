package io.github.mnistnn.benchmarks;

import io.github.mnistnn.Activation;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.data.Dataset;

/**
 * The work the inference benchmarks time: 784-512-256-10 (ReLU, softmax, seed 42) over the 10,000 test images,
 * cut into slices of one batch each.
 *
 * <pre>{@code
 * LabeledData[] slices = InferenceWork.slices(1000);
 * }</pre>
 */
final class InferenceWork {
    /** Images per benchmark operation. */
    static final int IMAGES = 10_000;

    private InferenceWork() {
    }

    static Network network() {
        return Network.initialize(NetworkSpec.builder(784)
                .layer(512, Activation.RELU)
                .layer(256, Activation.RELU)
                .layer(10, Activation.SOFTMAX)
                .build(), 42);
    }

    /** The test images in {@code IMAGES / batch} slices of {@code batch}. */
    static LabeledData[] slices(int batch) {
        Dataset test = BenchmarkMnist.test();
        LabeledData[] slices = new LabeledData[IMAGES / batch];
        for (int p = 0; p < slices.length; p++) {
            double[][] x = new double[batch][];
            int[] labels = new int[batch];
            for (int r = 0; r < batch; r++) {
                x[r] = test.features(p * batch + r);
                labels[r] = test.label(p * batch + r);
            }
            slices[p] = LabeledData.of(x, labels, 10);
        }
        return slices;
    }
}
