package io.github.mnistnn;

import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.internal.inference.CpuNetworkInference;
import io.github.mnistnn.internal.inference.FiniteFeatures;
import io.github.mnistnn.internal.inference.InferencePool;
import io.github.mnistnn.internal.inference.OutputRows;
import io.github.mnistnn.internal.model.LayerPlan;
import io.github.mnistnn.spi.ArgMax;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A trained network: immutable layers plus, when a {@link Trainer} made it, how it was trained. Inference runs
 * on the host and is safe to call from many threads at once: a dense network through packed products of its
 * own, any other (convolutions, pooling) through the CPU backend's layer passes, the ones training runs.
 *
 * <pre>{@code
 * Network network = trainer.train(NetworkSpec.reference(5), trainingData);
 * int digitClass = network.predict(image);
 * Evaluation e = network.evaluate(testData);
 * }</pre>
 */
public final class Network {
    private final List<Layer> layers;
    private final TrainingProvenance provenance;
    private final boolean dense;
    private final InferencePool inference;
    private final CpuNetworkInference layered;

    static {
        ApiAccess.set(new PackageAccess());
    }

    private Network(List<Layer> layers, TrainingProvenance provenance) {
        this.layers = List.copyOf(layers);
        this.provenance = provenance;
        this.dense = this.layers.stream().allMatch(l -> l instanceof DenseLayer);
        this.inference = dense ? InferencePool.inDouble(this.layers, sharedWeights(this.layers),
                sharedBiases(this.layers)) : null;
        this.layered = dense ? null : new CpuNetworkInference(this);
    }

    /**
     * Builds a network from layers that fit together.
     *
     * @param layers the layers, first to output
     * @return the network, with no provenance
     * @throws IllegalArgumentException if the list is empty, the output layer is not dense, or a layer's input
     *     shape is not the previous layer's output shape
     */
    public static Network of(List<Layer> layers) {
        return of(layers, null);
    }

    static Network of(List<Layer> layers, TrainingProvenance provenance) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int k = 1; k < layers.size(); k++) {
            if (!layers.get(k).inputShape().equals(layers.get(k - 1).outputShape())) {
                throw new IllegalArgumentException("layer " + (k + 1) + " (" + layers.get(k) + ") takes "
                        + layers.get(k).inputShape() + " but layer " + k + " (" + layers.get(k - 1) + ") gives "
                        + layers.get(k - 1).outputShape());
            }
        }
        if (!(layers.get(layers.size() - 1) instanceof DenseLayer)) {
            throw new IllegalArgumentException("the output layer must be dense, not " + layers.get(layers.size() - 1));
        }
        return new Network(layers, provenance);
    }

    /**
     * Draws a new network's weights from a spec; the same spec and seed always give the same weights.
     *
     * @param spec the shape
     * @param seed the seed
     * @return the untrained network
     */
    public static Network initialize(NetworkSpec spec, long seed) {
        return initialize(spec, new SplittableRandom(seed));
    }

    static Network initialize(NetworkSpec spec, SplittableRandom random) {
        List<Layer> layers = new ArrayList<>();
        for (LayerPlan plan : spec.plans()) {
            layers.add(plan.initialize(spec.initializer(), random));
        }
        return new Network(layers, null);
    }

    /**
     * The layers, first to output.
     *
     * @return an unmodifiable list
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * What the network takes.
     *
     * @return the first layer's input shape
     */
    public Shape inputShape() {
        return layers.get(0).inputShape();
    }

    /**
     * The number of inputs.
     *
     * @return the first layer's input width
     */
    public int inputWidth() {
        return layers.get(0).inputWidth();
    }

    /**
     * The number of outputs (classes).
     *
     * @return the output layer's width
     */
    public int outputWidth() {
        return layers.get(layers.size() - 1).outputWidth();
    }

    /**
     * How this network was trained, if a trainer made it.
     *
     * @return the provenance
     */
    public Optional<TrainingProvenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /**
     * The output layer's activations for one sample (class probabilities for a softmax output). For a dense
     * network, bit for bit what the layers' {@link DenseLayer#forward} passes give, one after another, computed by
     * the same packed product {@link #predictAll} runs (three times as fast for wide layers); for any other, what
     * the CPU backend's layer passes give for a batch of one, which can differ from a larger batch's in the last
     * bits (its products are summed in other blocks), so a class can differ where two scores tie that closely.
     *
     * @param input {@link #inputWidth()} features
     * @return a new array of {@link #outputWidth()} values
     * @throws IllegalArgumentException if the input has the wrong width or a feature is NaN or infinite (naming
     *     its column)
     */
    public double[] outputs(double[] input) {
        requireInputWidth(input);
        FiniteFeatures.require(input);
        if (!dense) {
            LabeledData one = new ArrayData(new double[][] {input}, new int[] {0}, 1);
            return layered.apply(c -> c.outputRows(one, 1)).a();
        }
        return inference.apply(batch -> batch.outputs(input));
    }

    /**
     * The most likely class of one sample.
     *
     * @param input {@link #inputWidth()} features
     * @return the index of the largest output
     * @throws IllegalArgumentException if the input has the wrong width or a feature is NaN or infinite (naming
     *     its column)
     */
    public int predict(double[] input) {
        double[] out = outputs(input);
        return ArgMax.of(out, 0, out.length);
    }

    /**
     * The most likely class of every sample, computed in batches of up to 1,000 rows as matrix products on
     * {@link CpuThreads#count()} threads. Gives the classes {@link #predict} gives one by one (each row's
     * sums are formed as the layers' own passes form them); safe to call from many threads at once.
     * {@link Float32Classifier} classifies about 1.6 times as fast, in float32.
     *
     * <pre>{@code
     * int[] classes = network.predictAll(testData);
     * }</pre>
     *
     * @param data samples of this network's input width (the labels are not read)
     * @return one class per sample
     * @throws IllegalArgumentException if the data has the wrong input width or a feature is NaN or infinite
     *     (naming its row and column)
     */
    public int[] predictAll(LabeledData data) {
        requireInputWidth(data);
        if (!dense) {
            return layered.apply(c -> c.predictAll(data));
        }
        return inference.apply(batch -> batch.predictAll(data));
    }

    /**
     * Classifies every sample (in batches, as {@link #predictAll} does) and compares with the labels.
     *
     * @param data labelled samples of this network's input width and at most {@link #outputWidth()} classes
     * @return accuracy and confusion matrix over {@link #outputWidth()} classes
     * @throws IllegalArgumentException if the data does not fit the network or a feature is NaN or infinite
     */
    public Evaluation evaluate(LabeledData data) {
        requireFits(data);
        return Evaluation.of(labels(data), predictAll(data), outputWidth());
    }

    /** The dense layers' own weight arrays, not to be written to. */
    static double[][] sharedWeights(List<Layer> layers) {
        double[][] out = new double[layers.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((DenseLayer) layers.get(k)).sharedWeights();
        }
        return out;
    }

    /** The dense layers' own bias arrays, not to be written to. */
    static double[][] sharedBiases(List<Layer> layers) {
        double[][] out = new double[layers.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((DenseLayer) layers.get(k)).sharedBiases();
        }
        return out;
    }

    /** Whether every layer is dense. */
    boolean isDense() {
        return dense;
    }

    /**
     * The output layer's pre-activations and activations of the first {@code count} samples: for a dense network
     * from the layers' own {@link DenseLayer#forward}, for any other from the CPU backend's passes.
     */
    OutputRows outputRows(LabeledData data, int count) {
        if (!dense) {
            return layered.apply(c -> c.outputRows(data, count));
        }
        int classes = outputWidth();
        double[] n = new double[count * classes];
        double[] a = new double[count * classes];
        double[][] ns = new double[layers.size()][];
        double[][] as = new double[layers.size()][];
        for (int k = 0; k < layers.size(); k++) {
            ns[k] = new double[layers.get(k).outputWidth()];
            as[k] = new double[ns[k].length];
        }
        double[] x = new double[inputWidth()];
        for (int r = 0; r < count; r++) {
            data.copyFeatures(r, x, 0);
            double[] in = x;
            for (int k = 0; k < layers.size(); k++) {
                ((DenseLayer) layers.get(k)).forward(in, ns[k], as[k]);
                in = as[k];
            }
            System.arraycopy(ns[layers.size() - 1], 0, n, r * classes, classes);
            System.arraycopy(in, 0, a, r * classes, classes);
        }
        return new OutputRows(n, a, classes);
    }

    /** The output layer's activation. */
    Activation outputActivation() {
        return ((DenseLayer) layers.get(layers.size() - 1)).activation();
    }

    static int[] labels(LabeledData data) {
        int[] actual = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            actual[i] = data.label(i);
        }
        return actual;
    }

    void requireInputWidth(double[] input) {
        if (input.length != inputWidth()) {
            throw new IllegalArgumentException("input has " + input.length + " features, the network takes "
                    + inputWidth() + takes());
        }
    }

    void requireInputWidth(LabeledData data) {
        if (data.inputWidth() != inputWidth()) {
            throw new IllegalArgumentException("the data has " + data.inputWidth()
                    + " features per sample, the network takes " + inputWidth() + takes());
        }
    }

    /** For a message: the image the network takes, or nothing for a vector. */
    private String takes() {
        Shape shape = inputShape();
        return shape.isImage() ? " (a " + shape + " image, height x width x channels, channels-last)" : "";
    }

    void requireFits(LabeledData data) {
        requireInputWidth(data);
        if (data.classCount() > outputWidth()) {
            throw new IllegalArgumentException("the data has " + data.classCount()
                    + " classes, the network's output layer has " + outputWidth() + " units");
        }
    }
}
