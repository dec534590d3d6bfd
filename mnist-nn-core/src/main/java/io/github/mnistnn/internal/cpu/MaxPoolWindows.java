package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.PoolGeometry;

/**
 * The max-pooling forward pass of both CPU backends on the images {@code from} to {@code to - 1} of a batch, with
 * the exact result of the SPI's reference {@link PoolGeometry#forward}: each window scanned row by row, the first
 * maximum winning a tie and the first NaN winning over everything ({@link PoolGeometry#wins}), its value and the
 * index of the input it came from written. Images are independent, so ranges may run in parallel. Implementations
 * keep no state between calls and are safe to share between threads.
 *
 * <pre>{@code
 * MaxPoolWindows pool = MaxPoolWindows.create();
 * pool.forward(PoolGeometry.of(28, 28, 32, 2, 2), input, 0, 128, output, argmax);
 * }</pre>
 */
interface MaxPoolWindows {
    /**
     * The fastest implementation this JVM runs: {@link VectorKernels#maxPool()} where the Vector API kernels are
     * enabled, {@link LoopMaxPool} otherwise.
     *
     * @return the pooling
     */
    static MaxPoolWindows create() {
        return VectorKernels.enabled() ? VectorKernels.maxPool() : new LoopMaxPool();
    }

    /**
     * Pools images {@code from} to {@code to - 1}, channels last.
     *
     * @param g the geometry
     * @param input the whole batch
     * @param from the first image
     * @param to one past the last image
     * @param output the whole batch's output; only the range's values are written
     * @param argmax the whole batch's indices into {@code input}; only the range's are written
     */
    void forward(PoolGeometry g, double[] input, int from, int to, double[] output, int[] argmax);

    /**
     * {@link #forward(PoolGeometry, double[], int, int, double[], int[])} on floats.
     *
     * @param g the geometry
     * @param input the whole batch
     * @param from the first image
     * @param to one past the last image
     * @param output the whole batch's output; only the range's values are written
     * @param argmax the whole batch's indices into {@code input}; only the range's are written
     */
    void forward(PoolGeometry g, float[] input, int from, int to, float[] output, int[] argmax);
}
