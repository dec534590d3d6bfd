package io.github.mnistnn.spi;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Loss;

/**
 * The device boundary: an allocator and the short list of primitive operations that layers, both backprop
 * rules and the trainer are written in. A new device is one new implementation of this interface (and a
 * {@link BackendProvider} to find it).
 *
 * <p>Matrices are row-major; a batch holds one sample per row. Every operation checks shapes before it
 * touches data (throwing {@link IllegalArgumentException} naming the shapes), takes its output last, and
 * returns it. Outputs must not alias inputs unless the operation says so. A backend is not thread-safe.
 *
 * <pre>{@code
 * try (Backend backend = Backends.open("cpu");
 *      DeviceMatrix a = backend.allocate(1, 2);
 *      DeviceMatrix b = backend.allocate(2, 1);
 *      DeviceMatrix c = backend.allocate(1, 1)) {
 *     backend.upload(new double[] {1, 2}, 0, a);
 *     backend.upload(new double[] {3, 4}, 0, b);
 *     backend.gemm(false, false, 1, a, b, 0, c);
 *     double[] out = new double[1];
 *     backend.download(c, out);                // {11}
 * }
 * }</pre>
 */
public interface Backend extends AutoCloseable {
    /** Index of the summed loss in a metrics matrix (see {@link #accumulateMetrics}). */
    int METRIC_LOSS = 0;
    /** Index of the count of correctly classified samples in a metrics matrix. */
    int METRIC_CORRECT = 1;
    /** Index of the first sample whose loss was not finite, or -1, in a metrics matrix. */
    int METRIC_FIRST_NON_FINITE = 2;
    /** Columns of a metrics matrix. */
    int METRIC_COUNT = 3;

    /**
     * A short name for logs and provenance, such as {@code "cpu"} or {@code "opencl:NVIDIA H100"}.
     *
     * @return the name
     */
    String name();

    /**
     * Allocates a zero-filled matrix.
     *
     * @param rows rows, at least 1
     * @param cols columns, at least 1
     * @return the new matrix, owned by the caller
     */
    DeviceMatrix allocate(int rows, int cols);

    /**
     * Allocates a zero-filled index vector.
     *
     * @param length at least 1
     * @return the new vector, owned by the caller
     */
    DeviceIndices allocateIndices(int length);

    /**
     * Copies whole rows from the host into {@code dst}, starting at row {@code firstRow}; the number of rows is
     * {@code src.length / dst.cols()}.
     *
     * @param src row-major values; its length must be a multiple of {@code dst.cols()}
     * @param firstRow the first row written
     * @param dst the matrix written
     */
    void upload(double[] src, int firstRow, DeviceMatrix dst);

    /**
     * Copies indices from the host.
     *
     * @param src exactly {@code dst.length()} values
     * @param dst the vector written
     */
    void upload(int[] src, DeviceIndices dst);

    /**
     * Copies a whole matrix to the host.
     *
     * @param src the matrix read
     * @param dst at least {@code rows * cols} values, written row-major
     */
    void download(DeviceMatrix src, double[] dst);

    /**
     * General matrix product {@code c = alpha op(a) op(b) + beta c}, where {@code op} transposes when asked.
     * With {@code beta == 0} the old contents of {@code c} are ignored (even NaN).
     *
     * @param transA use {@code a^T}
     * @param transB use {@code b^T}
     * @param alpha scale of the product
     * @param a left factor
     * @param b right factor
     * @param beta scale of the old {@code c}
     * @param c the output; must not be {@code a} or {@code b}
     * @return {@code c}
     */
    DeviceMatrix gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b, double beta,
            DeviceMatrix c);

    /**
     * Adds a row vector to every row, in place: {@code m[r][c] += bias[0][c]}.
     *
     * @param bias a {@code 1 x m.cols()} matrix
     * @param m the matrix updated
     * @return {@code m}
     */
    DeviceMatrix addRowVector(DeviceMatrix bias, DeviceMatrix m);

    /**
     * Column sums: {@code out = alpha * (sum over rows of m) + beta * out}.
     *
     * @param alpha scale of the sums
     * @param m the matrix summed
     * @param beta scale of the old {@code out}
     * @param out a {@code 1 x m.cols()} matrix
     * @return {@code out}
     */
    DeviceMatrix sumRows(double alpha, DeviceMatrix m, double beta, DeviceMatrix out);

    /**
     * Applies an activation row by row: {@code a = f(n)}.
     *
     * @param f the activation
     * @param n pre-activations
     * @param a written with the activations; may be {@code n}
     * @return {@code a}
     */
    DeviceMatrix activate(Activation f, DeviceMatrix n, DeviceMatrix a);

    /**
     * The vector-Jacobian product of an activation, row by row: {@code out = scale * J(n)^T grad}, which for an
     * element-wise activation is {@code scale * f'(n) * grad}.
     *
     * @param f the activation
     * @param n pre-activations
     * @param a activations {@code f(n)}
     * @param scale factor applied to the result
     * @param grad gradient with respect to {@code a}
     * @param out written; may be {@code grad}
     * @return {@code out}
     */
    DeviceMatrix activationBackward(Activation f, DeviceMatrix n, DeviceMatrix a, double scale, DeviceMatrix grad,
            DeviceMatrix out);

    /**
     * The output delta {@code s = dL/dn}, one sample per row, exactly as {@link Loss#delta} computes it.
     *
     * @param loss the loss
     * @param f the output activation
     * @param n output pre-activations
     * @param a output activations
     * @param y targets
     * @param s written with the deltas
     * @return {@code s}
     */
    DeviceMatrix outputDelta(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            DeviceMatrix s);

    /**
     * Adds a batch's figures to a {@code 1 x METRIC_COUNT} metrics matrix that stays on the device: the summed
     * loss, the number of rows whose largest output is at the largest target, and the index
     * ({@code firstSample} + row) of the first row whose loss is not finite, if the matrix holds -1 there.
     *
     * @param loss the loss
     * @param f the output activation
     * @param n output pre-activations
     * @param a output activations
     * @param y targets
     * @param firstSample the sample number of the batch's first row
     * @param metrics the accumulator
     * @return {@code metrics}
     */
    DeviceMatrix accumulateMetrics(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            int firstSample, DeviceMatrix metrics);

    /**
     * Gathers rows: {@code dst[r] = src[order[offset + r]]} for every row of {@code dst}.
     *
     * @param src the matrix read
     * @param order row indices into {@code src}
     * @param offset position in {@code order} of the first index used
     * @param dst the matrix written; same columns as {@code src}
     * @return {@code dst}
     */
    DeviceMatrix gatherRows(DeviceMatrix src, DeviceIndices order, int offset, DeviceMatrix dst);

    /**
     * One optimizer update, element by element, exactly as {@link OptimizerStep#apply} computes it.
     *
     * @param step the update rule and its constants
     * @param grad the gradient, averaged over the batch
     * @param m the first optimizer state, same shape, updated (unused by SGD)
     * @param v the second optimizer state, same shape, updated (used by Adam and AdamW)
     * @param param the parameters, updated
     * @return {@code param}
     */
    DeviceMatrix applyGradient(OptimizerStep step, DeviceMatrix grad, DeviceMatrix m, DeviceMatrix v,
            DeviceMatrix param);

    /**
     * Fills an inverted-dropout mask exactly as {@link DropoutNoise#mask} defines it, element by element in
     * row-major order: 0 for a dropped unit, {@code 1 / (1 - rate)} for a kept one.
     *
     * @param rate the drop probability, in [0, 1)
     * @param seed the run's dropout seed
     * @param counter the mask's number, unique per batch and layer
     * @param mask the matrix written
     * @return {@code mask}
     */
    DeviceMatrix dropoutMask(double rate, long seed, long counter, DeviceMatrix mask);

    /**
     * Element-wise product {@code out = x * y}.
     *
     * @param x one factor
     * @param y the other, same shape
     * @param out written; may be {@code x} or {@code y}
     * @return {@code out}
     */
    DeviceMatrix multiply(DeviceMatrix x, DeviceMatrix y, DeviceMatrix out);

    /**
     * Sets every element.
     *
     * @param value the value
     * @param m the matrix written
     * @return {@code m}
     */
    DeviceMatrix fill(double value, DeviceMatrix m);

    /**
     * Copies every convolution window of a batch of images into one row each, exactly as
     * {@link ConvGeometry#im2col} defines it; the convolution is then {@code cols x kernel} through {@link #gemm}.
     *
     * @param g the convolution
     * @param images {@code batch * g.imageSize()} values in any shape, row-major
     * @param cols the output, {@code g.columnRows(batch) x g.columnWidth()}
     * @return {@code cols}
     */
    DeviceMatrix im2col(ConvGeometry g, DeviceMatrix images, DeviceMatrix cols);

    /**
     * The adjoint of {@link #im2col}, exactly as {@link ConvGeometry#col2im} defines it: sums every column entry
     * back into the image value it came from.
     *
     * @param g the convolution
     * @param cols {@code g.columnRows(batch) x g.columnWidth()}
     * @param images the output, {@code batch * g.imageSize()} values in any shape; must not be {@code cols}
     * @return {@code images}
     */
    DeviceMatrix col2im(ConvGeometry g, DeviceMatrix cols, DeviceMatrix images);

    /**
     * Max-pooling of a batch of images, exactly as {@link PoolGeometry#forward} defines it (the first maximum wins
     * a tie, NaN propagates), recording which input each output came from.
     *
     * @param g the pooling
     * @param input {@code batch * g.imageSize()} values in any shape
     * @param argmax written, {@code batch * g.outputSize()} indices into {@code input}
     * @param output the output, {@code batch * g.outputSize()} values in any shape
     * @return {@code output}
     */
    DeviceMatrix maxPool(PoolGeometry g, DeviceMatrix input, DeviceIndices argmax, DeviceMatrix output);

    /**
     * The backward pass of {@link #maxPool}, exactly as {@link PoolGeometry#backward} defines it: each output
     * gradient goes to the input its maximum came from, the rest of {@code gradInput} is 0.
     *
     * @param g the pooling
     * @param gradOutput {@code batch * g.outputSize()} values in any shape
     * @param argmax the forward pass's indices
     * @param gradInput the output, {@code batch * g.imageSize()} values in any shape
     * @return {@code gradInput}
     */
    DeviceMatrix maxPoolBackward(PoolGeometry g, DeviceMatrix gradOutput, DeviceIndices argmax,
            DeviceMatrix gradInput);

    /**
     * Batch normalisation of a training batch, column by column, exactly as {@link BatchNormStep#forward} defines
     * it: normalises with the batch's statistics, keeps them in {@code saved} for the backward pass and moves the
     * running statistics towards them.
     *
     * @param step epsilon and momentum
     * @param x the batch, {@code rows x cols}
     * @param gamma {@code 1 x cols} scales
     * @param beta {@code 1 x cols} shifts
     * @param running {@code 2 x cols}: running means, then running variances; updated
     * @param saved {@code 2 x cols}, written: the batch means, then the inverse standard deviations
     * @param xHat {@code rows x cols}, written: the normalised values
     * @param y {@code rows x cols}, written: the output
     * @return {@code y}
     */
    DeviceMatrix batchNorm(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta,
            DeviceMatrix running, DeviceMatrix saved, DeviceMatrix xHat, DeviceMatrix y);

    /**
     * Batch normalisation with the running statistics, exactly as {@link BatchNormStep#inference} defines it.
     *
     * @param step epsilon (the momentum is not used)
     * @param x the batch, {@code rows x cols}
     * @param gamma {@code 1 x cols} scales
     * @param beta {@code 1 x cols} shifts
     * @param running {@code 2 x cols}: running means, then running variances
     * @param y {@code rows x cols}, written; may be {@code x}
     * @return {@code y}
     */
    DeviceMatrix batchNormInference(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta,
            DeviceMatrix running, DeviceMatrix y);

    /**
     * The backward pass of {@link #batchNorm}, exactly as {@link BatchNormStep#backward} defines it: the input
     * gradient and the column sums the parameter gradients are.
     *
     * @param dy {@code rows x cols}: the gradient with respect to the output
     * @param xHat the forward pass's normalised values
     * @param gamma {@code 1 x cols} scales
     * @param saved the forward pass's batch means and inverse standard deviations
     * @param sumDy {@code 1 x cols}, written: the gradient of the shifts, summed over the rows
     * @param sumDyXHat {@code 1 x cols}, written: the gradient of the scales, summed over the rows
     * @param dx {@code rows x cols}, written; may be {@code dy}
     * @return {@code dx}
     */
    DeviceMatrix batchNormBackward(DeviceMatrix dy, DeviceMatrix xHat, DeviceMatrix gamma, DeviceMatrix saved,
            DeviceMatrix sumDy, DeviceMatrix sumDyXHat, DeviceMatrix dx);

    /**
     * A view of a matrix's elements in another shape, in the same row-major order: writing one writes the other.
     * Closing the view releases nothing; the view must not be used once {@code m} is closed.
     *
     * @param m the matrix viewed
     * @param rows rows of the view
     * @param cols columns of the view; {@code rows * cols} must equal {@code m}'s element count
     * @return the view
     */
    DeviceMatrix reshape(DeviceMatrix m, int rows, int cols);

    /** Releases everything the backend holds; matrices it allocated must be closed first. */
    @Override
    void close();
}
