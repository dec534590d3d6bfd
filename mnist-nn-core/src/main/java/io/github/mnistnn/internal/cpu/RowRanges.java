package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.CpuThreads;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.DropoutNoise;

/**
 * The CPU backend's element-wise loops, and their split over {@link CpuWorkers} in row ranges for matrices of
 * {@value #PARALLEL_ELEMENTS} elements or more (a convolution's activations); every element is independent, so
 * the split gives exactly the serial results. Small matrices run on the caller without allocating.
 */
final class RowRanges {
    /** Matrices from this many elements have their element-wise operations split over the workers. */
    static final long PARALLEL_ELEMENTS = 1L << 15;

    private RowRanges() {
    }

    static void addRows(double[] b, double[] d, int cols, int from, int to) {
        for (int r = from, base = from * cols; r < to; r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                d[base + j] += b[j];
            }
        }
    }

    static void activateRows(Activation f, double[] n, double[] a, int cols, int from, int to) {
        if (f != Activation.SOFTMAX) {
            // Element by element, so the rows are one run (a convolution's rows are only as wide as its channels).
            f.forward(n, a, from * cols, (to - from) * cols);
            return;
        }
        for (int r = from; r < to; r++) {
            f.forward(n, a, r * cols, cols);
        }
    }

    static void backwardRows(Activation f, double[] n, double[] a, double scale, double[] grad, double[] out,
            int cols, int from, int to) {
        if (f != Activation.SOFTMAX) {
            f.backward(n, a, scale, grad, out, from * cols, (to - from) * cols);
            return;
        }
        for (int r = from; r < to; r++) {
            f.backward(n, a, scale, grad, out, r * cols, cols);
        }
    }

    /**
     * Elements {@code [from, to)} of the dropout mask {@code (seed, counter)}, {@link DropoutNoise#mask}'s values
     * without its branch: {@code bits - threshold} (both in {@code [0, 2^24]}) is negative for a dropped unit, so
     * its sign, spread over 64 bits, clears {@code scale}'s bits to {@code +0.0} or keeps them. A quarter of the
     * units dropped at random is a branch the processor mispredicts often; this runs about 2.7 times as fast.
     */
    static void maskRows(long seed, long counter, int threshold, double scale, double[] d, int from, int to) {
        long scaleBits = Double.doubleToRawLongBits(scale);
        for (int i = from; i < to; i++) {
            long keep = ~((long) (DropoutNoise.bits(seed, counter, i) - threshold) >> 63);
            d[i] = Double.longBitsToDouble(scaleBits & keep);
        }
    }

    static void multiplyRange(double[] a, double[] b, double[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = a[i] * b[i];
        }
    }

    /** Whether a matrix is large enough for its element-wise work to be split over the workers. */
    static boolean large(DeviceMatrix m) {
        return (long) m.rows() * m.cols() >= PARALLEL_ELEMENTS && m.rows() > 1;
    }

    /** Element-wise work on row ranges over the workers (each element is independent, so the results are exact). */
    static void rowsInParallel(DeviceMatrix m, RowRange body) {
        int rows = m.rows();
        int parts = Math.min(rows, 4 * CpuThreads.count());
        CpuWorkers.forEach(parts, part -> body.run(part * rows / parts, (part + 1) * rows / parts));
    }

    /** Work on rows {@code from} to {@code to - 1}. */
    interface RowRange {
        void run(int from, int to);
    }

}
