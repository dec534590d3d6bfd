package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.PoolGeometry;

/**
 * {@link MaxPoolWindows} in plain loops: the SPI's reference {@link PoolGeometry#forward} on doubles, and the same
 * loops, one channel at a time, on floats. Every window size and stride; the fallback of {@link VectorKernels}.
 *
 * <pre>{@code
 * new LoopMaxPool().forward(geometry, input, 0, batch, output, argmax);
 * }</pre>
 */
final class LoopMaxPool implements MaxPoolWindows {
    @Override
    public void forward(PoolGeometry g, double[] input, int from, int to, double[] output, int[] argmax) {
        g.forward(input, from, to, output, argmax);
    }

    @Override
    public void forward(PoolGeometry g, float[] input, int from, int to, float[] output, int[] argmax) {
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int out = ((b * g.outHeight() + oy) * g.outWidth() + ox) * g.channels();
                    for (int c = 0; c < g.channels(); c++) {
                        window(g, input, b, oy, ox, c, output, argmax, out + c);
                    }
                }
            }
        }
    }

    /** One channel of one window, as the reference scans it. */
    static void window(PoolGeometry g, float[] input, int b, int oy, int ox, int c, float[] output, int[] argmax,
            int out) {
        int width = g.width();
        int channels = g.channels();
        int top = b * g.height() + oy * g.stride();
        int left = ox * g.stride();
        int best = ((top * width) + left) * channels + c;
        for (int ky = 0; ky < g.size(); ky++) {
            for (int kx = 0; kx < g.size(); kx++) {
                int at = ((top + ky) * width + left + kx) * channels + c;
                if (PoolGeometry.wins(input[at], input[best])) {
                    best = at;
                }
            }
        }
        output[out] = input[best];
        argmax[out] = best;
    }

    /** One channel of one window on doubles, as the reference scans it. */
    static void window(PoolGeometry g, double[] input, int b, int oy, int ox, int c, double[] output, int[] argmax,
            int out) {
        int width = g.width();
        int channels = g.channels();
        int top = b * g.height() + oy * g.stride();
        int left = ox * g.stride();
        int best = ((top * width) + left) * channels + c;
        for (int ky = 0; ky < g.size(); ky++) {
            for (int kx = 0; kx < g.size(); kx++) {
                int at = ((top + ky) * width + left + kx) * channels + c;
                if (PoolGeometry.wins(input[at], input[best])) {
                    best = at;
                }
            }
        }
        output[out] = input[best];
        argmax[out] = best;
    }
}
