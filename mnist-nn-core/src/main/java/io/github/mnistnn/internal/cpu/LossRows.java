package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.ArgMax;
import io.github.mnistnn.spi.Backend;

/**
 * The CPU backend's per-sample loss work in double, one row of a batch after another, as {@link Loss} defines it:
 * each row's output delta, and a batch's figures added to the metrics.
 */
final class LossRows {
    private LossRows() {
    }

    /** {@link Loss#delta} on each of {@code rows} rows of {@code cols} values. */
    static void deltaRows(Loss loss, Activation f, double[] n, double[] a, double[] y, double[] s, int rows,
            int cols) {
        for (int r = 0; r < rows; r++) {
            loss.delta(f, n, a, y, s, r * cols, cols);
        }
    }

    /**
     * Adds a batch's figures to the metrics, as {@link Backend#accumulateMetrics} defines them: the summed loss,
     * the correct count, and the first sample whose loss is not finite.
     */
    static void accumulateMetrics(Loss loss, Activation f, double[] n, double[] a, double[] y, int rows, int cols,
            int firstSample, double[] metrics) {
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            double value = loss.value(f, n, a, y, offset, cols);
            metrics[Backend.METRIC_LOSS] += value;
            if (ArgMax.of(a, offset, cols) == ArgMax.of(y, offset, cols)) {
                metrics[Backend.METRIC_CORRECT] += 1;
            }
            if (!Double.isFinite(value) && metrics[Backend.METRIC_FIRST_NON_FINITE] < 0) {
                metrics[Backend.METRIC_FIRST_NON_FINITE] = firstSample + r;
            }
        }
    }
}
