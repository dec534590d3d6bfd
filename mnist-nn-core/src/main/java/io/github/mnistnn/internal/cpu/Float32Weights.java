package io.github.mnistnn.internal.cpu;

/**
 * One dense layer's weights and biases rounded to float32 and packed for {@link Float32Product}: panels of
 * {@value #PANEL} output columns, each panel's rows (one per input) one after another in one array, the last
 * panel's missing columns zero. The values never change; the array holding them may be replaced by one whose data
 * starts on a cache line ({@link #realign}, when a product finds the lines elsewhere through {@link CacheLines}),
 * published safely, so any number of products on any threads share one instance.
 *
 * <pre>{@code
 * Float32Weights packed = Float32Weights.of(inputs, outputs, flatWeights, biases);
 * DenseProduct product = new Float32Product(packed);
 * }</pre>
 */
public final class Float32Weights {
    /** Columns of a panel: four 512-bit vectors, or eight 256-bit ones. */
    static final int PANEL = 64;

    final int inputs;
    final int outputs;
    final int panels;
    /** The biases, zero-padded to {@code panels * PANEL}. */
    final float[] bias;
    private final int size;
    private volatile Layout layout;

    /**
     * The packed weights: panel {@code q}'s row {@code p} (the weights leaving input {@code p}) from
     * {@code start + (q * inputs + p) * PANEL} in {@code packed}.
     */
    record Layout(float[] packed, int start) {
    }

    private Float32Weights(int inputs, int outputs, double[] weights, double[] biases) {
        this.inputs = inputs;
        this.outputs = outputs;
        panels = (outputs + PANEL - 1) / PANEL;
        long values = (long) panels * inputs * PANEL;
        if (values > Integer.MAX_VALUE - 2 * CacheLines.SLACK) {
            throw new IllegalArgumentException("a layer of " + inputs + " x " + outputs
                    + " weights is too large for float32 inference (at most 2^31 packed values)");
        }
        size = (int) values;
        bias = new float[panels * PANEL];
        for (int j = 0; j < outputs; j++) {
            bias[j] = (float) biases[j];
        }
        // Where the lines fall is found by the products that use the weights, once the timing loop is compiled.
        float[] packed = new float[size + CacheLines.SLACK];
        int start = 0;
        for (int q = 0; q < panels; q++) {
            int first = q * PANEL;
            int columns = Math.min(PANEL, outputs - first);
            for (int p = 0, at = start + q * inputs * PANEL; p < inputs; p++, at += PANEL) {
                for (int j = 0; j < columns; j++) {
                    packed[at + j] = (float) weights[p * outputs + first + j];
                }
            }
        }
        layout = new Layout(packed, start);
    }

    /**
     * Rounds and packs a layer.
     *
     * @param inputs the layer's inputs ({@code k})
     * @param outputs the layer's outputs ({@code n})
     * @param weights row-major {@code inputs x outputs} weights
     * @param biases the {@code outputs} biases
     * @return the packed layer
     * @throws IllegalArgumentException if the packed layer would not fit one array
     */
    public static Float32Weights of(int inputs, int outputs, double[] weights, double[] biases) {
        return new Float32Weights(inputs, outputs, weights, biases);
    }

    /** The packed weights as they are now. */
    Layout layout() {
        return layout;
    }

    /**
     * Moves the packed weights to a new array, starting where {@code lines} finds its first cache line, unless
     * another thread has replaced {@code seen} already or the new array's lines cannot be told.
     *
     * @param seen the layout the caller found misaligned
     * @param lines the timing
     * @return the layout to use now
     */
    synchronized Layout realign(Layout seen, CacheLines lines) {
        if (layout != seen) {
            return layout;
        }
        float[] moved = new float[size + CacheLines.SLACK];
        int start = lines.firstStart(moved);
        if (start != CacheLines.UNKNOWN && start != seen.start()) {
            System.arraycopy(seen.packed(), seen.start(), moved, start, size);
            layout = new Layout(moved, start);
        }
        return layout;
    }
}
