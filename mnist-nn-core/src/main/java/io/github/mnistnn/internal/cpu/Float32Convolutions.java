package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.PoolGeometry;

/**
 * The convolution and pooling primitives of {@link Float32CpuBackend}: the SPI's host references
 * ({@link ConvGeometry#im2col}, {@link ConvGeometry#col2im}, {@link PoolGeometry#backward}) loop for loop on
 * {@code float[]}, and the pooling forward pass through the backend's {@link MaxPoolWindows}, run on ranges of the
 * batch's images over {@link CpuWorkers} as {@link CpuConvolutions} runs them; images are independent, so the split
 * gives the serial results. Pooling decides with {@link PoolGeometry#wins} (the first maximum wins a tie, the first
 * NaN wins), and col2im sums in float in increasing row order.
 *
 * <pre>{@code
 * Float32Convolutions.im2col(geometry, batch, images, cols);
 * }</pre>
 */
final class Float32Convolutions {
    private Float32Convolutions() {
    }

    static void im2col(ConvGeometry g, int batch, float[] images, float[] cols) {
        CpuConvolutions.inParallel(batch, (from, to) -> im2col(g, images, from, to, cols));
    }

    static void col2im(ConvGeometry g, int batch, float[] cols, float[] images) {
        CpuConvolutions.inParallel(batch, (from, to) -> col2im(g, cols, from, to, images));
    }

    static void maxPool(MaxPoolWindows pool, PoolGeometry g, int batch, float[] input, int[] argmax,
            float[] output) {
        CpuConvolutions.inParallel(batch, (from, to) -> pool.forward(g, input, from, to, output, argmax));
    }

    /** Refuses an index outside the batch, or outside the image its window pools, before any work. */
    static void maxPoolBackward(PoolGeometry g, int batch, float[] gradOutput, int[] argmax, float[] gradInput) {
        CpuConvolutions.requireArgmaxInItsImage(g, batch, argmax);
        int size = g.imageSize();
        int perImage = g.outputSize();
        CpuConvolutions.inParallel(batch, (from, to) -> {
            java.util.Arrays.fill(gradInput, from * size, to * size, 0f);
            for (int o = from * perImage; o < to * perImage; o++) {
                gradInput[argmax[o]] += gradOutput[o];
            }
        });
    }

    private static void im2col(ConvGeometry g, float[] images, int from, int to, float[] cols) {
        int cw = g.columnWidth();
        int kernel = g.kernel();
        int channels = g.channels();
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int row = ((b * g.outHeight() + oy) * g.outWidth() + ox) * cw;
                    for (int ky = 0; ky < kernel; ky++) {
                        int iy = oy * g.stride() - g.padTop() + ky;
                        for (int kx = 0; kx < kernel; kx++) {
                            int ix = ox * g.stride() - g.padLeft() + kx;
                            int dst = row + (ky * kernel + kx) * channels;
                            if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                                System.arraycopy(images, ((b * g.height() + iy) * g.width() + ix) * channels, cols,
                                        dst, channels);
                            } else {
                                java.util.Arrays.fill(cols, dst, dst + channels, 0f);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void col2im(ConvGeometry g, float[] cols, int from, int to, float[] images) {
        java.util.Arrays.fill(images, from * g.imageSize(), to * g.imageSize(), 0f);
        int cw = g.columnWidth();
        int kernel = g.kernel();
        int channels = g.channels();
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int row = ((b * g.outHeight() + oy) * g.outWidth() + ox) * cw;
                    for (int ky = 0; ky < kernel; ky++) {
                        int iy = oy * g.stride() - g.padTop() + ky;
                        for (int kx = 0; kx < kernel; kx++) {
                            int ix = ox * g.stride() - g.padLeft() + kx;
                            if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                                int src = row + (ky * kernel + kx) * channels;
                                int dst = ((b * g.height() + iy) * g.width() + ix) * channels;
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
