package io.github.mnistnn.contract;

import static io.github.mnistnn.contract.HostMatrices.assertClose;
import static io.github.mnistnn.contract.HostMatrices.download;
import static io.github.mnistnn.contract.HostMatrices.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch-normalisation primitives against their host reference {@link BatchNormStep}: the training forward
 * pass (three batches in a row, so the running statistics accumulate), prediction with the running statistics
 * (also in place), the backward pass (also in place), a case worked by hand, and the shapes refused. Inputs have a
 * mean of 3 against a spread near 1, so that a one-pass variance or a careless centring shows; they are
 * float32-representable so that every precision sees the same data.
 *
 * <p>Tolerances: a column sum of {@code R} rows may be {@link #valueTolerance()} times {@code R} off, as in the
 * sumRows test; a value made from the column statistics (a mean, an inverse standard deviation, a normalised
 * value, an input gradient) may be {@link #valueTolerance()} times {@code 10 sqrt(R)} off: the statistics are
 * sums over {@code R} rows whose rounding errors grow as {@code sqrt(R)}, and centring values near 3 with a
 * spread near 1 loses a few more bits.
 */
public abstract class BatchNormOperationsContract extends UpdateOperationsContract {
    /** One row, sizes that are no work-group multiple, a layer, and a tall column reduced by many work-items. */
    private static final int[][] NORMALISED = {{1, 1}, {1, 50}, {33, 17}, {17, 33}, {5, 64}, {128, 10},
        {2000, 3}, {300, 67}};
    private static final BatchNormStep OTHER_STEP = new BatchNormStep(1e-3, 0.25);

    private double statisticsTolerance(int rows) {
        return valueTolerance() * 10 * Math.sqrt(rows);
    }

    private double sumTolerance(int rows) {
        return valueTolerance() * rows;
    }

    /** Float32-representable values, uniform in {@code centre +- spread}. */
    private static double[] floats(SplittableRandom random, int count, double centre, double spread) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (centre + spread * (2 * random.nextDouble() - 1));
        }
        return v;
    }

    /** A batch near 3 whose columns have spreads between 0.5 and 1.5. */
    private static double[] batch(SplittableRandom random, int rows, int cols) {
        double[] spread = new double[cols];
        for (int j = 0; j < cols; j++) {
            spread[j] = 0.5 + random.nextDouble();
        }
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 + spread[i % cols] * (2 * random.nextDouble() - 1));
        }
        return x;
    }

    /** Running means near {@code meanCentre}, then running variances in [0.5, 1.5], float32-representable. */
    private static double[] running(SplittableRandom random, int cols, double meanCentre) {
        double[] running = new double[2 * cols];
        System.arraycopy(floats(random, cols, meanCentre, 1), 0, running, 0, cols);
        System.arraycopy(floats(random, cols, 1, 0.5), 0, running, cols, cols);
        return running;
    }

    private static double[] nan(int count) {
        double[] v = new double[count];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    @Test
    void trainingForwardPassMatchesTheReferenceAndAccumulatesTheRunningStatistics() {
        SplittableRandom random = new SplittableRandom(41);
        for (int s = 0; s < NORMALISED.length; s++) {
            int rows = NORMALISED[s][0];
            int cols = NORMALISED[s][1];
            BatchNormStep step = s % 2 == 0 ? BatchNormStep.DEFAULT : OTHER_STEP;
            double[] gamma = floats(random, cols, 1, 0.5);
            double[] beta = floats(random, cols, 0, 1);
            double[] running = running(random, cols, 0);
            double[] saved = new double[2 * cols];
            double[] xHat = new double[rows * cols];
            double[] y = new double[rows * cols];
            double tolerance = statisticsTolerance(rows);
            try (DeviceMatrix dx = backend.allocate(rows, cols); DeviceMatrix dg = upload(backend, 1, cols, gamma);
                    DeviceMatrix db = upload(backend, 1, cols, beta);
                    DeviceMatrix dr = upload(backend, 2, cols, running);
                    DeviceMatrix ds = upload(backend, 2, cols, nan(2 * cols));
                    DeviceMatrix dh = upload(backend, rows, cols, nan(rows * cols));
                    DeviceMatrix dy = upload(backend, rows, cols, nan(rows * cols))) {
                for (int t = 1; t <= 3; t++) {
                    String what = "batchNorm " + rows + "x" + cols + " batch " + t;
                    double[] x = batch(random, rows, cols);
                    backend.upload(x, 0, dx);
                    step.forward(x, rows, cols, gamma, beta, running, saved, xHat, y);
                    assertThat(backend.batchNorm(step, dx, dg, db, dr, ds, dh, dy)).isSameAs(dy);
                    assertClose(download(backend, dy), y, tolerance, what + " y");
                    assertClose(download(backend, dh), xHat, tolerance, what + " xHat");
                    assertClose(download(backend, ds), saved, tolerance, what + " saved");
                    assertClose(download(backend, dr), running, tolerance, what + " running");
                    assertThat(download(backend, dx)).as(what + ": x unchanged").containsExactly(x);
                    assertThat(download(backend, dg)).as(what + ": gamma unchanged").containsExactly(gamma);
                }
            }
        }
    }

    @Test
    void inferenceUsesTheRunningStatisticsAlsoInPlace() {
        SplittableRandom random = new SplittableRandom(42);
        for (int s = 0; s < NORMALISED.length; s++) {
            int rows = NORMALISED[s][0];
            int cols = NORMALISED[s][1];
            BatchNormStep step = s % 2 == 0 ? BatchNormStep.DEFAULT : OTHER_STEP;
            double[] x = batch(random, rows, cols);
            double[] gamma = floats(random, cols, 1, 0.5);
            double[] beta = floats(random, cols, 0, 1);
            double[] running = running(random, cols, 3);
            double[] y = new double[rows * cols];
            step.inference(x, rows, cols, gamma, beta, running, y);
            String what = "batchNormInference " + rows + "x" + cols;
            try (DeviceMatrix dx = upload(backend, rows, cols, x); DeviceMatrix dg = upload(backend, 1, cols, gamma);
                    DeviceMatrix db = upload(backend, 1, cols, beta);
                    DeviceMatrix dr = upload(backend, 2, cols, running);
                    DeviceMatrix dy = upload(backend, rows, cols, nan(rows * cols))) {
                assertThat(backend.batchNormInference(step, dx, dg, db, dr, dy)).isSameAs(dy);
                assertClose(download(backend, dy), y, valueTolerance() * 10, what);
                assertThat(download(backend, dr)).as(what + ": running unchanged").containsExactly(running);
                assertThat(backend.batchNormInference(step, dx, dg, db, dr, dx)).as("in place").isSameAs(dx);
                assertClose(download(backend, dx), y, valueTolerance() * 10, what + " in place");
            }
        }
    }

    @Test
    void backwardPassMatchesTheReferenceAlsoInPlace() {
        SplittableRandom random = new SplittableRandom(43);
        for (int s = 0; s < NORMALISED.length; s++) {
            int rows = NORMALISED[s][0];
            int cols = NORMALISED[s][1];
            BatchNormStep step = s % 2 == 0 ? BatchNormStep.DEFAULT : OTHER_STEP;
            double[] gamma = floats(random, cols, 1, 0.5);
            double[] saved = new double[2 * cols];
            double[] xHat = new double[rows * cols];
            step.forward(batch(random, rows, cols), rows, cols, gamma, floats(random, cols, 0, 1),
                    running(random, cols, 0), saved, xHat, new double[rows * cols]);
            round(saved);
            round(xHat);
            double[] dy = floats(random, rows * cols, 0, 1);
            double[] sumDy = new double[cols];
            double[] sumDyXHat = new double[cols];
            double[] dx = new double[rows * cols];
            BatchNormStep.backward(dy, xHat, rows, cols, gamma, saved, sumDy, sumDyXHat, dx);
            String what = "batchNormBackward " + rows + "x" + cols;
            try (DeviceMatrix ddy = upload(backend, rows, cols, dy); DeviceMatrix dh = upload(backend, rows, cols, xHat);
                    DeviceMatrix dg = upload(backend, 1, cols, gamma);
                    DeviceMatrix ds = upload(backend, 2, cols, saved);
                    DeviceMatrix dSum = upload(backend, 1, cols, nan(cols));
                    DeviceMatrix dSumH = upload(backend, 1, cols, nan(cols));
                    DeviceMatrix ddx = upload(backend, rows, cols, nan(rows * cols))) {
                assertThat(backend.batchNormBackward(ddy, dh, dg, ds, dSum, dSumH, ddx)).isSameAs(ddx);
                assertClose(download(backend, ddx), dx, statisticsTolerance(rows), what + " dx");
                assertClose(download(backend, dSum), sumDy, sumTolerance(rows), what + " sum dy");
                assertClose(download(backend, dSumH), sumDyXHat, sumTolerance(rows), what + " sum dy xHat");
                assertThat(download(backend, ddy)).as(what + ": dy unchanged").containsExactly(dy);
                backend.fill(Double.NaN, dSum);
                backend.fill(Double.NaN, dSumH);
                assertThat(backend.batchNormBackward(ddy, dh, dg, ds, dSum, dSumH, ddy)).as("in place").isSameAs(ddy);
                assertClose(download(backend, ddy), dx, statisticsTolerance(rows), what + " dx in place");
                assertClose(download(backend, dSum), sumDy, sumTolerance(rows), what + " sum dy in place");
                assertClose(download(backend, dSumH), sumDyXHat, sumTolerance(rows), what + " sum dy xHat in place");
            }
        }
    }

    private static void round(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) v[i];
        }
    }

    /**
     * x = {1, 3}: mean 2, variance 1 (unbiased 2), inverse standard deviation h = 1 / sqrt(1 + 1e-5) =
     * 0.9999950000375; with gamma 2 and beta 1, y = 1 -+ 2h = {-0.999990000075, 2.999990000075}; the running
     * statistics {0, 1} move a tenth of the way to {2, 2}, to {0.2, 1.1}. Prediction then scales by
     * 2 / sqrt(1.1 + 1e-5). Backward with dy = {1, 0}: sum dy = 1, sum dy xHat = -h, and
     * dx = 2h (dy - 1/2 - xHat (-h) / 2) = {h (1 - h^2), -h (1 - h^2)}: two centred values span the plane, so only
     * epsilon leaves dx non-zero, about 1e-5.
     */
    @Test
    void normalisesAHandWorkedColumn() {
        BatchNormStep step = new BatchNormStep(1e-5, 0.1);
        double h = 0.9999950000375;
        double hTimes1MinusH2 = h * (1e-5 / 1.00001);
        double tolerance = valueTolerance() * 10;
        try (DeviceMatrix x = upload(backend, 2, 1, new double[] {1, 3});
                DeviceMatrix gamma = upload(backend, 1, 1, new double[] {2});
                DeviceMatrix beta = upload(backend, 1, 1, new double[] {1});
                DeviceMatrix running = upload(backend, 2, 1, new double[] {0, 1});
                DeviceMatrix saved = backend.allocate(2, 1); DeviceMatrix xHat = backend.allocate(2, 1);
                DeviceMatrix y = backend.allocate(2, 1); DeviceMatrix dy = upload(backend, 2, 1, new double[] {1, 0});
                DeviceMatrix sumDy = backend.allocate(1, 1); DeviceMatrix sumDyXHat = backend.allocate(1, 1);
                DeviceMatrix dx = backend.allocate(2, 1)) {
            backend.batchNorm(step, x, gamma, beta, running, saved, xHat, y);
            assertClose(download(backend, y), new double[] {-0.999990000075, 2.999990000075}, tolerance, "y");
            assertClose(download(backend, xHat), new double[] {-h, h}, tolerance, "xHat");
            assertClose(download(backend, saved), new double[] {2, h}, tolerance, "mean, inverse std");
            assertClose(download(backend, running), new double[] {0.2, 1.1}, tolerance, "running mean, variance");
            backend.batchNormInference(step, x, gamma, beta, running, y);
            double scale = 2 / Math.sqrt(1.10001);
            assertClose(download(backend, y), new double[] {0.8 * scale + 1, 2.8 * scale + 1}, tolerance,
                    "inference");
            backend.batchNormBackward(dy, xHat, gamma, saved, sumDy, sumDyXHat, dx);
            assertClose(download(backend, sumDy), new double[] {1}, tolerance, "sum dy");
            assertClose(download(backend, sumDyXHat), new double[] {-h}, tolerance, "sum dy xHat");
            // dx is 1/2 - h^2 / 2, numbers near 1 that leave 1e-5: a few ulps of 1 off, so valueTolerance() absolute
            assertClose(download(backend, dx), new double[] {hTimes1MinusH2, -hTimes1MinusH2}, valueTolerance(),
                    "dx");
        }
    }

    @Test
    void refusesOperandsThatDoNotFitTheBatch() {
        BatchNormStep step = BatchNormStep.DEFAULT;
        double[] stats = {0, 0, 0, 1, 1, 1};
        try (DeviceMatrix x = upload(backend, 5, 3, batch(new SplittableRandom(44), 5, 3));
                DeviceMatrix gamma = backend.allocate(1, 3); DeviceMatrix beta = backend.allocate(1, 3);
                DeviceMatrix running = upload(backend, 2, 3, stats); DeviceMatrix saved = backend.allocate(2, 3);
                DeviceMatrix xHat = backend.allocate(5, 3); DeviceMatrix y = backend.allocate(5, 3);
                DeviceMatrix wide = backend.allocate(1, 4); DeviceMatrix oneRow = backend.allocate(1, 3);
                DeviceMatrix other = backend.allocate(4, 3); DeviceMatrix sums = backend.allocate(1, 3)) {
            assertThatThrownBy(() -> backend.batchNorm(step, x, wide, beta, running, saved, xHat, y))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchNorm")
                    .hasMessageContaining("1x4").hasMessageContaining("1x3");
            assertThatThrownBy(() -> backend.batchNorm(step, x, gamma, wide, running, saved, xHat, y))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x4");
            assertThatThrownBy(() -> backend.batchNorm(step, x, gamma, beta, oneRow, saved, xHat, y))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x3")
                    .hasMessageContaining("2x3");
            assertThatThrownBy(() -> backend.batchNorm(step, x, gamma, beta, running, oneRow, xHat, y))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x3");
            assertThatThrownBy(() -> backend.batchNorm(step, x, gamma, beta, running, saved, other, y))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5x3")
                    .hasMessageContaining("4x3");
            assertThatThrownBy(() -> backend.batchNorm(step, x, gamma, beta, running, saved, xHat, other))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x3");
            assertThat(download(backend, running)).as("a refused call updates nothing").containsExactly(stats);
            assertThat(download(backend, y)).as("a refused call writes nothing").containsOnly(0.0);

            assertThatThrownBy(() -> backend.batchNormInference(step, x, wide, beta, running, y))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchNormInference")
                    .hasMessageContaining("1x4");
            assertThatThrownBy(() -> backend.batchNormInference(step, x, gamma, beta, oneRow, y))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x3");
            assertThatThrownBy(() -> backend.batchNormInference(step, x, gamma, beta, running, other))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x3");

            assertThatThrownBy(() -> backend.batchNormBackward(y, xHat, wide, saved, sums, sums, x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchNormBackward")
                    .hasMessageContaining("1x4");
            assertThatThrownBy(() -> backend.batchNormBackward(y, xHat, gamma, oneRow, sums, sums, x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x3");
            assertThatThrownBy(() -> backend.batchNormBackward(y, xHat, gamma, saved, wide, sums, x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x4");
            assertThatThrownBy(() -> backend.batchNormBackward(y, xHat, gamma, saved, sums, wide, x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x4");
            assertThatThrownBy(() -> backend.batchNormBackward(y, other, gamma, saved, sums, sums, x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x3");
            assertThatThrownBy(() -> backend.batchNormBackward(y, xHat, gamma, saved, sums, sums, other))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x3");
        }
    }
}
