package io.github.mnistnn.internal.cpu;

/**
 * A {@link DenseProduct} in float32, for fast inference: the layer's weights and biases rounded to float once
 * ({@link Float32Weights}, shared), each input rounded to float as it is read, and every sum formed in float by
 * fused multiply-adds from the bias, one non-zero input after another in order; the sums are widened to double.
 * A vector holds twice as many floats as doubles and a weight takes half the bytes, so this runs about 1.6 times
 * as fast as {@link PackedGemm}, at float's precision. Each row's sums depend on that row alone, so a sample gets
 * the same values alone as in a batch. On the calling thread; an instance keeps its buffers (they only grow) and
 * is not thread-safe.
 *
 * <pre>{@code
 * DenseProduct product = new Float32Product(Float32Weights.of(inputs, outputs, flatWeights, biases));
 * product.multiplyAddRow(samples, x, false, n);
 * }</pre>
 */
public final class Float32Product implements DenseProduct {
    private final Float32Weights weights;
    private final SparseRows packedA = SparseRows.wholeRows();
    private float[][] accumulators = new float[0][];

    /**
     * A product with a layer's packed weights.
     *
     * @param weights the packed layer, shared
     */
    public Float32Product(Float32Weights weights) {
        this.weights = weights;
    }

    @Override
    public void multiplyAddRow(int m, double[] a, boolean rectifyA, double[] c) {
        int k = weights.inputs;
        packedA.ensureCapacity(m, k);
        for (int i = 0; i < m; i++) {
            packedA.pack(false, rectifyA, a, m, k, i);
        }
        if (accumulators.length < m) {
            accumulators = new float[m][weights.width];
        }
        for (int block = 0; block < weights.blocks; block++) {
            multiplyBlock(block, a, m, c);
        }
    }

    /** One column block of {@code C}, each row in one pass over its kept positions ({@link SparseRows#wholeRows()}). */
    private void multiplyBlock(int block, double[] a, int m, double[] c) {
        int k = weights.inputs;
        int n = weights.outputs;
        int blockWidth = weights.width;
        int first = block * blockWidth;
        int width = Math.min(blockWidth, n - first);
        float[][] rows = weights.rows[block];
        for (int i = 0; i < m; i++) {
            System.arraycopy(weights.bias, first, accumulators[i], 0, blockWidth);
        }
        int windows = packedA.windowCount(k);
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
