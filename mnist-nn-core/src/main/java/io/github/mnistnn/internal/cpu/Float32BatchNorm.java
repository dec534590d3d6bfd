package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.BatchNormStep;

/**
 * Batch normalisation for {@link Float32CpuBackend}: {@link BatchNormStep}'s three passes formula for formula, with
 * epsilon and momentum rounded to float and every sum a float accumulator running from the first row to the last,
 * the variance from the centred values in a second pass, as the reference does. The column sums live in the
 * outputs themselves ({@code saved}, {@code sumDy}, {@code sumDyXHat}), so nothing is allocated.
 *
 * <pre>{@code
 * Float32BatchNorm.forward(BatchNormStep.DEFAULT, x, rows, cols, gamma, beta, running, saved, xHat, y);
 * }</pre>
 */
final class Float32BatchNorm {
    private Float32BatchNorm() {
    }

    /** As {@link BatchNormStep#forward}: the batch's statistics into {@code saved}, the running ones moved. */
    static void forward(BatchNormStep step, float[] x, int rows, int cols, float[] gamma, float[] beta,
            float[] running, float[] saved, float[] xHat, float[] y) {
        float epsilon = (float) step.epsilon();
        float momentum = (float) step.momentum();
        java.util.Arrays.fill(saved, 0, 2 * cols, 0f);
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
                float d = x[base + j] - saved[j];
                saved[cols + j] += d * d;
            }
        }
        for (int j = 0; j < cols; j++) {
            float variance = saved[cols + j] / rows;
            float unbiased = rows > 1 ? variance * rows / (rows - 1) : variance;
            running[j] = (1f - momentum) * running[j] + momentum * saved[j];
            running[cols + j] = (1f - momentum) * running[cols + j] + momentum * unbiased;
            saved[cols + j] = 1f / (float) Math.sqrt(variance + epsilon);
        }
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                float h = (x[base + j] - saved[j]) * saved[cols + j];
                xHat[base + j] = h;
                y[base + j] = gamma[j] * h + beta[j];
            }
        }
    }

    /** As {@link BatchNormStep#inference}: the running statistics; {@code y} may be {@code x}. */
    static void inference(BatchNormStep step, float[] x, int rows, int cols, float[] gamma, float[] beta,
            float[] running, float[] y) {
        float epsilon = (float) step.epsilon();
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                float scale = gamma[j] / (float) Math.sqrt(running[cols + j] + epsilon);
                y[base + j] = (x[base + j] - running[j]) * scale + beta[j];
            }
        }
    }

    /** As {@link BatchNormStep#backward}: the column sums, then the input gradient; {@code dx} may be {@code dy}. */
    static void backward(float[] dy, float[] xHat, int rows, int cols, float[] gamma, float[] saved, float[] sumDy,
            float[] sumDyXHat, float[] dx) {
        java.util.Arrays.fill(sumDy, 0, cols, 0f);
        java.util.Arrays.fill(sumDyXHat, 0, cols, 0f);
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
