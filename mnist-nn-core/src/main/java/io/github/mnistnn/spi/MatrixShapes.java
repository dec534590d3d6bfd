package io.github.mnistnn.spi;

/**
 * The shape rules of {@link Backend}'s operations, shared by every implementation so that each backend
 * refuses the same calls with the same messages.
 *
 * <pre>{@code
 * MatrixShapes.requireGemm(false, true, a, b, c);   // throws IllegalArgumentException on a mismatch
 * }</pre>
 */
public final class MatrixShapes {
    /**
     * The most elements one matrix may hold, {@code Integer.MAX_VALUE - 8}: the largest Java array a virtual
     * machine reliably allocates, since a matrix crosses the boundary as one {@code double[]}.
     */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private MatrixShapes() {
    }

    /**
     * Checks that a {@code rows x cols} matrix fits in one array ({@link #MAX_ELEMENTS}), computing the product
     * in {@code long} so that it cannot wrap around.
     *
     * @param what what the matrix is, for the message (such as {@code "allocate"} or {@code "layer 2's weights"})
     * @param rows its rows
     * @param cols its columns
     * @return {@code rows * cols}, which then fits in an {@code int}
     * @throws IllegalArgumentException if it holds more than {@link #MAX_ELEMENTS} values, naming the shape
     */
    public static int requireElements(String what, long rows, long cols) {
        long elements = rows * cols;
        if (rows > MAX_ELEMENTS || cols > MAX_ELEMENTS || elements > MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + ": " + rows + " x " + cols + " = "
                    + (rows > MAX_ELEMENTS || cols > MAX_ELEMENTS ? "too many" : Long.toString(elements))
                    + " values is more than one array holds (" + MAX_ELEMENTS + ")");
        }
        return (int) elements;
    }

    /**
     * Checks the operands of {@link Backend#gemm}.
     *
     * @param transA whether {@code a} is transposed
     * @param transB whether {@code b} is transposed
     * @param a left factor
     * @param b right factor
     * @param c output
     * @throws IllegalArgumentException on a shape mismatch or when {@code c} aliases a factor
     */
    public static void requireGemm(boolean transA, boolean transB, DeviceMatrix a, DeviceMatrix b,
            DeviceMatrix c) {
        if (c.sharesStorageWith(a) || c.sharesStorageWith(b)) {
            throw new IllegalArgumentException("gemm output must not alias an input");
        }
        int m = transA ? a.cols() : a.rows();
        int ka = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (ka != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes do not fit: op(a) " + m + "x" + ka + ", op(b) " + kb
                    + "x" + n + ", c " + shape(c));
        }
    }

    /**
     * Checks that two matrices have one shape.
     *
     * @param what the operation, for the message
     * @param x one matrix
     * @param y the other
     * @throws IllegalArgumentException if the shapes differ, naming both
     */
    public static void requireSame(String what, DeviceMatrix x, DeviceMatrix y) {
        if (x.rows() != y.rows() || x.cols() != y.cols()) {
            throw new IllegalArgumentException(what + ": shapes differ, " + shape(x) + " and " + shape(y));
        }
    }

    /**
     * Checks that three matrices have one shape (no array is made: this runs once per batch).
     *
     * @param what the operation, for the message
     * @param x one matrix
     * @param y another
     * @param z the third
     * @throws IllegalArgumentException if a shape differs
     */
    public static void requireSame(String what, DeviceMatrix x, DeviceMatrix y, DeviceMatrix z) {
        requireSame(what, x, y);
        requireSame(what, x, z);
    }

    /**
     * Checks that four matrices have one shape (no array is made: this runs once per batch).
     *
     * @param what the operation, for the message
     * @param w one matrix
     * @param x another
     * @param y a third
     * @param z the fourth
     * @throws IllegalArgumentException if a shape differs
     */
    public static void requireSame(String what, DeviceMatrix w, DeviceMatrix x, DeviceMatrix y, DeviceMatrix z) {
        requireSame(what, w, x, y);
        requireSame(what, w, z);
    }

    /**
     * Checks that {@code row} is a {@code 1 x m.cols()} row vector.
     *
     * @param what the operation, for the message
     * @param row the row vector
     * @param m the matrix it goes with
     * @throws IllegalArgumentException otherwise
     */
    public static void requireRowVector(String what, DeviceMatrix row, DeviceMatrix m) {
        if (row.rows() != 1 || row.cols() != m.cols()) {
            throw new IllegalArgumentException(what + ": expected a 1x" + m.cols() + " row vector, got "
                    + shape(row));
        }
    }

    /**
     * Checks the operands of {@link Backend#accumulateMetrics}.
     *
     * @param n output pre-activations
     * @param a output activations
     * @param y targets
     * @param metrics the accumulator
     * @throws IllegalArgumentException on a mismatch
     */
    public static void requireMetrics(DeviceMatrix n, DeviceMatrix a, DeviceMatrix y, DeviceMatrix metrics) {
        requireSame("accumulateMetrics", n, a, y);
        if (metrics.rows() != 1 || metrics.cols() != Backend.METRIC_COUNT) {
            throw new IllegalArgumentException("accumulateMetrics: expected a 1x" + Backend.METRIC_COUNT
                    + " metrics matrix, got " + shape(metrics));
        }
    }

    /**
     * Checks the operands of {@link Backend#gatherRows}.
     *
     * @param src the matrix read
     * @param order the indices
     * @param offset first index used
     * @param dst the matrix written
     * @throws IllegalArgumentException on a mismatch or when the rows run past the end of {@code order}
     */
    public static void requireGather(DeviceMatrix src, DeviceIndices order, int offset, DeviceMatrix dst) {
        if (src.cols() != dst.cols()) {
            throw new IllegalArgumentException("gatherRows: columns differ, " + shape(src) + " and " + shape(dst));
        }
        if (offset < 0 || offset + dst.rows() > order.length()) {
            throw new IllegalArgumentException("gatherRows: rows " + offset + ".." + (offset + dst.rows())
                    + " run past the " + order.length() + " indices");
        }
    }

    /**
     * Checks the operands of {@link Backend#upload(double[], int, DeviceMatrix)}.
     *
     * @param src the host values
     * @param firstRow the first row written
     * @param dst the matrix written
     * @throws IllegalArgumentException when the values are not whole rows or run past the last row
     */
    public static void requireUpload(double[] src, int firstRow, DeviceMatrix dst) {
        if (src.length % dst.cols() != 0) {
            throw new IllegalArgumentException("upload: " + src.length + " values are not whole rows of "
                    + dst.cols());
        }
        int rows = src.length / dst.cols();
        if (firstRow < 0 || firstRow + rows > dst.rows()) {
            throw new IllegalArgumentException("upload: rows " + firstRow + ".." + (firstRow + rows)
                    + " do not fit in " + shape(dst));
        }
    }

    /**
     * Checks a dropout rate.
     *
     * @param rate the drop probability
     * @throws IllegalArgumentException unless it is in [0, 1)
     */
    public static void requireRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
    }

    /**
     * Formats a shape as {@code rows x cols}.
     *
     * @param m the matrix
     * @return the shape
     */
    public static String shape(DeviceMatrix m) {
        return m.rows() + "x" + m.cols();
    }

    /**
     * Checks the operands of {@link Backend#batchNorm}: scales and shifts {@code 1 x cols}, running and saved
     * statistics {@code 2 x cols}, xHat and y the shape of {@code x}, which has a row.
     *
     * @param x the batch
     * @param gamma the scales
     * @param beta the shifts
     * @param running the running statistics
     * @param saved the batch statistics
     * @param xHat the normalised values
     * @param y the output
     * @throws IllegalArgumentException if a shape differs
     */
    public static void requireBatchNorm(DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta, DeviceMatrix running,
            DeviceMatrix saved, DeviceMatrix xHat, DeviceMatrix y) {
        requireNormParameters("batchNorm", x, gamma, beta, running);
        requireColumns("batchNorm", x, 2, saved);
        requireSame("batchNorm", x, xHat, y);
    }

    /**
     * Checks the operands of {@link Backend#batchNormInference}, as {@link #requireBatchNorm} does.
     *
     * @param x the batch
     * @param gamma the scales
     * @param beta the shifts
     * @param running the running statistics
     * @param y the output
     * @throws IllegalArgumentException if a shape differs
     */
    public static void requireBatchNormInference(DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta,
            DeviceMatrix running, DeviceMatrix y) {
        requireNormParameters("batchNormInference", x, gamma, beta, running);
        requireSame("batchNormInference", x, y);
    }

    /**
     * Checks the operands of {@link Backend#batchNormBackward}: scales and both sums {@code 1 x cols}, the saved
     * statistics {@code 2 x cols}, xHat and dx the shape of {@code dy}, which has a row.
     *
     * @param dy the output gradient
     * @param xHat the normalised values
     * @param gamma the scales
     * @param saved the batch statistics
     * @param sumDy the shift gradient
     * @param sumDyXHat the scale gradient
     * @param dx the input gradient
     * @throws IllegalArgumentException if a shape differs
     */
    public static void requireBatchNormBackward(DeviceMatrix dy, DeviceMatrix xHat, DeviceMatrix gamma,
            DeviceMatrix saved, DeviceMatrix sumDy, DeviceMatrix sumDyXHat, DeviceMatrix dx) {
        requireColumns("batchNormBackward", dy, 1, gamma);
        requireColumns("batchNormBackward", dy, 2, saved);
        requireColumns("batchNormBackward", dy, 1, sumDy);
        requireColumns("batchNormBackward", dy, 1, sumDyXHat);
        requireSame("batchNormBackward", dy, xHat, dx);
    }

    private static void requireNormParameters(String what, DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta,
            DeviceMatrix running) {
        requireColumns(what, x, 1, gamma);
        requireColumns(what, x, 1, beta);
        requireColumns(what, x, 2, running);
    }

    /** A per-column operand: {@code rows x x.cols()}, with a batch {@code x} of at least one row. */
    private static void requireColumns(String what, DeviceMatrix x, int rows, DeviceMatrix m) {
        if (x.rows() < 1) {
            throw new IllegalArgumentException(what + ": a batch of " + shape(x) + " has no rows");
        }
        if (m.rows() != rows || m.cols() != x.cols()) {
            throw new IllegalArgumentException(what + ": " + shape(m) + " where " + rows + "x" + x.cols()
                    + " fits the batch " + shape(x));
        }
    }

    /**
     * Checks the operands of {@link Backend#im2col} and {@link Backend#col2im}.
     *
     * @param what the operation, for the message
     * @param g the convolution
     * @param images the images
     * @param cols the columns
     * @return the batch size
     * @throws IllegalArgumentException if the shapes do not fit {@code g}, or the two are one matrix
     */
    public static int requireIm2col(String what, ConvGeometry g, DeviceMatrix images, DeviceMatrix cols) {
        long values = (long) images.rows() * images.cols();
        if (values % g.imageSize() != 0) {
            throw new IllegalArgumentException(what + ": " + shape(images) + " is not a whole number of "
                    + g.height() + "x" + g.width() + "x" + g.channels() + " images");
        }
        int batch = (int) (values / g.imageSize());
        if (cols.cols() != g.columnWidth() || (long) cols.rows() != (long) batch * g.positions()) {
            throw new IllegalArgumentException(what + ": columns " + shape(cols) + " do not fit " + batch
                    + " images: expected " + (long) batch * g.positions() + "x" + g.columnWidth());
        }
        if (images.sharesStorageWith(cols)) {
            throw new IllegalArgumentException(what + ": images and columns are one matrix");
        }
        return batch;
    }

    /**
     * Checks the operands of {@link Backend#maxPool} and {@link Backend#maxPoolBackward}.
     *
     * @param what the operation, for the message
     * @param g the pooling
     * @param input the input images (or their gradient)
     * @param argmax the indices
     * @param output the output images (or their gradient)
     * @return the batch size
     * @throws IllegalArgumentException if the shapes do not fit {@code g}, or input and output are one matrix
     */
    public static int requirePool(String what, PoolGeometry g, DeviceMatrix input, DeviceIndices argmax,
            DeviceMatrix output) {
        long values = (long) input.rows() * input.cols();
        if (values % g.imageSize() != 0) {
            throw new IllegalArgumentException(what + ": " + shape(input) + " is not a whole number of "
                    + g.height() + "x" + g.width() + "x" + g.channels() + " images");
        }
        int batch = (int) (values / g.imageSize());
        long out = (long) batch * g.outputSize();
        if ((long) output.rows() * output.cols() != out || argmax.length() != out) {
            throw new IllegalArgumentException(what + ": output " + shape(output) + " and " + argmax.length()
                    + " indices do not fit " + batch + " images pooled to " + g.outHeight() + "x" + g.outWidth()
                    + "x" + g.channels() + " (" + out + " values)");
        }
        if (input.sharesStorageWith(output)) {
            throw new IllegalArgumentException(what + ": input and output are one matrix");
        }
        return batch;
    }

    /**
     * Checks the shape of {@link Backend#reshape}.
     *
     * @param m the matrix viewed
     * @param rows rows of the view
     * @param cols columns of the view
     * @throws IllegalArgumentException if the element counts differ
     */
    public static void requireReshape(DeviceMatrix m, int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols != (long) m.rows() * m.cols()) {
            throw new IllegalArgumentException("reshape: " + shape(m) + " cannot be viewed as " + rows + "x" + cols);
        }
    }
}
