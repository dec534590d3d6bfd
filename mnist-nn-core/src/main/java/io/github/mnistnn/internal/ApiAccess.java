package io.github.mnistnn.internal;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Augmentation;
import io.github.mnistnn.BatchNormLayer;
import io.github.mnistnn.Conv2dLayer;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.EpochReport;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Layer;
import io.github.mnistnn.ModelFormatException;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.Padding;
import io.github.mnistnn.Shape;
import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.TrainingProvenance;
import io.github.mnistnn.internal.inference.OutputRows;
import io.github.mnistnn.internal.model.LayerPlan;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.OptimizerStep;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The members of the API types that the machinery needs and users must not see: the constructors that take
 * ownership of arrays, the shared (uncopied) parameters, the network's batched outputs. The API package hands
 * its one implementation over when {@link Network} is initialised; this package is not exported, so only the
 * module's own code reaches it. (The JDK's {@code SharedSecrets} do the same between {@code java.lang} and its
 * internals.)
 *
 * <pre>{@code
 * Network network = ApiAccess.get().network(layers, provenance);
 * }</pre>
 */
public interface ApiAccess {
    /**
     * The implementation, once {@link Network} has handed it over.
     *
     * @return the access
     */
    static ApiAccess get() {
        ApiAccess access = Holder.access;
        if (access == null) {
            try {
                MethodHandles.lookup().ensureInitialized(Network.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("the API package did not open itself to its machinery", e);
            }
            access = Holder.access;
        }
        return access;
    }

    /**
     * Called once, by the API package.
     *
     * @param access its implementation
     * @throws IllegalStateException if called twice
     */
    static void set(ApiAccess access) {
        synchronized (Holder.class) {
            if (Holder.access != null) {
                throw new IllegalStateException("the API access is already set");
            }
            Holder.access = access;
        }
    }

    /** A network of checked layers, with how it was trained ({@code null} for none). */
    Network network(List<Layer> layers, TrainingProvenance provenance);

    /** The output layer's pre-activations and activations of the first {@code count} samples. */
    OutputRows outputRows(Network network, LabeledData data, int count);

    /** The layers of a spec before they have weights. */
    List<LayerPlan> plans(NetworkSpec spec);

    /** A dense layer that owns the arrays given (flat weights, row-major {@code fanIn x units}). */
    DenseLayer dense(int fanIn, int units, double[] weights, double[] biases, Activation activation);

    /** A convolution that owns the arrays given. */
    Conv2dLayer conv2d(Shape input, int kernel, int stride, Padding padding, double[] weights, double[] biases,
            Activation activation);

    /** A batch normalisation that owns the arrays given ({@code running}: the means, then the variances). */
    BatchNormLayer batchNorm(Shape shape, double[] gamma, double[] beta, double[] running, BatchNormStep step);

    /** A fresh batch normalisation of {@code shape}: the identity. */
    BatchNormLayer batchNorm(Shape shape, BatchNormStep step);

    /** A batch normalisation's running means then variances, not copied (callers must not write to them). */
    double[] sharedRunning(BatchNormLayer layer);

    /**
     * A layer's flat weights (a batch normalisation's scales), not copied (callers must not write to them), or
     * {@code null} for none.
     */
    double[] sharedWeights(Layer layer);

    /** A layer's biases (a batch normalisation's shifts), not copied (callers must not write to them), or null. */
    double[] sharedBiases(Layer layer);

    /** The optimizer's element-wise step at one update. */
    OptimizerStep step(Optimizer optimizer, double learningRate, double l2, boolean decay, long step);

    /** Draws one image's shift and rotation and writes the moved image. */
    void augment(Augmentation augmentation, Shape shape, double[] src, int srcOffset, SplittableRandom random,
            double[] dst, int dstOffset);

    /** The report of an epoch; {@code network} makes the network as it stands when first asked. */
    EpochReport epochReport(int epoch, int epochs, double loss, double accuracy, Duration elapsed,
            double learningRate, double validationLoss, double validationAccuracy, Supplier<Network> network);

    /** The exception of a model file that cannot be used, naming the file and the problem. */
    ModelFormatException modelFormat(Path file, String problem);

    /** The exception of a training run that diverged at a sample of an epoch (both from 1). */
    TrainingDivergedException diverged(int epoch, int sample, String message);

    /** Where the one implementation is kept. */
    final class Holder {
        private static volatile ApiAccess access;

        private Holder() {
        }
    }
}
