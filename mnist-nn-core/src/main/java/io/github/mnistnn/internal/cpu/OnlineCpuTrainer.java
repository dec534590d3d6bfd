package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.Backend;

/**
 * The CPU's fused online path: one sample at a time in plain loops over the matrices' flat arrays, the shape
 * the JIT vectorises, with no per-sample allocation. The first layer skips zero inputs in its forward product
 * and its weight update (about 80 % of MNIST pixels are zero), which changes no result: a skipped term would
 * add {@code 0 * w} to a sum or {@code 0} to a weight. It computes what the primitive path computes, in the
 * same order of summation where that is cheap, and is tested against it.
 */
final class OnlineCpuTrainer {
    private double[][] n = new double[0][];
    private double[][] a = new double[0][];
    private double[][] s = new double[0][];
    private double[][] e = new double[0][];
    private double[] y = new double[0];
    private double[] d = new double[0];
    private int[] nonZero = new int[0];

    /** Sizes the work buffers for these widths; allocates only when they change. */
    private void prepare(int inputWidth, int[] widths) {
        boolean same = n.length == widths.length && nonZero.length == inputWidth;
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
        nonZero = new int[inputWidth];
    }

    void train(BackpropRule rule, Loss loss, double lr, Activation[] f, double[][] w, double[][] b, int[] widths,
            double[] x, int inputWidth, double[] targets, int[] order, int first, int count, double[] metrics) {
        prepare(inputWidth, widths);
        int out = widths.length - 1;
        int classes = widths[out];
        for (int p = first; p < first + count; p++) {
            int sample = order[p];
            int xo = sample * inputWidth;
            int nz = 0;
            for (int i = 0; i < inputWidth; i++) {
                if (x[xo + i] != 0) {
                    nonZero[nz++] = i;
                }
            }
            forwardFirst(x, xo, nz, w[0], b[0], n[0], widths[0]);
            f[0].forward(n[0], a[0], 0, widths[0]);
            for (int k = 1; k <= out; k++) {
                forward(a[k - 1], widths[k - 1], w[k], b[k], n[k], widths[k]);
                f[k].forward(n[k], a[k], 0, widths[k]);
            }
            System.arraycopy(targets, sample * classes, y, 0, classes);
            double value = loss.value(f[out], n[out], a[out], y, 0, classes);
            metrics[Backend.METRIC_LOSS] += value;
            if (argMax(a[out]) == argMax(y)) {
                metrics[Backend.METRIC_CORRECT] += 1;
            }
            if (!Double.isFinite(value) && metrics[Backend.METRIC_FIRST_NON_FINITE] < 0) {
                metrics[Backend.METRIC_FIRST_NON_FINITE] = p;
            }
            loss.delta(f[out], n[out], a[out], y, s[out], 0, classes);
            if (rule == BackpropRule.CB) {
                for (int k = out - 1; k >= 0; k--) {
                    backThroughWeights(s[k + 1], w[k + 1], widths[k], widths[k + 1], s[k]);
                    f[k].backward(n[k], a[k], 1, s[k], s[k], 0, widths[k]);
                }
            } else {
                for (int j = 0; j < classes; j++) {
                    e[out][j] = a[out][j] - y[j];
                }
                for (int k = out - 1; k >= 0; k--) {
                    backThroughWeights(e[k + 1], w[k + 1], widths[k], widths[k + 1], e[k]);
                    f[k].backward(n[k], a[k], 2, e[k], s[k], 0, widths[k]);
                }
            }
            double scale = -lr;
            updateFirst(x, xo, nz, scale, s[0], w[0], b[0], widths[0]);
            for (int k = 1; k <= out; k++) {
                update(a[k - 1], widths[k - 1], scale, s[k], w[k], b[k], widths[k]);
            }
        }
    }

    private void forwardFirst(double[] x, int xo, int nz, double[] w, double[] b, double[] n, int width) {
        java.util.Arrays.fill(n, 0, width, 0);
        for (int q = 0; q < nz; q++) {
            int i = nonZero[q];
            double xi = x[xo + i];
            int row = i * width;
            for (int j = 0; j < width; j++) {
                n[j] += xi * w[row + j];
            }
        }
        for (int j = 0; j < width; j++) {
            n[j] += b[j];
        }
    }

    private static void forward(double[] in, int inWidth, double[] w, double[] b, double[] n, int width) {
        java.util.Arrays.fill(n, 0, width, 0);
        for (int i = 0; i < inWidth; i++) {
            double xi = in[i];
            int row = i * width;
            for (int j = 0; j < width; j++) {
                n[j] += xi * w[row + j];
            }
        }
        for (int j = 0; j < width; j++) {
            n[j] += b[j];
        }
    }

    /** {@code out = W g}: row {@code i} of {@code W} (fan_in x fan_out) dotted with {@code g}. */
    private static void backThroughWeights(double[] g, double[] w, int fanIn, int fanOut, double[] out) {
        for (int i = 0; i < fanIn; i++) {
            int row = i * fanOut;
            double sum = 0;
            for (int j = 0; j < fanOut; j++) {
                sum += g[j] * w[row + j];
            }
            out[i] = sum;
        }
    }

    private void updateFirst(double[] x, int xo, int nz, double scale, double[] s, double[] w, double[] b, int width) {
        for (int q = 0; q < nz; q++) {
            int i = nonZero[q];
            double xi = scale * x[xo + i];
            int row = i * width;
            for (int j = 0; j < width; j++) {
                w[row + j] += xi * s[j];
            }
        }
        for (int j = 0; j < width; j++) {
            b[j] += scale * s[j];
        }
    }

    private static void update(double[] in, int inWidth, double scale, double[] s, double[] w, double[] b,
            int width) {
        for (int i = 0; i < inWidth; i++) {
            double xi = scale * in[i];
            int row = i * width;
            for (int j = 0; j < width; j++) {
                w[row + j] += xi * s[j];
            }
        }
        for (int j = 0; j < width; j++) {
            b[j] += scale * s[j];
        }
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
