package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.CpuThreads;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.PoolGeometry;

/**
 * The CPU backend's convolution and pooling primitives: the SPI's host references ({@link ConvGeometry},
 * {@link PoolGeometry}) run on ranges of the batch's images over {@link CpuWorkers}, which gives their exact
 * results since images are independent.
 *
 * <pre>{@code
 * CpuConvolutions.im2col(geometry, batch, images, cols);
 * }</pre>
 */
final class CpuConvolutions {
    private CpuConvolutions() {
    }

    static void im2col(ConvGeometry g, int batch, double[] images, double[] cols) {
        inParallel(batch, (from, to) -> g.im2col(images, from, to, cols));
    }

    static void col2im(ConvGeometry g, int batch, double[] cols, double[] images) {
        inParallel(batch, (from, to) -> g.col2im(cols, from, to, images));
    }

    static void maxPool(MaxPoolWindows pool, PoolGeometry g, int batch, double[] input, int[] argmax,
            double[] output) {
        inParallel(batch, (from, to) -> pool.forward(g, input, from, to, output, argmax));
    }

    /** Refuses an index outside the batch, or outside the image its window pools, before any work. */
    static void maxPoolBackward(PoolGeometry g, int batch, double[] gradOutput, int[] argmax, double[] gradInput) {
        requireArgmaxInItsImage(g, batch, argmax);
        inParallel(batch, (from, to) -> g.backward(gradOutput, argmax, from, to, gradInput));
    }

    /**
     * Refuses, before any work, an argmax index outside the batch's {@code batch} images or outside the image
     * whose window it pools: the one check of both CPU backends' pooling backward.
     */
    static void requireArgmaxInItsImage(PoolGeometry g, int batch, int[] argmax) {
        int size = g.imageSize();
        int perImage = g.outputSize();
        // First a branch-free pass: a - low is in [0, size) exactly when neither it nor size - 1 - (a - low) is
        // negative, so the OR of both over every index is negative exactly when one index is out of its image.
        int outside = 0;
        for (int image = 0, i = 0; image < batch; image++) {
            int low = image * size;
            for (int end = i + perImage; i < end; i++) {
                int offset = argmax[i] - low;
                outside |= offset | (size - 1 - offset);
            }
        }
        if (outside >= 0) {
            return;
        }
        for (int image = 0, i = 0; image < batch; image++) {
            int low = image * size;
            int high = low + size;
            for (int end = i + perImage; i < end; i++) {
                if (argmax[i] < low || argmax[i] >= high) {
                    throw new IllegalArgumentException(argmax[i] < 0 || argmax[i] >= batch * size
                            ? "maxPoolBackward: index " + argmax[i] + " at " + i + " is outside the " + batch * size
                                    + " input values"
                            : "maxPoolBackward: index " + argmax[i] + " at " + i + " is in image "
                                    + argmax[i] / size + ", not in image " + image + ", whose window it pools");
                }
            }
        }
    }

    /** Runs {@code body} on ranges of the batch's images, a few per thread (both CPU backends split so). */
    static void inParallel(int batch, ImageRange body) {
        int parts = Math.min(batch, 4 * CpuThreads.count());
        CpuWorkers.forEach(parts, part -> body.run(part * batch / parts, (part + 1) * batch / parts));
    }

    /** Work on the images {@code from} to {@code to - 1} of a batch. */
    interface ImageRange {
        void run(int from, int to);
    }
}
