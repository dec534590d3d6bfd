package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * The CPU backend's element-wise operations on whole matrices, over the arrays behind them: each runs its
 * {@link RowRanges} loop on the caller for a small matrix, without allocating, and split in row ranges over the
 * workers for a {@linkplain RowRanges#large large} one, which gives the same results since every element is
 * independent. {@code shape} is the matrix whose rows are split.
 */
final class ElementWiseRows {
    private ElementWiseRows() {
    }

    /** {@code d += 1 b}: the row vector {@code b} added to every row of {@code d}. */
    static void addRowVector(DeviceMatrix shape, double[] b, double[] d) {
        int cols = shape.cols();
        if (RowRanges.large(shape)) {
            RowRanges.rowsInParallel(shape, (from, to) -> RowRanges.addRows(b, d, cols, from, to));
        } else {
            RowRanges.addRows(b, d, cols, 0, shape.rows());
        }
    }

    /** {@code a = f(n)}, row by row. */
    static void activate(DeviceMatrix shape, Activation f, double[] n, double[] a) {
        int cols = shape.cols();
        if (RowRanges.large(shape)) {
            RowRanges.rowsInParallel(shape, (from, to) -> RowRanges.activateRows(f, n, a, cols, from, to));
        } else {
            RowRanges.activateRows(f, n, a, cols, 0, shape.rows());
        }
    }

    /** {@link Activation#backward}, row by row. */
    static void activationBackward(DeviceMatrix shape, Activation f, double[] n, double[] a, double scale,
            double[] grad, double[] out) {
        int cols = shape.cols();
        if (RowRanges.large(shape)) {
            RowRanges.rowsInParallel(shape,
                    (from, to) -> RowRanges.backwardRows(f, n, a, scale, grad, out, cols, from, to));
        } else {
            RowRanges.backwardRows(f, n, a, scale, grad, out, cols, 0, shape.rows());
        }
    }

    /** Every element of {@code d} set to its dropout mask value, drawn from {@code seed} and {@code counter}. */
    static void dropoutMask(DeviceMatrix shape, long seed, long counter, int threshold, double scale, double[] d) {
        int cols = shape.cols();
        if (RowRanges.large(shape)) {
            RowRanges.rowsInParallel(shape,
                    (from, to) -> RowRanges.maskRows(seed, counter, threshold, scale, d, from * cols, to * cols));
        } else {
            RowRanges.maskRows(seed, counter, threshold, scale, d, 0, shape.rows() * cols);
        }
    }

    /** {@code o = a * b}, element by element. */
    static void multiply(DeviceMatrix shape, double[] a, double[] b, double[] o) {
        int cols = shape.cols();
        if (RowRanges.large(shape)) {
            RowRanges.rowsInParallel(shape, (from, to) -> RowRanges.multiplyRange(a, b, o, from * cols, to * cols));
        } else {
            RowRanges.multiplyRange(a, b, o, 0, shape.rows() * cols);
        }
    }
}
