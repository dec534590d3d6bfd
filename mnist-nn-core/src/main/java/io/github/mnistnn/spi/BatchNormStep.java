package io.github.mnistnn.spi;

/**
 * Batch normalisation (Ioffe and Szegedy, ICML 2015) of a matrix, column by column, as {@link Backend#batchNorm},
 * {@link Backend#batchNormInference} and {@link Backend#batchNormBackward} perform it; the methods here are the
 * host reference every backend matches. A column is a feature (a dense layer's unit, or an image's channel, whose
 * rows are then every position of every image in the batch). Over the {@code R} rows of column {@code j}:
 * <pre>
 * training   mean = sum(x) / R;  var = sum((x - mean)^2) / R;  invStd = 1 / sqrt(var + epsilon)
 *            xHat = (x - mean) invStd;  y = gamma xHat + beta
 *            runningMean = (1 - momentum) runningMean + momentum mean
 *            runningVar  = (1 - momentum) runningVar  + momentum var R / (R - 1)   (var itself when R = 1)
 * inference  scale = gamma / sqrt(runningVar + epsilon);  y = (x - runningMean) scale + beta
 * backward   dx = gamma invStd (dy - sum(dy) / R - xHat sum(dy xHat) / R)
 * </pre>
 * Sums run from the first row to the last. The parameter gradients are {@code sum(dy xHat)} for {@code gamma} and
 * {@code sum(dy)} for {@code beta}; the running statistics are PyTorch's (momentum 0.1, the unbiased variance).
 *
 * <pre>{@code
 * BatchNormStep step = new BatchNormStep(1e-5, 0.1);
 * double[] x = {1, 3}, gamma = {1}, beta = {0}, running = {0, 1}, saved = new double[2];
 * double[] xHat = new double[2], y = new double[2];
 * step.forward(x, 2, 1, gamma, beta, running, saved, xHat, y);   // y is about {-1, 1}
 * }</pre>
 *
 * @param epsilon added to the variance, above 0
 * @param momentum the weight of a batch's statistics in the running ones, in (0, 1]
 */
public record BatchNormStep(double epsilon, double momentum) {
    /** The defaults, PyTorch's: epsilon 1e-5, momentum 0.1. */
    public static final BatchNormStep DEFAULT = new BatchNormStep(1e-5, 0.1);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if epsilon is not above 0 or momentum not in (0, 1]
     */
    public BatchNormStep {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("batch normalisation needs an epsilon in (0, 1), got " + epsilon);
        }
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch normalisation needs a momentum in (0, 1], got " + momentum);
        }
    }

    /**
     * Normalises a training batch with its own statistics and updates the running ones.
     *
     * @param x {@code rows x cols}, row-major
     * @param rows rows of {@code x}, at least 1
     * @param cols columns
     * @param gamma the scales, one per column
     * @param beta the shifts, one per column
     * @param running {@code 2 x cols}: the running means, then the running variances; updated
     * @param saved {@code 2 x cols}, written: the batch means, then the inverse standard deviations
     * @param xHat {@code rows x cols}, written: the normalised values
     * @param y {@code rows x cols}, written: the output
     */
    public void forward(double[] x, int rows, int cols, double[] gamma, double[] beta, double[] running,
            double[] saved, double[] xHat, double[] y) {
        java.util.Arrays.fill(saved, 0, 2 * cols, 0.0);
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                saved[j] += x[base + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            saved[j] /= rows;
        }
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                double d = x[base + j] - saved[j];
                saved[cols + j] += d * d;
            }
        }
        for (int j = 0; j < cols; j++) {
            double variance = saved[cols + j] / rows;
            double unbiased = rows > 1 ? variance * rows / (rows - 1) : variance;
            running[j] = (1 - momentum) * running[j] + momentum * saved[j];
            running[cols + j] = (1 - momentum) * running[cols + j] + momentum * unbiased;
            saved[cols + j] = 1 / Math.sqrt(variance + epsilon);
        }
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                double h = (x[base + j] - saved[j]) * saved[cols + j];
                xHat[base + j] = h;
                y[base + j] = gamma[j] * h + beta[j];
            }
        }
    }

    /**
     * Normalises with the running statistics, as in prediction.
     *
     * @param x {@code rows x cols}, row-major
     * @param rows rows of {@code x}
     * @param cols columns
     * @param gamma the scales
     * @param beta the shifts
     * @param running {@code 2 x cols}: the running means, then the running variances
     * @param y {@code rows x cols}, written; may be {@code x}
     */
    public void inference(double[] x, int rows, int cols, double[] gamma, double[] beta, double[] running,
            double[] y) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                double scale = gamma[j] / Math.sqrt(running[cols + j] + epsilon);
                y[base + j] = (x[base + j] - running[j]) * scale + beta[j];
            }
        }
    }

    /**
     * The gradient with respect to the input of a training batch's {@link #forward}, and the column sums the
     * parameter gradients are made of.
     *
     * @param dy {@code rows x cols}: the loss gradient with respect to the output
     * @param xHat the forward pass's normalised values
     * @param rows rows
     * @param cols columns
     * @param gamma the scales
     * @param saved the forward pass's {@code saved}
     * @param sumDy {@code cols} values, written: {@code sum(dy)}, the gradient of {@code beta}
     * @param sumDyXHat {@code cols} values, written: {@code sum(dy xHat)}, the gradient of {@code gamma}
     * @param dx {@code rows x cols}, written; may be {@code dy}
     */
    public static void backward(double[] dy, double[] xHat, int rows, int cols, double[] gamma, double[] saved,
            double[] sumDy, double[] sumDyXHat, double[] dx) {
        java.util.Arrays.fill(sumDy, 0, cols, 0.0);
        java.util.Arrays.fill(sumDyXHat, 0, cols, 0.0);
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                sumDy[j] += dy[base + j];
                sumDyXHat[j] += dy[base + j] * xHat[base + j];
            }
        }
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                dx[base + j] = gamma[j] * saved[cols + j]
                        * (dy[base + j] - sumDy[j] / rows - xHat[base + j] * sumDyXHat[j] / rows);
            }
        }
    }
}
