package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * A {@link DenseProduct} in float32, for fast inference: the weights and biases rounded to float once, each input
 * rounded to float as it is read, and every sum formed in float by fused multiply-adds from the bias, one
 * non-zero input after another in order; the sums are widened to double. A vector holds twice as many floats as
 * doubles and a packed weight takes half the bytes, so this runs about 1.5 times as fast as {@link PackedGemm},
 * at float's precision. Each row's sums depend on that row alone, so one sample gets the same values alone as in
 * a batch. All on the calling thread; the weights are packed on the first call and again only when another array
 * is passed.
 *
 * <pre>{@code
 * DenseProduct product = new Float32Product();
 * product.multiplyAddRow(samples, outputs, inputs, x, false, weights, biases, n);
 * }</pre>
 */
public final class Float32Product implements DenseProduct {
    /** Most columns per packed block: 2 KB of floats per row, as {@link PackedGemm}'s one-thread blocks. */
    private static final int BLOCK = 512;
    /** Block widths are rounded up to this many columns, one vector of floats. */
    private static final int LANES = 16;

    private final SparseRows packedA = new SparseRows();
    private float[][][] packedB = new float[0][][];
    private float[] packedBias = new float[0];
    private float[][] accumulators = new float[0][];
    private double[] packedFrom;
    private int packedWidth;

    @Override
    public void multiplyAddRow(int m, int n, int k, double[] a, boolean rectifyA, double[] b, double[] bias,
            double[] c) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        int width = ((n + blocks - 1) / blocks + LANES - 1) / LANES * LANES;
        packedA.ensureCapacity(m, k);
        for (int i = 0; i < m; i++) {
            packedA.pack(false, rectifyA, a, m, k, i);
        }
        if (packedFrom != b || packedWidth != width || packedB.length < blocks || packedB[0].length < k) {
            packWeights(b, n, k, blocks, width);
        }
        if (packedBias.length < blocks * width) {
            packedBias = new float[blocks * width];
        }
        for (int j = 0; j < n; j++) {
            packedBias[j] = (float) bias[j];
        }
        if (accumulators.length < m || (m > 0 && accumulators[0].length < width)) {
            accumulators = new float[Math.max(m, accumulators.length)][width];
        }
        for (int block = 0; block < blocks; block++) {
            multiplyBlock(block, width, a, m, n, k, c);
        }
    }

    private void packWeights(double[] b, int n, int k, int blocks, int width) {
        packedB = new float[blocks][k][width];
        for (int block = 0; block < blocks; block++) {
            int first = block * width;
            int columns = Math.min(width, n - first);
            for (int p = 0; p < k; p++) {
                float[] row = packedB[block][p];
                for (int j = 0; j < columns; j++) {
                    row[j] = (float) b[p * n + first + j];
                }
            }
        }
        packedFrom = b;
        packedWidth = width;
    }

    /** One column block of {@code C}, {@value SparseRows#DEPTH} packed rows at a time, as in {@link PackedGemm}. */
    private void multiplyBlock(int block, int blockWidth, double[] a, int m, int n, int k, double[] c) {
        int first = block * blockWidth;
        int width = Math.min(blockWidth, n - first);
        float[][] rows = packedB[block];
        for (int i = 0; i < m; i++) {
            System.arraycopy(packedBias, first, accumulators[i], 0, width);
            Arrays.fill(accumulators[i], width, blockWidth, 0f);
        }
        int windows = SparseRows.windowCount(k);
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < m; i++) {
                int[] starts = packedA.windows(i);
                if (starts[w + 1] > starts[w]) {
                    accumulateRow(a, i * k, packedA.positions(i), starts[w], starts[w + 1], rows, accumulators[i],
                            blockWidth);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            float[] sums = accumulators[i];
            for (int j = 0, at = i * n + first; j < width; j++, at++) {
                c[at] = sums[j];
            }
        }
    }

    /** {@code acc[j] = fma(a_p, rows[p][j], acc[j])} for the kept positions {@code p} in order: the hot loop. */
    private static void accumulateRow(double[] a, int first, int[] positions, int from, int to, float[][] rows,
            float[] acc, int width) {
        int q = from;
        for (; q + 3 < to; q += 4) {
            int p0 = positions[q];
            int p1 = positions[q + 1];
            int p2 = positions[q + 2];
            int p3 = positions[q + 3];
            float v0 = (float) a[first + p0];
            float v1 = (float) a[first + p1];
            float v2 = (float) a[first + p2];
            float v3 = (float) a[first + p3];
            float[] b0 = rows[p0];
            float[] b1 = rows[p1];
            float[] b2 = rows[p2];
            float[] b3 = rows[p3];
            for (int j = 0; j < width; j++) {
                acc[j] = Math.fma(v3, b3[j], Math.fma(v2, b2[j], Math.fma(v1, b1[j], Math.fma(v0, b0[j], acc[j]))));
            }
        }
        for (; q < to; q++) {
            int p0 = positions[q];
            float v = (float) a[first + p0];
            float[] b0 = rows[p0];
            for (int j = 0; j < width; j++) {
                acc[j] = Math.fma(v, b0[j], acc[j]);
            }
        }
    }
}
