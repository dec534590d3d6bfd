package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.FusedOnlineTraining;

/**
 * The float32 backend's fused online path, {@link FusedOnlineTraining#trainOnline}: {@link OnlineCpuTrainer}'s
 * plan in float. One sample at a time in plain loops with no per-sample allocation; for the length of a call the
 * weights live in per-row arrays, layers after the first also in a transposed copy updated alongside (so the
 * backward product is a sum of rows), and the first layer visits only each sample's non-zero inputs
 * ({@link Float32SampleNonZeros}, listed once per unchanged data matrix), which changes no result. The row loops
 * are {@link Float32OnlineLoops} (fused multiply-adds, as the backend's products form their sums); activations,
 * losses and metrics are {@link Float32RowMath}'s, the backend's own, so it computes what the backend's primitive
 * path computes, to float rounding, and the contract suite checks that. Not thread-safe.
 *
 * <pre>{@code
 * Float32OnlineTrainer online = new Float32OnlineTrainer(Float32OnlineLoops.create());
 * online.train(BackpropRule.CB, Loss.SOFTMAX_CROSS_ENTROPY, 0.01, f, weights, biases, x, y, order, 0, n, metrics);
 * }</pre>
 */
final class Float32OnlineTrainer {
    private final Float32OnlineLoops loops;
    private Float32SampleNonZeros nonZeros;
    private float[][] n = new float[0][];
    private float[][] a = new float[0][];
    private float[][] s = new float[0][];
    private float[][] e = new float[0][];
    private float[] y = new float[0];
    private float[][][] rows = new float[0][][];
    private float[][][] columns = new float[0][][];
    private float[] scaled = new float[0];
    /** {@code 0, 1, 2, ...}: the "non-zero list" of a hidden layer, whose inputs are all used. */
    private int[] everyInput = new int[0];

    /**
     * A trainer on the given hot loops.
     *
     * @param loops {@link Float32OnlineLoops#create()}, or an implementation to test
     */
    Float32OnlineTrainer(Float32OnlineLoops loops) {
        this.loops = loops;
    }

    /** {@link FusedOnlineTraining#trainOnline} on matrices of the float32 backend. */
    void train(BackpropRule rule, Loss loss, double learningRate, Activation[] f, DeviceMatrix[] weights,
            DeviceMatrix[] biases, DeviceMatrix x, DeviceMatrix y, DeviceIndices order, int first, int count,
            DeviceMatrix metrics) {
        int[] widths = OnlineShapes.widths(weights, biases, x, y, order, first, count);
        float[][] w = new float[widths.length][];
        float[][] b = new float[widths.length][];
        for (int k = 0; k < widths.length; k++) {
            w[k] = Float32CpuBackend.matrix(weights[k]).values();
            b[k] = Float32CpuBackend.matrix(biases[k]).values();
        }
        nonZeros = Float32SampleNonZeros.of(Float32CpuBackend.matrix(x), nonZeros);
        float[] targets = Float32CpuBackend.matrix(y).readOnlyValues();
        int[] positions = Float32CpuBackend.indices(order);
        float[] sums = Float32CpuBackend.matrix(metrics).values();
        prepare(x.cols(), widths);
        copyIn(w, widths);
        try {
            trainRows(rule, loss, (float) -learningRate, f, b, widths, targets, positions, first, count, sums);
        } finally {
            copyOut(w, widths);
        }
    }

    /** Sizes the work buffers for these widths; allocates only when they change. */
    private void prepare(int inputWidth, int[] widths) {
        boolean same = n.length == widths.length && rows[0].length == inputWidth;
        for (int k = 0; same && k < widths.length; k++) {
            same = n[k].length == widths[k];
        }
        if (same) {
            return;
        }
        int depth = widths.length;
        n = new float[depth][];
        a = new float[depth][];
        s = new float[depth][];
        e = new float[depth][];
        rows = new float[depth][][];
        columns = new float[depth][][];
        int widest = 0;
        for (int k = 0, fanIn = inputWidth; k < depth; fanIn = widths[k], k++) {
            n[k] = new float[widths[k]];
            a[k] = new float[widths[k]];
            s[k] = new float[widths[k]];
            e[k] = new float[widths[k]];
            rows[k] = new float[fanIn][widths[k]];
            columns[k] = k == 0 ? null : new float[widths[k]][fanIn];
            widest = Math.max(widest, widths[k]);
        }
        y = new float[widths[depth - 1]];
        scaled = new float[widest];
        everyInput = new int[widest];
        for (int i = 0; i < widest; i++) {
            everyInput[i] = i;
        }
    }

    private void copyIn(float[][] w, int[] widths) {
        for (int k = 0; k < widths.length; k++) {
            float[][] r = rows[k];
            for (int i = 0; i < r.length; i++) {
                System.arraycopy(w[k], i * widths[k], r[i], 0, widths[k]);
                for (int j = 0; k > 0 && j < widths[k]; j++) {
                    columns[k][j][i] = r[i][j];
                }
            }
        }
    }

    private void copyOut(float[][] w, int[] widths) {
        for (int k = 0; k < widths.length; k++) {
            float[][] r = rows[k];
            for (int i = 0; i < r.length; i++) {
                System.arraycopy(r[i], 0, w[k], i * widths[k], widths[k]);
            }
        }
    }

    private void trainRows(BackpropRule rule, Loss loss, float scale, Activation[] f, float[][] b, int[] widths,
            float[] targets, int[] order, int first, int count, float[] metrics) {
        int out = widths.length - 1;
        int classes = widths[out];
        for (int p = first; p < first + count; p++) {
            int sample = order[p];
            int from = nonZeros.start[sample];
            int to = nonZeros.start[sample + 1];
            forward(nonZeros.value, nonZeros.index, from, to, rows[0], b[0], n[0], widths[0]);
            Float32RowMath.forward(f[0], n[0], a[0], 0, widths[0]);
            for (int k = 1; k <= out; k++) {
                forward(a[k - 1], everyInput, 0, widths[k - 1], rows[k], b[k], n[k], widths[k]);
                Float32RowMath.forward(f[k], n[k], a[k], 0, widths[k]);
            }
            System.arraycopy(targets, sample * classes, y, 0, classes);
            Float32RowMath.accumulateMetrics(loss, n[out], a[out], y, 1, classes, p, metrics);
            Float32RowMath.delta(loss, f[out], n[out], a[out], y, s[out], 0, classes);
            if (rule == BackpropRule.CB) {
                for (int k = out - 1; k >= 0; k--) {
                    loops.sumRows(s[k + 1], everyInput, 0, widths[k + 1], columns[k + 1], s[k], widths[k]);
                    Float32RowMath.backward(f[k], n[k], a[k], 1, s[k], s[k], 0, widths[k]);
                }
            } else {
                for (int j = 0; j < classes; j++) {
                    e[out][j] = a[out][j] - y[j];
                }
                for (int k = out - 1; k >= 0; k--) {
                    loops.sumRows(e[k + 1], everyInput, 0, widths[k + 1], columns[k + 1], e[k], widths[k]);
                    Float32RowMath.backward(f[k], n[k], a[k], 2, e[k], s[k], 0, widths[k]);
                }
            }
            loops.addScaled(scale, nonZeros.value, nonZeros.index, from, to, s[0], rows[0], widths[0]);
            addScaledBias(scale, s[0], b[0], widths[0]);
            for (int k = 1; k <= out; k++) {
                update(a[k - 1], widths[k - 1], scale, s[k], rows[k], columns[k], b[k], widths[k]);
            }
        }
    }

    /** {@code n = W^T x + b} over the inputs listed in {@code at[from..to)}, whose values are {@code x[from..to)}. */
    private void forward(float[] x, int[] at, int from, int to, float[][] w, float[] b, float[] n, int width) {
        loops.sumRows(x, at, from, to, w, n, width);
        for (int j = 0; j < width; j++) {
            n[j] += b[j];
        }
    }

    private static void addScaledBias(float scale, float[] s, float[] b, int width) {
        for (int j = 0; j < width; j++) {
            b[j] = Math.fma(scale, s[j], b[j]);
        }
    }

    /**
     * {@code W += scale in s^T} on the rows and on the transposed copy alike: {@code scaled[i] = scale in[i]}
     * first, so both copies add the same products, {@code 1 * scaled[i]} being {@code scaled[i]} exactly.
     */
    private void update(float[] in, int inWidth, float scale, float[] s, float[][] w, float[][] columns, float[] b,
            int width) {
        for (int i = 0; i < inWidth; i++) {
            scaled[i] = scale * in[i];
        }
        loops.addScaled(1, scaled, everyInput, 0, inWidth, s, w, width);
        loops.addScaled(1, s, everyInput, 0, width, scaled, columns, inWidth);
        addScaledBias(scale, s, b, width);
    }
}
