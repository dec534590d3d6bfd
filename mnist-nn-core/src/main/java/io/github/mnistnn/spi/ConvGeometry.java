package io.github.mnistnn.spi;

import io.github.mnistnn.Padding;

/**
 * The geometry of a square convolution over images stored channels-last: sample by sample, each image is
 * {@code height x width x channels} values in (row, column, channel) order. {@link #im2col} defines exactly what
 * {@link Backend#im2col} computes and {@link #col2im} what {@link Backend#col2im} computes; the convolution is then
 * one matrix product of the columns with a {@code (kernel * kernel * channels) x filters} weight matrix, whose rows
 * are in (kernel row, kernel column, input channel) order, as Keras stores a kernel.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.of(28, 28, 1, 3, 1, Padding.SAME);   // output 28 x 28
 * double[] cols = new double[g.columnRows(1) * g.columnWidth()];
 * g.im2col(image, 1, cols);
 * }</pre>
 *
 * @param height input rows, at least 1
 * @param width input columns, at least 1
 * @param channels input channels, at least 1
 * @param kernel kernel rows and columns, at least 1
 * @param stride step between windows, at least 1
 * @param padTop zero rows above the image
 * @param padLeft zero columns left of the image
 * @param outHeight output rows, at least 1
 * @param outWidth output columns, at least 1
 */
public record ConvGeometry(int height, int width, int channels, int kernel, int stride, int padTop, int padLeft,
        int outHeight, int outWidth) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if a size is below 1, a padding is negative, or a window would lie wholly
     *     in the padding
     */
    public ConvGeometry {
        if (height < 1 || width < 1 || channels < 1 || kernel < 1 || stride < 1 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("convolution sizes must be at least 1: " + describe(height, width,
                    channels, kernel, stride, outHeight, outWidth));
        }
        if ((long) kernel * kernel > MatrixShapes.MAX_ELEMENTS) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel has more values than one array"
                    + " holds");
        }
        if (padTop < 0 || padLeft < 0 || padTop >= kernel || padLeft >= kernel) {
            throw new IllegalArgumentException("padding " + padTop + "," + padLeft + " must be in [0, kernel "
                    + kernel + ")");
        }
        if ((long) (outHeight - 1) * stride - padTop >= height || (long) (outWidth - 1) * stride - padLeft >= width) {
            throw new IllegalArgumentException("the last window lies outside the image: " + describe(height, width,
                    channels, kernel, stride, outHeight, outWidth));
        }
        MatrixShapes.requireElements("a convolution's columns", (long) outHeight * outWidth,
                (long) kernel * kernel * channels);
    }

    /**
     * The geometry of a convolution with the given padding rule.
     *
     * @param height input rows
     * @param width input columns
     * @param channels input channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding SAME or VALID
     * @return the geometry
     * @throws IllegalArgumentException if the kernel is larger than the (padded) image, naming the sizes
     */
    public static ConvGeometry of(int height, int width, int channels, int kernel, int stride, Padding padding) {
        if (height < 1 || width < 1 || channels < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("convolution sizes must be at least 1: " + height + "x" + width + "x"
                    + channels + ", kernel " + kernel + ", stride " + stride);
        }
        if ((long) kernel * kernel > MatrixShapes.MAX_ELEMENTS) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel has more values than one array"
                    + " holds");
        }
        if (padding == Padding.VALID) {
            if (kernel > height || kernel > width) {
                throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel is larger than the "
                        + height + "x" + width + " image (VALID padding)");
            }
            return new ConvGeometry(height, width, channels, kernel, stride, 0, 0, (height - kernel) / stride + 1,
                    (width - kernel) / stride + 1);
        }
        int outH = (height + stride - 1) / stride;
        int outW = (width + stride - 1) / stride;
        int padH = Math.max(0, (outH - 1) * stride + kernel - height);
        int padW = Math.max(0, (outW - 1) * stride + kernel - width);
        return new ConvGeometry(height, width, channels, kernel, stride, padH / 2, padW / 2, outH, outW);
    }

    private static String describe(int h, int w, int c, int k, int s, int oh, int ow) {
        return h + "x" + w + "x" + c + ", kernel " + k + ", stride " + s + ", output " + oh + "x" + ow;
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
     * Columns of the im2col matrix, the patch length.
     *
     * @return {@code kernel * kernel * channels}
     */
    public int columnWidth() {
        return kernel * kernel * channels;
    }

    /**
     * Output positions per image.
     *
     * @return {@code outHeight * outWidth}
     */
    public int positions() {
        return outHeight * outWidth;
    }

    /**
     * Rows of the im2col matrix for a batch, one per output position.
     *
     * @param batch images
     * @return {@code batch * positions()}
     * @throws IllegalArgumentException if that is more than one array holds
     */
    public int columnRows(int batch) {
        return MatrixShapes.requireElements("im2col rows", batch, positions());
    }

    /**
     * The reference im2col: row {@code (b * outHeight + oy) * outWidth + ox} of {@code cols} holds the window of
     * output position (oy, ox) of image b, in (kernel row, kernel column, channel) order; positions in the padding
     * are 0.
     *
     * @param images {@code batch * imageSize()} values
     * @param batch images
     * @param cols written, {@code columnRows(batch) * columnWidth()} values
     */
    public void im2col(double[] images, int batch, double[] cols) {
        im2col(images, 0, batch, cols);
    }

    /**
     * {@link #im2col} of images {@code from} to {@code to - 1} only (their rows of {@code cols}); images are
     * independent, so ranges may run in parallel.
     *
     * @param images the whole batch
     * @param from the first image
     * @param to one past the last image
     * @param cols the whole batch's columns; only the range's rows are written
     */
    public void im2col(double[] images, int from, int to, double[] cols) {
        int cw = columnWidth();
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    int row = ((b * outHeight + oy) * outWidth + ox) * cw;
                    for (int ky = 0; ky < kernel; ky++) {
                        int iy = oy * stride - padTop + ky;
                        for (int kx = 0; kx < kernel; kx++) {
                            int ix = ox * stride - padLeft + kx;
                            int dst = row + (ky * kernel + kx) * channels;
                            boolean inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                            int src = ((b * height + iy) * width + ix) * channels;
                            for (int c = 0; c < channels; c++) {
                                cols[dst + c] = inside ? images[src + c] : 0;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The reference col2im, the adjoint of {@link #im2col}: every image value is the sum, in increasing row order
     * of {@code cols}, of the column entries that {@link #im2col} copied from it (0 where none did).
     *
     * @param cols {@code columnRows(batch) * columnWidth()} values
     * @param batch images
     * @param images written, {@code batch * imageSize()} values
     */
    public void col2im(double[] cols, int batch, double[] images) {
        col2im(cols, 0, batch, images);
    }

    /**
     * {@link #col2im} of images {@code from} to {@code to - 1} only; images are independent, so ranges may run in
     * parallel.
     *
     * @param cols the whole batch's columns
     * @param from the first image
     * @param to one past the last image
     * @param images the whole batch; only the range's images are written
     */
    public void col2im(double[] cols, int from, int to, double[] images) {
        java.util.Arrays.fill(images, from * imageSize(), to * imageSize(), 0.0);
        int cw = columnWidth();
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    int row = ((b * outHeight + oy) * outWidth + ox) * cw;
                    for (int ky = 0; ky < kernel; ky++) {
                        int iy = oy * stride - padTop + ky;
                        for (int kx = 0; kx < kernel; kx++) {
                            int ix = ox * stride - padLeft + kx;
                            if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                int src = row + (ky * kernel + kx) * channels;
                                int dst = ((b * height + iy) * width + ix) * channels;
                                for (int c = 0; c < channels; c++) {
                                    images[dst + c] += cols[src + c];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
