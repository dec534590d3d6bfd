package io.github.mnistnn.spi;

/**
 * The geometry of a max-pooling over channels-last images (see {@link ConvGeometry}): square windows of
 * {@code size} with a {@code stride}, no padding, the output rounded down as Keras and PyTorch do.
 * {@link #forward} defines exactly what {@link Backend#maxPool} computes and {@link #backward} what
 * {@link Backend#maxPoolBackward} computes.
 *
 * <pre>{@code
 * PoolGeometry g = PoolGeometry.of(28, 28, 32, 2, 2);   // output 14 x 14 x 32
 * }</pre>
 *
 * @param height input rows
 * @param width input columns
 * @param channels channels, pooled independently
 * @param size window rows and columns
 * @param stride step between windows
 * @param outHeight output rows, {@code (height - size) / stride + 1}
 * @param outWidth output columns, {@code (width - size) / stride + 1}
 */
public record PoolGeometry(int height, int width, int channels, int size, int stride, int outHeight, int outWidth) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if a size is below 1 or the output sizes are not the rounded-down ones
     */
    public PoolGeometry {
        if (height < 1 || width < 1 || channels < 1 || size < 1 || stride < 1) {
            throw new IllegalArgumentException("pooling sizes must be at least 1: " + height + "x" + width + "x"
                    + channels + ", window " + size + ", stride " + stride);
        }
        if (size > height || size > width) {
            throw new IllegalArgumentException("a " + size + "x" + size + " pooling window leaves no pixels of a "
                    + height + "x" + width + " image");
        }
        if (outHeight != (height - size) / stride + 1 || outWidth != (width - size) / stride + 1) {
            throw new IllegalArgumentException("pooling output " + outHeight + "x" + outWidth + " is not "
                    + ((height - size) / stride + 1) + "x" + ((width - size) / stride + 1));
        }
        MatrixShapes.requireElements("a pooled image", (long) height * width, channels);
    }

    /**
     * The geometry of a pooling.
     *
     * @param height input rows
     * @param width input columns
     * @param channels channels
     * @param size window size
     * @param stride stride
     * @return the geometry
     * @throws IllegalArgumentException if the window is larger than the image, naming the sizes
     */
    public static PoolGeometry of(int height, int width, int channels, int size, int stride) {
        if (size < 1 || stride < 1) {
            throw new IllegalArgumentException("pooling window and stride must be at least 1, got " + size + " and "
                    + stride);
        }
        return new PoolGeometry(height, width, channels, size, stride, Math.max(0, height - size) / stride + 1,
                Math.max(0, width - size) / stride + 1);
    }

    /**
     * Values per input image.
     *
     * @return {@code height * width * channels}
     */
    public int imageSize() {
        return height * width * channels;
    }

    /**
     * Values per output image.
     *
     * @return {@code outHeight * outWidth * channels}
     */
    public int outputSize() {
        return outHeight * outWidth * channels;
    }

    /**
     * The reference max-pooling. Output value {@code ((b * outHeight + oy) * outWidth + ox) * channels + c} is the
     * largest of its window, scanned row by row; the first maximum wins a tie, a NaN wins over any number (the
     * first NaN), and a window of -Infinity gives -Infinity. {@code argmax} receives the index into
     * {@code input} (counted from the batch's first value) of the value chosen.
     *
     * @param input {@code batch * imageSize()} values
     * @param batch images
     * @param output written, {@code batch * outputSize()} values
     * @param argmax written, one index per output value
     */
    public void forward(double[] input, int batch, double[] output, int[] argmax) {
        forward(input, 0, batch, output, argmax);
    }

    /**
     * {@link #forward} of images {@code from} to {@code to - 1} only; images are independent, so ranges may run in
     * parallel.
     *
     * @param input the whole batch
     * @param from the first image
     * @param to one past the last image
     * @param output the whole batch's output; only the range's values are written
     * @param argmax the whole batch's indices; only the range's are written
     */
    public void forward(double[] input, int from, int to, double[] output, int[] argmax) {
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    for (int c = 0; c < channels; c++) {
                        int best = ((b * height + oy * stride) * width + ox * stride) * channels + c;
                        for (int ky = 0; ky < size; ky++) {
                            for (int kx = 0; kx < size; kx++) {
                                int at = ((b * height + oy * stride + ky) * width + ox * stride + kx) * channels + c;
                                if (wins(input[at], input[best])) {
                                    best = at;
                                }
                            }
                        }
                        int out = ((b * outHeight + oy) * outWidth + ox) * channels + c;
                        output[out] = input[best];
                        argmax[out] = best;
                    }
                }
            }
        }
    }

    /**
     * Whether a value scanned later replaces the best so far: it is larger, or it is the first NaN.
     *
     * @param candidate the later value
     * @param best the best so far
     * @return whether the candidate wins
     */
    public static boolean wins(double candidate, double best) {
        return candidate > best || candidate != candidate && best == best;
    }

    /**
     * The reference backward pass: every input gradient is the sum, in increasing output order, of the output
     * gradients whose {@code argmax} is that input (0 where none is).
     *
     * @param gradOutput {@code batch * outputSize()} values
     * @param argmax the forward pass's indices
     * @param batch images
     * @param gradInput written, {@code batch * imageSize()} values
     */
    public void backward(double[] gradOutput, int[] argmax, int batch, double[] gradInput) {
        java.util.Arrays.fill(gradInput, 0, batch * imageSize(), 0.0);
        for (int o = 0; o < batch * outputSize(); o++) {
            gradInput[argmax[o]] += gradOutput[o];
        }
    }

    /**
     * {@link #backward} of images {@code from} to {@code to - 1} only, for indices that the forward pass wrote
     * (each inside its own image), so ranges may run in parallel.
     *
     * @param gradOutput the whole batch's output gradient
     * @param argmax the forward pass's indices
     * @param from the first image
     * @param to one past the last image
     * @param gradInput the whole batch's input gradient; only the range's images are written
     */
    public void backward(double[] gradOutput, int[] argmax, int from, int to, double[] gradInput) {
        java.util.Arrays.fill(gradInput, from * imageSize(), to * imageSize(), 0.0);
        for (int o = from * outputSize(); o < to * outputSize(); o++) {
            gradInput[argmax[o]] += gradOutput[o];
        }
    }
}
