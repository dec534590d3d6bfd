package io.github.mnistnn.internal.cpu;

/**
 * A {@link DenseProduct} in float32, for fast inference: the layer's weights and biases rounded to float once and
 * packed in panels of {@value Float32Weights#PANEL} columns ({@link Float32Weights}, shared), each kept input
 * rounded to float once, and every sum formed in float by fused multiply-adds from the bias, one kept input after
 * another in order; the sums are widened to double. The samples go in units of {@value #UNIT}: each lists its kept
 * inputs once, then, panel by panel and block by block of {@value #DEPTH} inputs, every sample of the unit adds the
 * panel rows its inputs select ({@link Float32OnlineLoops#addPanelRows}, the Vector API's registers where they run),
 * so a block of a panel (32 KB) is read from L2 once per unit and from L1 by each of its samples, instead of every
 * weight row being read from L2 once per sample. Every few hundred calls the product checks where the packed
 * weights' cache lines begin ({@link CacheLines.Tracker}) and has them moved onto the lines if they are not
 * ({@link Float32Weights#realign}): whole-vector loads across two lines cost about twice as much. Each row's sums
 * depend on that row alone, so a sample gets the same values alone as in a batch. On the calling thread; an
 * instance sizes its buffers when made and is not thread-safe.
 *
 * <pre>{@code
 * DenseProduct product = new Float32Product(Float32Weights.of(inputs, outputs, flatWeights, biases));
 * product.multiplyAddRow(samples, x, false, n);
 * }</pre>
 */
public final class Float32Product implements DenseProduct {
    /** Samples summed together over each block of a panel. */
    private static final int UNIT = 32;
    /** Inputs in a block: {@value} rows of a panel, 32 KB, stay in L1 while a unit passes over them. */
    private static final int DEPTH = 128;
    private static final int PANEL = Float32Weights.PANEL;

    private final Float32Weights weights;
    private final Float32OnlineLoops loops;
    private final int blocks;
    /** Each sample of a unit lists its kept inputs from {@code r * inputs}: positions and values rounded to float. */
    private final int[] positions;
    private final float[] values;
    /** Sample {@code r}'s listed entries of block {@code b} start at {@code windows[r * (blocks + 1) + b]}. */
    private final int[] windows;
    private final float[] sums = new float[UNIT * PANEL];
    private final CacheLines lines = CacheLines.create();
    private final CacheLines.Tracker tracker = new CacheLines.Tracker(lines);

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
     * @param loops the sums of listed panel rows
     */
    Float32Product(Float32Weights weights, Float32OnlineLoops loops) {
        this.weights = weights;
        this.loops = loops;
        blocks = (weights.inputs + DEPTH - 1) / DEPTH;
        positions = new int[UNIT * weights.inputs];
        values = new float[UNIT * weights.inputs];
        windows = new int[UNIT * (blocks + 1)];
    }

    @Override
    public void multiplyAddRow(int m, double[] a, boolean rectifyA, double[] c) {
        Float32Weights.Layout layout = weights.layout();
        if (tracker.start(layout.packed(), layout.start()) != layout.start()) {
            layout = weights.realign(layout, lines);
        }
        for (int first = 0; first < m; first += UNIT) {
            int rows = Math.min(UNIT, m - first);
            for (int r = 0; r < rows; r++) {
                list(a, (first + r) * weights.inputs, rectifyA, r);
            }
            for (int panel = 0; panel < weights.panels; panel++) {
                multiplyPanel(layout, panel, first, rows, c);
            }
        }
    }

    /** Lists sample {@code r}'s kept inputs, read from {@code a[from]}, block by block. */
    private void list(double[] a, int from, boolean rectify, int r) {
        int k = weights.inputs;
        int count = r * k;
        int w = r * (blocks + 1);
        for (int start = 0; start < k; start += DEPTH, w++) {
            windows[w] = count;
            for (int p = start, stop = Math.min(k, start + DEPTH); p < stop; p++) {
                double x = a[from + p];
                positions[count] = p;
                values[count] = (float) x;
                count += rectify ? SparseRows.positive(x) : SparseRows.nonZero(x);
            }
        }
        windows[w] = count;
    }

    /** One panel's columns of the unit's rows of {@code C}, from {@code first} on. */
    private void multiplyPanel(Float32Weights.Layout layout, int panel, int first, int rows, double[] c) {
        int n = weights.outputs;
        int column = panel * PANEL;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(weights.bias, column, sums, r * PANEL, PANEL);
        }
        float[] packed = layout.packed();
        int base = layout.start() + panel * weights.inputs * PANEL;
        for (int block = 0; block < blocks; block++) {
            for (int r = 0, w = block; r < rows; r++, w += blocks + 1) {
                if (windows[w + 1] > windows[w]) {
                    loops.addPanelRows(values, positions, windows[w], windows[w + 1], packed, base, sums,
                            r * PANEL);
                }
            }
        }
        int width = Math.min(PANEL, n - column);
        for (int r = 0; r < rows; r++) {
            for (int j = 0, s = r * PANEL, at = (first + r) * n + column; j < width; j++) {
                c[at + j] = sums[s + j];
            }
        }
    }
}
