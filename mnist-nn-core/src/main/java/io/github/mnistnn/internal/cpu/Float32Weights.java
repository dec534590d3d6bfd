package io.github.mnistnn.internal.cpu;

/**
 * One dense layer's weights and biases rounded to float32 and packed for {@link Float32Product}: column blocks of
 * at most {@value #BLOCK} values (2 KB per row, rounded up to a multiple of {@value #LANES}), one array per input
 * row. Immutable, so any number of products on any threads share one instance.
 *
 * <pre>{@code
 * Float32Weights packed = Float32Weights.of(inputs, outputs, flatWeights, biases);
 * DenseProduct product = new Float32Product(packed);
 * }</pre>
 */
public final class Float32Weights {
    private static final int BLOCK = 512;
    private static final int LANES = 16;

    final int inputs;
    final int outputs;
    final int width;
    final int blocks;
    /** {@code rows[block][input]}: the block's {@link #width} weights leaving that input, zero-padded. */
    final float[][][] rows;
    /** The biases, zero-padded to {@code blocks * width}. */
    final float[] bias;

    private Float32Weights(int inputs, int outputs, double[] weights, double[] biases) {
        this.inputs = inputs;
        this.outputs = outputs;
        blocks = (outputs + BLOCK - 1) / BLOCK;
        width = ((outputs + blocks - 1) / blocks + LANES - 1) / LANES * LANES;
        rows = new float[blocks][inputs][width];
        bias = new float[blocks * width];
        for (int j = 0; j < outputs; j++) {
            bias[j] = (float) biases[j];
        }
        for (int block = 0; block < blocks; block++) {
            int first = block * width;
            int columns = Math.min(width, outputs - first);
            for (int p = 0; p < inputs; p++) {
                float[] row = rows[block][p];
                for (int j = 0; j < columns; j++) {
                    row[j] = (float) weights[p * outputs + first + j];
                }
            }
        }
    }

    /**
     * Rounds and packs a layer.
     *
     * @param inputs the layer's inputs ({@code k})
     * @param outputs the layer's outputs ({@code n})
     * @param weights row-major {@code inputs x outputs} weights
     * @param biases the {@code outputs} biases
     * @return the packed layer
     */
    public static Float32Weights of(int inputs, int outputs, double[] weights, double[] biases) {
        return new Float32Weights(inputs, outputs, weights, biases);
    }
}
