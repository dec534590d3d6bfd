package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.Backend;

/**
 * The row-wise math of {@link Float32CpuBackend} in float: {@link Activation}'s forward rules and vector-Jacobian
 * products and {@link Loss}'s values and deltas, formula for formula as written there (and as the OpenCL float32
 * kernels write them), every operation rounded to float. {@code exp}, {@code log} and {@code tanh} are
 * {@link StrictMath}'s, rounded to float once, so every JDK gives the same bits. NaN goes where the double rules
 * send it: ReLU's and leaky ReLU's comparisons send NaN to their negative branch, the softmax's maximum
 * propagates it.
 *
 * <pre>{@code
 * float[] n = {1000, 0, -1000};
 * float[] a = new float[3];
 * Float32RowMath.forward(Activation.SOFTMAX, n, a, 0, 3);   // {1, 0, 0}
 * }</pre>
 */
final class Float32RowMath {
    private static final float LEAKY_SLOPE = (float) Activation.LEAKY_SLOPE;
    private static final int FLOAT_INFINITY = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
    private static final int FLOAT_ONE = Float.floatToRawIntBits(1f);

    private Float32RowMath() {
    }

    private static float exp(float x) {
        return (float) StrictMath.exp(x);
    }

    /** {@code a = f(n)} over {@code [offset, offset + length)}; {@code a} may be {@code n}. */
    static void forward(Activation f, float[] n, float[] a, int offset, int length) {
        int end = offset + length;
        switch (f) {
            case SIGMOID:
                for (int i = offset; i < end; i++) {
                    a[i] = 1f / (1f + exp(-n[i]));
                }
                break;
            case TANH:
                for (int i = offset; i < end; i++) {
                    a[i] = (float) StrictMath.tanh(n[i]);
                }
                break;
            case RELU:
                // n > 0 ? n : 0 without a branch, as Activation.RELU does it in double: the bits are kept where
                // 0 < bits <= bits(+infinity), which is n > 0, and cleared otherwise.
                for (int i = offset; i < end; i++) {
                    int bits = Float.floatToRawIntBits(n[i]);
                    int below = bits - 1;
                    a[i] = Float.intBitsToFloat(bits & ((~below & (below - FLOAT_INFINITY)) >> 31));
                }
                break;
            case LEAKY_RELU:
                for (int i = offset; i < end; i++) {
                    a[i] = n[i] > 0 ? n[i] : LEAKY_SLOPE * n[i];
                }
                break;
            case SOFTMAX:
                softmax(n, a, offset, end);
                break;
            default: // IDENTITY
                System.arraycopy(n, offset, a, offset, length);
                break;
        }
    }

    private static void softmax(float[] n, float[] a, int offset, int end) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < end; i++) {
            max = Math.max(max, n[i]);
        }
        float sum = 0;
        for (int i = offset; i < end; i++) {
            float e = exp(n[i] - max);
            a[i] = e;
            sum += e;
        }
        float inverse = 1f / sum;
        for (int i = offset; i < end; i++) {
            a[i] *= inverse;
        }
    }

    /** {@code out = scale * J(n)^T grad} over {@code [offset, offset + length)}; {@code out} may be {@code grad}. */
    static void backward(Activation f, float[] n, float[] a, float scale, float[] grad, float[] out, int offset,
            int length) {
        int end = offset + length;
        switch (f) {
            case SIGMOID:
                for (int i = offset; i < end; i++) {
                    out[i] = scale * (a[i] * (1f - a[i])) * grad[i];
                }
                break;
            case TANH:
                for (int i = offset; i < end; i++) {
                    out[i] = scale * (1f - a[i] * a[i]) * grad[i];
                }
                break;
            case RELU:
                for (int i = offset; i < end; i++) {
                    int below = Float.floatToRawIntBits(n[i]) - 1;
                    out[i] = scale * Float.intBitsToFloat(FLOAT_ONE & ((~below & (below - FLOAT_INFINITY)) >> 31))
                            * grad[i];
                }
                break;
            case LEAKY_RELU:
                for (int i = offset; i < end; i++) {
                    out[i] = scale * (n[i] > 0 ? 1f : LEAKY_SLOPE) * grad[i];
                }
                break;
            case SOFTMAX:
                softmaxBackward(a, scale, grad, out, offset, end);
                break;
            default: // IDENTITY, whose derivative is 1
                for (int i = offset; i < end; i++) {
                    out[i] = scale * grad[i];
                }
                break;
        }
    }

    /** J = diag(a) - a a^T, so J^T g = a * (g - a.g). */
    private static void softmaxBackward(float[] a, float scale, float[] grad, float[] out, int offset, int end) {
        float dot = 0;
        for (int i = offset; i < end; i++) {
            dot += a[i] * grad[i];
        }
        for (int i = offset; i < end; i++) {
            out[i] = scale * a[i] * (grad[i] - dot);
        }
    }

    /** The loss of one row, as {@link Loss#value} computes it. */
    static float value(Loss loss, float[] n, float[] a, float[] y, int offset, int length) {
        int end = offset + length;
        float value = 0;
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            // From the logits: log a_i = n_i - max - log sum e^(n_j - max).
            float max = Float.NEGATIVE_INFINITY;
            for (int i = offset; i < end; i++) {
                max = Math.max(max, n[i]);
            }
            float sum = 0;
            for (int i = offset; i < end; i++) {
                sum += exp(n[i] - max);
            }
            float logSum = (float) StrictMath.log(sum);
            for (int i = offset; i < end; i++) {
                if (y[i] != 0) {
                    value -= y[i] * (n[i] - max - logSum);
                }
            }
            return value;
        }
        for (int i = offset; i < end; i++) {
            float d = a[i] - y[i];
            value += d * d;
        }
        return 0.5f * value;
    }

    /** The output delta of one row, as {@link Loss#delta} computes it. */
    static void delta(Loss loss, Activation f, float[] n, float[] a, float[] y, float[] s, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            s[i] = a[i] - y[i];
        }
        if (loss == Loss.MEAN_SQUARED_ERROR) {
            backward(f, n, a, 1f, s, s, offset, length);
        }
    }

    /** {@link #delta} on each of {@code rows} rows of {@code cols} values. */
    static void deltaRows(Loss loss, Activation f, float[] n, float[] a, float[] y, float[] s, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            delta(loss, f, n, a, y, s, r * cols, cols);
        }
    }

    /**
     * Adds a batch's figures to the metrics, as {@link io.github.mnistnn.spi.Backend#accumulateMetrics} defines
     * them: the summed loss, the correct count, and the first sample whose loss is not finite.
     */
    static void accumulateMetrics(Loss loss, float[] n, float[] a, float[] y, int rows, int cols, int firstSample,
            float[] metrics) {
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            float value = value(loss, n, a, y, offset, cols);
            metrics[Backend.METRIC_LOSS] += value;
            if (argMax(a, offset, cols) == argMax(y, offset, cols)) {
                metrics[Backend.METRIC_CORRECT] += 1;
            }
            if (!Float.isFinite(value) && metrics[Backend.METRIC_FIRST_NON_FINITE] < 0) {
                metrics[Backend.METRIC_FIRST_NON_FINITE] = firstSample + r;
            }
        }
    }

    /** The first index of the largest value, relative to {@code offset}, as {@link io.github.mnistnn.spi.ArgMax}. */
    static int argMax(float[] v, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (v[offset + i] > v[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code a = f(n)} on rows {@code [from, to)} of {@code cols} values. */
    static void activateRows(Activation f, float[] n, float[] a, int cols, int from, int to) {
        if (f != Activation.SOFTMAX) {
            // Element by element, so the rows are one run (a convolution's rows are only as wide as its channels).
            forward(f, n, a, from * cols, (to - from) * cols);
            return;
        }
        for (int r = from; r < to; r++) {
            forward(f, n, a, r * cols, cols);
        }
    }

    /** {@link #backward} on rows {@code [from, to)} of {@code cols} values. */
    static void backwardRows(Activation f, float[] n, float[] a, float scale, float[] grad, float[] out, int cols,
            int from, int to) {
        if (f != Activation.SOFTMAX) {
            backward(f, n, a, scale, grad, out, from * cols, (to - from) * cols);
            return;
        }
        for (int r = from; r < to; r++) {
            backward(f, n, a, scale, grad, out, r * cols, cols);
        }
    }

    /** {@code d[r][j] += b[j]} on rows {@code [from, to)}. */
    static void addRows(float[] b, float[] d, int cols, int from, int to) {
        for (int r = from, base = from * cols; r < to; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                d[base + j] += b[j];
            }
        }
    }
}
