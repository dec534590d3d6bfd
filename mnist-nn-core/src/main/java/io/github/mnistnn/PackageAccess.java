package io.github.mnistnn;

import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.internal.inference.OutputRows;
import io.github.mnistnn.internal.model.LayerPlan;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.OptimizerStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** This package's side of {@link ApiAccess}: its hidden members, handed to the machinery by {@link Network}. */
final class PackageAccess implements ApiAccess {
    @Override
    public Network network(List<Layer> layers, TrainingProvenance provenance) {
        return Network.of(layers, provenance);
    }

    @Override
    public OutputRows outputRows(Network network, LabeledData data, int count) {
        return network.outputRows(data, count);
    }

    @Override
    public List<LayerPlan> plans(NetworkSpec spec) {
        return spec.plans();
    }

    @Override
    public DenseLayer dense(int fanIn, int units, double[] weights, double[] biases, Activation activation) {
        return DenseLayer.ofFlat(fanIn, units, weights, biases, activation);
    }

    @Override
    public Conv2dLayer conv2d(Shape input, int kernel, int stride, Padding padding, double[] weights,
            double[] biases, Activation activation) {
        return Conv2dLayer.ofOwned(input, kernel, stride, padding, weights, biases, activation);
    }

    @Override
    public BatchNormLayer batchNorm(Shape shape, double[] gamma, double[] beta, double[] running,
            BatchNormStep step) {
        return BatchNormLayer.ofOwned(shape, gamma, beta, running, step);
    }

    @Override
    public BatchNormLayer batchNorm(Shape shape, BatchNormStep step) {
        return BatchNormLayer.initial(shape, step);
    }

    @Override
    public double[] sharedRunning(BatchNormLayer layer) {
        return layer.sharedRunning();
    }

    @Override
    public double[] sharedWeights(Layer layer) {
        if (layer instanceof DenseLayer dense) {
            return dense.sharedWeights();
        }
        if (layer instanceof BatchNormLayer norm) {
            return norm.sharedGamma();
        }
        return layer instanceof Conv2dLayer conv ? conv.sharedWeights() : null;
    }

    @Override
    public double[] sharedBiases(Layer layer) {
        if (layer instanceof DenseLayer dense) {
            return dense.sharedBiases();
        }
        if (layer instanceof BatchNormLayer norm) {
            return norm.sharedBeta();
        }
        return layer instanceof Conv2dLayer conv ? conv.sharedBiases() : null;
    }

    @Override
    public OptimizerStep step(Optimizer optimizer, double learningRate, double l2, boolean decay, long step) {
        return optimizer.step(learningRate, l2, decay, step);
    }

    @Override
    public void augment(Augmentation augmentation, Shape shape, double[] src, int srcOffset,
            SplittableRandom random, double[] dst, int dstOffset) {
        augmentation.apply(shape, src, srcOffset, random, dst, dstOffset);
    }

    @Override
    public EpochReport epochReport(int epoch, int epochs, double loss, double accuracy, Duration elapsed,
            double learningRate, double validationLoss, double validationAccuracy, Supplier<Network> network) {
        return new EpochReport(epoch, epochs, loss, accuracy, elapsed, learningRate, validationLoss,
                validationAccuracy, network);
    }

    @Override
    public ModelFormatException modelFormat(Path file, String problem) {
        return new ModelFormatException(file, problem);
    }

    @Override
    public TrainingDivergedException diverged(int epoch, int sample, String message) {
        return new TrainingDivergedException(epoch, sample, message);
    }
}
