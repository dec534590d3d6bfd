package io.github.mnistnn.internal.cpu;

/**
 * A {@link DenseProduct} in float32, for fast inference: the layer's weights and biases rounded to float once
 * ({@link Float32Weights}, shared), each kept input rounded to float once, and every sum formed in float by fused
 * multiply-adds from the bias, one non-zero input after another in order ({@link Float32OnlineLoops#addRows}, the
 * Vector API's registers where they run); the sums are widened to double.
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
    private final Float32OnlineLoops loops;
    private final SparseRows packedA = SparseRows.wholeRows();
    private float[][] accumulators = new float[0][];
    /** Each row's kept inputs rounded to float, in the order of its positions. */
    private float[][] values = new float[0][];

    /**
     * A product with a layer's packed weights, summed by the fastest loops this JVM runs
     * ({@link Float32OnlineLoops#create()}).
     *
     * @param weights the packed layer, shared
     */
    public Float32Product(Float32Weights weights) {
        this(weights, Float32OnlineLoops.create());
    }

    /**
     * A product with a layer's packed weights and the given loops (tests run each implementation).
     *
     * @param weights the packed layer, shared
     * @param loops the sums of listed rows
     */
    Float32Product(Float32Weights weights, Float32OnlineLoops loops) {
        this.weights = weights;
        this.loops = loops;
    }

    @Override
    public void multiplyAddRow(int m, double[] a, boolean rectifyA, double[] c) {
        int k = weights.inputs;
        packedA.ensureCapacity(m, k);
        if (values.length < m || values[0].length < k) {
            values = new float[m][k];
        }
        int windows = packedA.windowCount(k);
        for (int i = 0; i < m; i++) {
            packedA.pack(false, rectifyA, a, m, k, i);
            int[] positions = packedA.positions(i);
            float[] row = values[i];
            for (int q = 0, count = packedA.windows(i)[windows], first = i * k; q < count; q++) {
                row[q] = (float) a[first + positions[q]];
            }
        }
        if (accumulators.length < m) {
            accumulators = new float[m][weights.width];
        }
        for (int block = 0; block < weights.blocks; block++) {
            multiplyBlock(block, m, c);
        }
    }

    /** One column block of {@code C}, each row in one pass over its kept positions ({@link SparseRows#wholeRows()}). */
    private void multiplyBlock(int block, int m, double[] c) {
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
                    loops.addRows(values[i], packedA.positions(i), starts[w], starts[w + 1], rows, accumulators[i],
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
}
