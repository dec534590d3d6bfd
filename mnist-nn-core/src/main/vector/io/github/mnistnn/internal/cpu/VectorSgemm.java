package io.github.mnistnn.internal.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sgemm} through {@code jdk.incubator.vector}, after {@link VectorGemm}: a register-blocked micro-kernel
 * ({@link SgemmTile}, shaped for the processor's register file) keeps a tile of {@code C} in vectors of
 * {@link FloatLanes} and adds one rank-one update per entry of {@code k} with fused multiply-adds. {@code op(B)} is
 * packed into zero-padded panels as wide as the tile, so the kernel reads it in order; {@code op(A)} is read where it
 * lies, either transposed or not, so all four transpose cases run here, except that the stretches of a long transposed
 * product (a convolution's weight gradient, {@code columns^T delta}) are transposed block by block first
 * ({@link TransposedStretch}), where reading the columns of {@code A} would take a cache line per entry, or, with
 * {@code B} not transposed, whole blocks and 32 vector registers, summed from rows of both ({@link OuterStretch}).
 * Each tile is summed in registers, spilled once into the lane's tile buffer and stored from there. Every entry of
 * {@code C} is one chain of fused multiply-adds in increasing {@code k} (within each stretch of a
 * {@linkplain Sgemm#splitsK split} product), whatever the thread count and the tile shape. Compiled only with
 * {@code --add-modules jdk.incubator.vector}; {@link VectorKernels} decides whether it is used.
 *
 * <pre>{@code
 * Sgemm gemm = VectorKernels.sgemm();
 * gemm.multiply(false, false, 6272, 128, 576, 1f, columns, kernel, 0f, out);
 * }</pre>
 */
final class VectorSgemm implements Sgemm {
    private static final VectorSpecies<Float> SPECIES = FloatLanes.SPECIES;
    private static final int LANES = FloatLanes.LANES;
    /** Fewer floats of {@code op(B)} than this are packed on the calling thread alone. */
    private static final long PACK_SERIAL = 1 << 18;

    /** The micro-kernel, and with it the width of the packed panels. */
    private final SgemmTile shape;
    /** Rows of {@code C} a worker takes at a time: whole tiles, about {@value Sgemm#ROWS_PER_UNIT}. */
    private final int unitRows;
    private float[] packedB = new float[0];
    /** Where {@link #packedB}'s cache lines begin: the panels start there. */
    private final CacheLines.Tracker lines;
    private float[][] partials = new float[PARTS][0];
    private final float[][] tiles;
    /** Each lane's block of a transposed {@code op(A)} ({@link TransposedStretch}); each only grows. */
    private final float[][] blocks = new float[PARTS][0];
    /** Each lane's {@code C^T} of {@link OuterStretch}; each only grows. */
    private final float[][] outers = new float[PARTS][0];

    /**
     * A product; refused where 256-bit vectors are not native (the kernels would be emulated, far slower than
     * the loops).
     *
     * @throws UnsupportedOperationException if the preferred vector is narrower than 256 bits
     */
    VectorSgemm() {
        this(SgemmTile.forThisMachine());
    }

    /**
     * A product with the given micro-kernel (tests run both on one machine).
     *
     * @param shape the tile shape
     * @throws UnsupportedOperationException if the preferred vector is narrower than 256 bits
     */
    VectorSgemm(SgemmTile shape) {
        this(shape, new CacheLines.Tracker(new VectorCacheLines()));
    }

    /**
     * A product with the given micro-kernel whose packed panels start where {@code lines} says (tests put them off
     * the cache lines).
     *
     * @param shape the tile shape
     * @param lines where the panels start
     * @throws UnsupportedOperationException if the preferred vector is narrower than 256 bits
     */
    VectorSgemm(SgemmTile shape, CacheLines.Tracker lines) {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < SPECIES.vectorBitSize()) {
            throw new UnsupportedOperationException("the preferred vector has "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits, fewer than 256");
        }
        this.shape = shape;
        this.lines = lines;
        this.unitRows = ROWS_PER_UNIT / shape.rows() * shape.rows();
        this.tiles = new float[PARTS][shape.rows() * shape.columns()];
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
            float beta, float[] c) {
        boolean split = Sgemm.splitsK(m, n, k);
        // The outer stretches read B in place; every other product reads it packed.
        boolean outer = split && transA && !transB && OuterStretch.fits(shape, m, n);
        int nr = shape.columns();
        int panels = (n + nr - 1) / nr;
        if (!outer && packedB.length < panels * k * nr + CacheLines.SLACK) {
            packedB = new float[panels * k * nr + CacheLines.SLACK];
        }
        float[] pb = packedB;
        int origin = outer ? 0 : lines.start(pb, 0);
        if (!outer) {
            pack(transB, b, n, k, nr, pb, origin);
        }
        // Entry (i, p) of op(A) is a[i * rowStride + p * depthStride].
        int rowStride = transA ? 1 : k;
        int depthStride = transA ? m : 1;
        float[][] spill = tiles;
        if (split) {
            // The lanes sumStretches runs on, each with its buffers.
            int lanes = Sgemm.lanes(PARTS, m, n, k);
            if (outer) {
                for (int lane = 0; lane < lanes; lane++) {
                    if (outers[lane].length < m * n) {
                        outers[lane] = new float[m * n];
                    }
                }
            }
            boolean transposed = !outer && transA && TransposedStretch.fits(m);
            if (transposed) {
                for (int lane = 0; lane < lanes; lane++) {
                    if (blocks[lane].length < TransposedStretch.blockSize(m)) {
                        blocks[lane] = new float[TransposedStretch.blockSize(m)];
                    }
                }
            }
            float[][] block = blocks;
            partials = Sgemm.sumStretches(partials, m, n, k, alpha, beta, c, (lane, from, to, partial) -> {
                if (outer) {
                    OuterStretch.sum(a, m, from, to, b, n, partial, outers[lane]);
                } else if (transposed) {
                    TransposedStretch.sum(shape, a, m, from, to, pb, origin, k, n, partial, spill[lane],
                            block[lane]);
                } else {
                    rows(shape, a, rowStride, depthStride, 0, m, from, to, pb, origin, k, n, 1f, 0f, partial,
                            spill[lane]);
                }
            });
            return;
        }
        int units = (m + unitRows - 1) / unitRows;
        int lanes = Sgemm.lanes(units, m, n, k);
        CpuWorkers.forEach(lanes, lane -> {
            for (int unit = lane; unit < units; unit += lanes) {
                int first = unit * unitRows;
                rows(shape, a, rowStride, depthStride, first, Math.min(m, first + unitRows), 0, k, pb, origin, k, n,
                        alpha, beta, c, spill[lane]);
            }
        });
    }

    /**
     * Rows {@code [first, end)} of {@code out = alpha op(A) op(B) + beta out} over the entries {@code [from, to)} of
     * {@code k}: panel by panel, so a panel stays in cache while the rows' tiles pass over it; the panels start at
     * {@code pb[origin]}.
     */
    private static void rows(SgemmTile shape, float[] a, int rowStride, int depthStride, int first, int end,
            int from, int to, float[] pb, int origin, int k, int n, float alpha, float beta, float[] out,
            float[] tile) {
        int mr = shape.rows();
        int nr = shape.columns();
        int panels = (n + nr - 1) / nr;
        for (int panel = 0; panel < panels; panel++) {
            int j0 = panel * nr;
            int width = Math.min(nr, n - j0);
            int at = origin + panel * k * nr + from * nr;
            for (int i = first; i < end; i += mr) {
                int rows = Math.min(mr, end - i);
                int start = i * rowStride + from * depthStride;
                if (rows == mr) {
                    shape.tile(a, start, rowStride, depthStride, to - from, pb, at, tile, false);
                } else {
                    for (int r = 0; r < rows; r++) {
                        shape.row(a, start + r * rowStride, depthStride, to - from, pb, at, tile, r * nr, false);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    store(tile, r * nr, width, alpha, beta, out, (i + r) * n + j0);
                }
            }
        }
    }

    /**
     * Packs {@code op(B)} ({@code k x n}) into panels of {@code nr} columns, each {@code k x nr}, padded with
     * zeros, from {@code out[origin]}; in stretches of {@code k} on the workers where it holds {@value #PACK_SERIAL}
     * floats or more (a convolution's weight gradient packs its whole {@code delta}, {@code 25088 x 64}, which on the
     * calling thread alone held the other core idle).
     */
    static void pack(boolean transB, float[] b, int n, int k, int nr, float[] out, int origin) {
        Sgemm.inStretches(n, k, PACK_SERIAL, (first, end) -> pack(transB, b, n, k, nr, first, end, out, origin));
    }

    /** Packs rows {@code [first, end)} of {@code op(B)} into their places in every panel. */
    private static void pack(boolean transB, float[] b, int n, int k, int nr, int first, int end, float[] out,
            int origin) {
        int panels = (n + nr - 1) / nr;
        for (int panel = 0; panel < panels; panel++) {
            int j0 = panel * nr;
            int width = Math.min(nr, n - j0);
            for (int p = first, at = origin + (panel * k + first) * nr; p < end; p++, at += nr) {
                if (transB) {
                    for (int j = 0; j < width; j++) {
                        out[at + j] = b[(j0 + j) * k + p];
                    }
                } else {
                    System.arraycopy(b, p * n + j0, out, at, width);
                }
                if (width < nr) {
                    Arrays.fill(out, at + width, at + nr, 0f);
                }
            }
        }
    }

    /**
     * {@code out[at ..] = alpha sum + beta out} for the {@code width} columns of one tile row, the sums read from
     * {@code tile} at {@code from}; a whole row by vectors, rounded as the scalar {@link Sgemm#storeRow} rounds.
     */
    static void store(float[] tile, int from, int width, float alpha, float beta, float[] out, int at) {
        if (width % LANES != 0) {
            Sgemm.storeRow(tile, from, width, alpha, beta, out, at);
            return;
        }
        for (int j = 0; j < width; j += LANES) {
            FloatVector scaled = FloatVector.fromArray(SPECIES, tile, from + j).mul(alpha);
            if (beta != 0) {
                scaled = scaled.add(FloatVector.fromArray(SPECIES, out, at + j).mul(beta));
            }
            scaled.intoArray(out, at + j);
        }
    }
}
