package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.ArgMax;
import io.github.mnistnn.spi.Backend;

/**
 * The CPU's fused online path: one sample at a time in plain loops, with no per-sample allocation. For the
 * length of a call the weights live in per-row arrays ({@code double[fan_in][fan_out]}), the layout the JIT
 * vectorises (it does not vectorise the same loops over one flat array), and are copied back at the end. The
 * first layer visits only each sample's non-zero inputs ({@link SampleNonZeros}, listed once per run) in its
 * forward product and its weight update (about 80 % of MNIST pixels are zero), which changes no result: a
 * skipped term would add {@code 0 * w} to a sum or {@code 0} to a weight. Layers after the first also keep a
 * transposed copy, updated alongside, so the backward product {@code W g} is a vectorised sum of columns
 * instead of a chain of dependent scalar additions; it adds the same products in the same order. The loops over
 * a row are {@link OnlineLoops} (the Vector API ones where they run), which add the rows one after another in
 * order and round each product and sum apart. It computes what the primitive path computes, in the same order
 * of summation, and is tested against it.
 */
final class OnlineCpuTrainer {
    private double[][] n = new double[0][];
    private double[][] a = new double[0][];
    private double[][] s = new double[0][];
    private double[][] e = new double[0][];
    private double[] y = new double[0];
    private double[] d = new double[0];
    private double[][][] rows = new double[0][][];
    private double[][][] columns = new double[0][][];
    private double[] scaled = new double[0];
    private final OnlineLoops loops;
    /** {@code 0, 1, 2, ...}: the "non-zero list" of a hidden layer, whose inputs are all used. */
    private int[] everyInput = new int[0];

    /**
     * A trainer on the given hot loops.
     *
     * @param loops {@link OnlineLoops#create()}, or an implementation to test
     */
    OnlineCpuTrainer(OnlineLoops loops) {
        this.loops = loops;
    }

    /** Sizes the work buffers for these widths; allocates only when they change. */
    private void prepare(int inputWidth, int[] widths) {
        boolean same = n.length == widths.length && rows.length == widths.length && rows[0].length == inputWidth;
        for (int k = 0; same && k < widths.length; k++) {
            same = n[k].length == widths[k];
        }
        if (same) {
            return;
        }
        int depth = widths.length;
        n = new double[depth][];
        a = new double[depth][];
        s = new double[depth][];
        e = new double[depth][];
        for (int k = 0; k < depth; k++) {
            n[k] = new double[widths[k]];
            a[k] = new double[widths[k]];
            s[k] = new double[widths[k]];
            e[k] = new double[widths[k]];
        }
        y = new double[widths[depth - 1]];
        d = new double[widths[depth - 1]];
        rows = new double[depth][][];
        columns = new double[depth][][];
        int widest = 0;
        for (int k = 0, fanIn = inputWidth; k < depth; fanIn = widths[k], k++) {
            rows[k] = new double[fanIn][widths[k]];
            columns[k] = k == 0 ? null : new double[widths[k]][fanIn];
            widest = Math.max(widest, widths[k]);
        }
        scaled = new double[widest];
        everyInput = new int[widest];
        for (int i = 0; i < widest; i++) {
            everyInput[i] = i;
        }
    }

    private void copyIn(double[][] w, int[] widths) {
        for (int k = 0; k < widths.length; k++) {
            double[][] r = rows[k];
            for (int i = 0; i < r.length; i++) {
                System.arraycopy(w[k], i * widths[k], r[i], 0, widths[k]);
            }
            if (k > 0) {
                double[][] c = columns[k];
                for (int i = 0; i < r.length; i++) {
                    for (int j = 0; j < widths[k]; j++) {
                        c[j][i] = r[i][j];
                    }
                }
            }
        }
    }

    private void copyOut(double[][] w, int[] widths) {
        for (int k = 0; k < widths.length; k++) {
            double[][] r = rows[k];
            for (int i = 0; i < r.length; i++) {
                System.arraycopy(r[i], 0, w[k], i * widths[k], widths[k]);
            }
        }
    }

    void train(BackpropRule rule, Loss loss, double lr, Activation[] f, double[][] flatWeights, double[][] b,
            int[] widths, double[] x, int inputWidth, SampleNonZeros nonZeros, double[] targets, int[] order,
            int first, int count, double[] metrics) {
        prepare(inputWidth, widths);
        copyIn(flatWeights, widths);
        try {
            trainRows(rule, loss, lr, f, b, widths, x, inputWidth, nonZeros, targets, order, first, count, metrics);
        } finally {
            copyOut(flatWeights, widths);
        }
    }

    private void trainRows(BackpropRule rule, Loss loss, double lr, Activation[] f, double[][] b, int[] widths,
            double[] x, int inputWidth, SampleNonZeros nonZeros, double[] targets, int[] order, int first, int count,
            double[] metrics) {
        double[][][] w = rows;
        int[] nonZero = nonZeros.index;
        double[] nonZeroValue = nonZeros.value;
        int out = widths.length - 1;
        int classes = widths[out];
        for (int p = first; p < first + count; p++) {
            int sample = order[p];
            int xo = sample * inputWidth;
            int from = nonZeros.start[sample];
            int to = nonZeros.start[sample + 1];
            forward(nonZeroValue, nonZero, from, to, w[0], b[0], n[0], widths[0]);
            f[0].forward(n[0], a[0], 0, widths[0]);
            for (int k = 1; k <= out; k++) {
                forward(a[k - 1], everyInput, 0, widths[k - 1], w[k], b[k], n[k], widths[k]);
                f[k].forward(n[k], a[k], 0, widths[k]);
            }
            System.arraycopy(targets, sample * classes, y, 0, classes);
            double value = loss.value(f[out], n[out], a[out], y, 0, classes);
            metrics[Backend.METRIC_LOSS] += value;
            if (ArgMax.of(a[out], 0, a[out].length) == ArgMax.of(y, 0, y.length)) {
                metrics[Backend.METRIC_CORRECT] += 1;
            }
            if (!Double.isFinite(value) && metrics[Backend.METRIC_FIRST_NON_FINITE] < 0) {
                metrics[Backend.METRIC_FIRST_NON_FINITE] = p;
            }
            loss.delta(f[out], n[out], a[out], y, s[out], 0, classes);
            if (rule == BackpropRule.CB) {
                for (int k = out - 1; k >= 0; k--) {
                    backThroughWeights(s[k + 1], columns[k + 1], widths[k], widths[k + 1], s[k]);
                    f[k].backward(n[k], a[k], 1, s[k], s[k], 0, widths[k]);
                }
            } else {
                for (int j = 0; j < classes; j++) {
                    e[out][j] = a[out][j] - y[j];
                }
                for (int k = out - 1; k >= 0; k--) {
                    backThroughWeights(e[k + 1], columns[k + 1], widths[k], widths[k + 1], e[k]);
                    f[k].backward(n[k], a[k], 2, e[k], s[k], 0, widths[k]);
                }
            }
            double scale = -lr;
            updateFirst(nonZeroValue, nonZero, from, to, scale, s[0], w[0], b[0], widths[0]);
            for (int k = 1; k <= out; k++) {
                update(a[k - 1], widths[k - 1], scale, s[k], w[k], columns[k], b[k], widths[k], scaled);
            }
        }
    }

    /**
     * {@code n = W^T x + b} over the inputs listed in {@code rows[from..to)}, whose values are {@code x[from..to)}:
     * the first layer passes a sample's non-zero pixels, the others every input. The rows are added one after
     * another in order, then the bias.
     */
    private void forward(double[] x, int[] rows, int from, int to, double[][] w, double[] b, double[] n,
            int width) {
        loops.sumRows(x, rows, from, to, w, n, width);
        for (int j = 0; j < width; j++) {
            n[j] += b[j];
        }
    }

    /**
     * {@code out = W g} from the columns of {@code W} (fan_in x fan_out): {@code out[i]} sums
     * {@code g[j] * W[i][j]} over {@code j = 0, 1, ...} from 0, the order of a row-by-row dot product.
     */
    private void backThroughWeights(double[] g, double[][] columns, int fanIn, int fanOut, double[] out) {
        loops.sumRows(g, everyInput, 0, fanOut, columns, out, fanIn);
    }

    private void updateFirst(double[] x, int[] nonZero, int from, int to, double scale, double[] s,
            double[][] w, double[] b, int width) {
        loops.addScaled(scale, x, nonZero, from, to, s, w, width);
        for (int j = 0; j < width; j++) {
            b[j] += scale * s[j];
        }
    }

    /**
     * {@code W += scale in s^T} on the rows and on the transposed copy alike: {@code scaled[i] = scale in[i]}
     * first, so both copies add the same products, {@code 1 * scaled[i]} being {@code scaled[i]} exactly.
     */
    private void update(double[] in, int inWidth, double scale, double[] s, double[][] w, double[][] columns,
            double[] b, int width, double[] scaled) {
        for (int i = 0; i < inWidth; i++) {
            scaled[i] = scale * in[i];
        }
        loops.addScaled(1, scaled, everyInput, 0, inWidth, s, w, width);
        loops.addScaled(1, s, everyInput, 0, width, scaled, columns, inWidth);
        for (int j = 0; j < width; j++) {
            b[j] += scale * s[j];
        }
    }
}
