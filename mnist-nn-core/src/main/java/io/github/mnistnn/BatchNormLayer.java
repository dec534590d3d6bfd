package io.github.mnistnn;

import io.github.mnistnn.spi.BatchNormStep;

/**
 * Batch normalisation (Ioffe and Szegedy, ICML 2015) as a layer: each feature (a unit of a vector, a channel of an
 * image, over every position) is normalised to mean 0 and variance 1, then scaled by a trained {@code gamma} and
 * shifted by a trained {@code beta}. While training it uses the batch's own statistics and moves running ones
 * towards them; in prediction it uses the running ones, so it is then one fixed scale and shift per feature.
 * {@link BatchNormStep} defines the arithmetic exactly; the defaults are PyTorch's (epsilon 1e-5, momentum 0.1).
 * It starts as the identity: gamma 1, beta 0, running mean 0, running variance 1. Immutable.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(Shape.image(28, 28, 1))
 *         .conv2d(32, 3, Padding.SAME, Activation.RELU).batchNorm().maxPool2d(2)
 *         .flatten().dense(10, Activation.SOFTMAX).build();
 * BatchNormLayer norm = (BatchNormLayer) Network.initialize(spec, 1).layers().get(1);
 * int features = norm.features();          // 32, one per channel
 * }</pre>
 */
public final class BatchNormLayer implements Layer {
    private final Shape shape;
    private final double[] gamma;
    private final double[] beta;
    private final double[] running;
    private final BatchNormStep step;

    private BatchNormLayer(Shape shape, double[] gamma, double[] beta, double[] running, BatchNormStep step) {
        this.shape = shape;
        this.gamma = gamma;
        this.beta = beta;
        this.running = running;
        this.step = step;
    }

    /** The number of features a batch normalisation of {@code shape} has: its channels, or its size. */
    static int features(Shape shape) {
        return shape.isImage() ? shape.channels() : shape.size();
    }

    /** A fresh layer: the identity, with the given settings. */
    static BatchNormLayer initial(Shape shape, BatchNormStep step) {
        int c = features(shape);
        double[] gamma = new double[c];
        double[] running = new double[2 * c];
        java.util.Arrays.fill(gamma, 1);
        java.util.Arrays.fill(running, c, 2 * c, 1);
        return new BatchNormLayer(shape, gamma, new double[c], running, step);
    }

    /**
     * Takes ownership of the arrays.
     *
     * @throws IllegalArgumentException if a length does not fit the shape, a value is not finite or a running
     *     variance is negative
     */
    static BatchNormLayer ofOwned(Shape shape, double[] gamma, double[] beta, double[] running, BatchNormStep step) {
        if (shape == null || step == null) {
            throw new IllegalArgumentException("batch normalisation needs a shape and its settings");
        }
        int c = features(shape);
        if (gamma.length != c || beta.length != c || running.length != 2 * c) {
            throw new IllegalArgumentException("batch normalisation of " + shape + " needs " + c
                    + " scales, shifts, running means and running variances, got " + gamma.length + ", "
                    + beta.length + " and " + running.length + " running values");
        }
        DenseLayer.requireFinite(gamma, "scale");
        DenseLayer.requireFinite(beta, "shift");
        DenseLayer.requireFinite(running, "running statistic");
        for (int j = c; j < 2 * c; j++) {
            if (running[j] < 0) {
                throw new IllegalArgumentException("running variance " + (j - c) + " is " + running[j]);
            }
        }
        return new BatchNormLayer(shape, gamma, beta, running, step);
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    /** The scales and shifts; the running statistics are kept but not trained. */
    @Override
    public long parameterCount() {
        return 2L * gamma.length;
    }

    /**
     * The number of features normalised: the channels of an image, the size of a vector.
     *
     * @return at least 1
     */
    public int features() {
        return gamma.length;
    }

    /**
     * Epsilon and momentum.
     *
     * @return the settings
     */
    public BatchNormStep settings() {
        return step;
    }

    /**
     * A copy of the trained scales.
     *
     * @return one per feature
     */
    public double[] gamma() {
        return gamma.clone();
    }

    /**
     * A copy of the trained shifts.
     *
     * @return one per feature
     */
    public double[] beta() {
        return beta.clone();
    }

    /**
     * A copy of the running means, the statistics prediction uses.
     *
     * @return one per feature
     */
    public double[] runningMean() {
        return java.util.Arrays.copyOfRange(running, 0, gamma.length);
    }

    /**
     * A copy of the running variances.
     *
     * @return one per feature
     */
    public double[] runningVariance() {
        return java.util.Arrays.copyOfRange(running, gamma.length, 2 * gamma.length);
    }

    double[] sharedGamma() {
        return gamma;
    }

    double[] sharedBeta() {
        return beta;
    }

    /** The running means, then the running variances, not copied. */
    double[] sharedRunning() {
        return running;
    }

    @Override
    public String toString() {
        return "batchNorm";
    }
}
