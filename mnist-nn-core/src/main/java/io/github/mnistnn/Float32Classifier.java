package io.github.mnistnn;

import io.github.mnistnn.internal.inference.InferencePool;

import io.github.mnistnn.internal.inference.FiniteFeatures;

import io.github.mnistnn.spi.ArgMax;
import java.util.Objects;

/**
 * A trained network's classifier in float32, for throughput: about 2.5 times as fast as the network's own
 * double-precision {@link Network#predictAll} on a CPU core, the precision most inference libraries use by default.
 * The weights, biases and each layer's inputs are rounded to float and every sum is formed in float (fused
 * multiply-adds, in order of the inputs); activations are evaluated in double on those sums. Outputs differ from
 * {@link Network#outputs} by float rounding (relative differences near {@code 1e-6}), so a sample whose two best
 * classes score within that of each other may be classified differently; within this class, {@link #predict}
 * and {@link #predictAll} run the same arithmetic and always agree. Immutable and safe to call from many threads
 * at once.
 *
 * <pre>{@code
 * Float32Classifier fast = Float32Classifier.of(network);
 * int[] classes = fast.predictAll(testData);
 * double accuracy = fast.evaluate(testData).accuracy();
 * }</pre>
 */
public final class Float32Classifier {
    private final Network network;
    private final InferencePool inference;

    private Float32Classifier(Network network) {
        this.network = network;
        this.inference = InferencePool.inFloat32(network.layers(), Network.sharedWeights(network.layers()),
                Network.sharedBiases(network.layers()));
    }

    /**
     * The float32 classifier of a network: its weights rounded and packed once, now (half the memory of the
     * network's), shared by every call.
     *
     * @param network a dense network
     * @return its float32 classifier
     * @throws IllegalArgumentException if the network has layers that are not dense (convolutions, pooling)
     */
    public static Float32Classifier of(Network network) {
        Objects.requireNonNull(network, "network");
        if (!network.isDense()) {
            throw new IllegalArgumentException("Float32Classifier is for dense networks; classify a network with "
                    + network.layers().stream().filter(l -> !(l instanceof DenseLayer)).findFirst().orElseThrow()
                    + " layers with Network.predictAll, or in float32 with DeviceClassifier on \"opencl\"");
        }
        return new Float32Classifier(network);
    }

    /**
     * The network this classifier rounds.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * The output layer's activations for one sample, computed in float32 as described above.
     *
     * @param input {@link Network#inputWidth()} features
     * @return a new array of {@link Network#outputWidth()} values
     * @throws IllegalArgumentException if the input has the wrong width or a feature is NaN or infinite (naming
     *     its column)
     */
    public double[] outputs(double[] input) {
        network.requireInputWidth(input);
        FiniteFeatures.require(input);
        return inference.apply(batch -> batch.outputs(input));
    }

    /**
     * The most likely class of one sample.
     *
     * @param input {@link Network#inputWidth()} features
     * @return the index of the largest output (the first, on a tie)
     * @throws IllegalArgumentException if the input has the wrong width or a feature is NaN or infinite (naming
     *     its column)
     */
    public int predict(double[] input) {
        double[] out = outputs(input);
        return ArgMax.of(out, 0, out.length);
    }

    /**
     * The most likely class of every sample, in batches of up to 1,000 rows on {@link CpuThreads#count()}
     * threads; each the class {@link #predict} gives.
     *
     * @param data samples of the network's input width (the labels are not read)
     * @return one class per sample
     * @throws IllegalArgumentException if the data has the wrong input width or a feature is NaN or infinite
     *     (naming its row and column)
     */
    public int[] predictAll(LabeledData data) {
        network.requireInputWidth(data);
        return inference.apply(batch -> batch.predictAll(data));
    }

    /**
     * Classifies every sample (as {@link #predictAll} does) and compares with the labels.
     *
     * @param data labelled samples of the network's input width and at most {@link Network#outputWidth()} classes
     * @return accuracy and confusion matrix over {@link Network#outputWidth()} classes
     * @throws IllegalArgumentException if the data does not fit the network or a feature is NaN or infinite
     */
    public Evaluation evaluate(LabeledData data) {
        network.requireFits(data);
        return Evaluation.of(Network.labels(data), predictAll(data), network.outputWidth());
    }
}
