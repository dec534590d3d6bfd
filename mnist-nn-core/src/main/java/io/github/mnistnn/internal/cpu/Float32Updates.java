package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.DropoutNoise;
import io.github.mnistnn.spi.OptimizerStep;

/**
 * The parameter updates and element-wise products of {@link Float32CpuBackend} in float: {@link OptimizerStep}'s
 * rules with its constants rounded to float once and every operation in float (as the OpenCL float32 kernel
 * computes them, {@code 1 - beta} included), the dropout mask of {@link DropoutNoise}'s exact bits with the scale
 * rounded to float, and {@code x * y}.
 *
 * <pre>{@code
 * OptimizerStep sgd = new OptimizerStep(OptimizerStep.SGD, 0.1, 0, 0, 0, 0, 0, 1, 1);
 * Float32Updates.apply(sgd, p, grad, m, v, 0, p.length);   // p -= 0.1f * grad
 * }</pre>
 */
final class Float32Updates {
    private Float32Updates() {
    }

    /**
     * One optimizer update of {@code [from, to)}, as {@link OptimizerStep#apply} defines it, in float; every
     * element is independent, so ranges may run in parallel.
     */
    static void apply(OptimizerStep step, float[] p, float[] grad, float[] m, float[] v, int from, int to) {
        float lr = (float) step.learningRate();
        float b1 = (float) step.beta1();
        float b2 = (float) step.beta2();
        float eps = (float) step.epsilon();
        float l2 = (float) step.l2();
        float decoupled = (float) step.decoupledDecay();
        float c1 = (float) step.c1();
        float c2 = (float) step.c2();
        switch (step.rule()) {
            case OptimizerStep.MOMENTUM:
                for (int i = from; i < to; i++) {
                    float g = grad[i] + l2 * p[i];
                    m[i] = b1 * m[i] + g;
                    p[i] -= lr * m[i];
                }
                break;
            case OptimizerStep.NESTEROV:
                for (int i = from; i < to; i++) {
                    float g = grad[i] + l2 * p[i];
                    m[i] = b1 * m[i] + g;
                    p[i] -= lr * (g + b1 * m[i]);
                }
                break;
            case OptimizerStep.ADAM:
            case OptimizerStep.ADAMW:
                for (int i = from; i < to; i++) {
                    float g = grad[i] + l2 * p[i];
                    p[i] -= lr * decoupled * p[i];
                    m[i] = b1 * m[i] + (1f - b1) * g;
                    v[i] = b2 * v[i] + (1f - b2) * g * g;
                    p[i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + eps);
                }
                break;
            case OptimizerStep.RMSPROP:
                for (int i = from; i < to; i++) {
                    float g = grad[i] + l2 * p[i];
                    m[i] = b1 * m[i] + (1f - b1) * g * g;
                    p[i] -= lr * g / ((float) Math.sqrt(m[i]) + eps);
                }
                break;
            default:
                for (int i = from; i < to; i++) {
                    float g = grad[i] + l2 * p[i];
                    p[i] -= lr * g;
                }
                break;
        }
    }

    /**
     * Elements {@code [from, to)} of the dropout mask {@code (seed, counter)}: 0, or {@code scale}, without a
     * branch, as {@link RowRanges#maskRows} computes it: the sign of {@code bits - threshold} clears
     * {@code scale}'s bits to {@code +0f} for a dropped unit or keeps them.
     */
    static void maskRange(long seed, long counter, int threshold, float scale, float[] d, int from, int to) {
        int scaleBits = Float.floatToRawIntBits(scale);
        for (int i = from; i < to; i++) {
            int keep = ~((DropoutNoise.bits(seed, counter, i) - threshold) >> 31);
            d[i] = Float.intBitsToFloat(scaleBits & keep);
        }
    }

    /** {@code o = a * b} over {@code [from, to)}; {@code o} may be {@code a} or {@code b}. */
    static void multiplyRange(float[] a, float[] b, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = a[i] * b[i];
        }
    }
}
