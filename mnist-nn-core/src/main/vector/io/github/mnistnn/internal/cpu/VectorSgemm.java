package io.github.mnistnn.internal.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sgemm} through {@code jdk.incubator.vector}, after {@link VectorGemm}: a register-blocked micro-kernel keeps
 * a tile of {@value #MR} rows by {@value #NR} columns of {@code C} in sixteen 256-bit registers of eight floats and
 * adds one rank-one update per entry of {@code k} with fused multiply-adds. {@code op(B)} is packed into zero-padded
 * panels of {@value #NR} columns, so the kernel reads it in order; {@code op(A)} is read where it lies, either
 * transposed or not, so all four transpose cases run here, except that the stretches of a long transposed
 * product (a convolution's weight gradient, {@code columns^T delta}) are transposed block by block first
 * ({@link TransposedStretch}), where reading the columns of {@code A} would take a cache line per entry, or, with
 * {@code B} not transposed and whole blocks, summed from rows of both ({@link OuterStretch}). Each tile is summed
 * in registers, spilled once into the lane's tile buffer and stored from there. Every entry of {@code C} is one
 * chain of fused multiply-adds in increasing {@code k} (within each stretch of a {@linkplain Sgemm#splitsK split}
 * product), whatever the thread count. Compiled only with {@code --add-modules jdk.incubator.vector}; {@link VectorKernels} decides whether it is
 * used.
 *
 * <pre>{@code
 * Sgemm gemm = VectorKernels.sgemm();
 * gemm.multiply(false, false, 6272, 128, 576, 1f, columns, kernel, 0f, out);
 * }</pre>
 */
final class VectorSgemm implements Sgemm {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    /** Rows of a tile of {@code C}. */
    static final int MR = 4;
    /** Columns of a tile of {@code C}: four vectors. */
    static final int NR = 32;

    private float[] packedB = new float[0];
    private float[][] partials = new float[PARTS][0];
    private final float[][] tiles = new float[PARTS][MR * NR];
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
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < SPECIES.vectorBitSize()) {
            throw new UnsupportedOperationException("the preferred vector has "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits, fewer than 256");
        }
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
            float beta, float[] c) {
        boolean split = Sgemm.splitsK(m, n, k);
        // The outer stretches read B in place; every other product reads it packed.
        boolean outer = split && transA && !transB && OuterStretch.fits(m, n);
        int panels = (n + NR - 1) / NR;
        if (!outer && packedB.length < panels * k * NR) {
            packedB = new float[panels * k * NR];
        }
        float[] pb = packedB;
        if (!outer) {
            pack(transB, b, n, k, pb);
        }
        // Entry (i, p) of op(A) is a[i * rowStride + p * depthStride].
        int rowStride = transA ? 1 : k;
        int depthStride = transA ? m : 1;
        float[][] spill = tiles;
        if (split) {
            if (partials[0].length < m * n) {
                partials = new float[PARTS][m * n];
            }
            float[][] partial = partials;
            int stretch = (k + PARTS - 1) / PARTS;
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
            CpuWorkers.forEach(lanes, lane -> {
                for (int part = lane; part < PARTS; part += lanes) {
                    int from = Math.min(k, part * stretch);
                    int to = Math.min(k, from + stretch);
                    if (outer) {
                        OuterStretch.sum(a, m, from, to, b, n, partial[part], outers[lane]);
                    } else if (transposed) {
                        TransposedStretch.sum(a, m, from, to, pb, k, n, partial[part], spill[lane], block[lane]);
                    } else {
                        rows(a, rowStride, depthStride, 0, m, from, to, pb, k, n, 1f, 0f, partial[part],
                                spill[lane]);
                    }
                }
            });
            Sgemm.addPartials(partial, m * n, alpha, beta, c);
            return;
        }
        int units = (m + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
        int lanes = Sgemm.lanes(units, m, n, k);
        CpuWorkers.forEach(lanes, lane -> {
            for (int unit = lane; unit < units; unit += lanes) {
                int first = unit * ROWS_PER_UNIT;
                rows(a, rowStride, depthStride, first, Math.min(m, first + ROWS_PER_UNIT), 0, k, pb, k, n, alpha,
                        beta, c, spill[lane]);
            }
        });
    }

    /**
     * Rows {@code [first, end)} of {@code out = alpha op(A) op(B) + beta out} over the entries {@code [from, to)} of
     * {@code k}: panel by panel, so a panel stays in cache while the rows' tiles pass over it.
     */
    private static void rows(float[] a, int rowStride, int depthStride, int first, int end, int from, int to,
            float[] pb, int k, int n, float alpha, float beta, float[] out, float[] tile) {
        int panels = (n + NR - 1) / NR;
        for (int panel = 0; panel < panels; panel++) {
            int j0 = panel * NR;
            int width = Math.min(NR, n - j0);
            int at = panel * k * NR + from * NR;
            for (int i = first; i < end; i += MR) {
                int rows = Math.min(MR, end - i);
                int start = i * rowStride + from * depthStride;
                if (rows == MR) {
                    tile(a, start, rowStride, depthStride, to - from, pb, at, tile, false);
                } else {
                    for (int r = 0; r < rows; r++) {
                        row(a, start + r * rowStride, depthStride, to - from, pb, at, tile, r * NR, false);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    store(tile, r * NR, width, alpha, beta, out, (i + r) * n + j0);
                }
            }
        }
    }

    /**
     * Packs {@code op(B)} ({@code k x n}) into panels of {@value #NR} columns, each {@code k x NR}, padded with
     * zeros.
     */
    private static void pack(boolean transB, float[] b, int n, int k, float[] out) {
        int panels = (n + NR - 1) / NR;
        for (int panel = 0; panel < panels; panel++) {
            int j0 = panel * NR;
            int width = Math.min(NR, n - j0);
            for (int p = 0, at = panel * k * NR; p < k; p++, at += NR) {
                if (transB) {
                    for (int j = 0; j < width; j++) {
                        out[at + j] = b[(j0 + j) * k + p];
                    }
                } else {
                    System.arraycopy(b, p * n + j0, out, at, width);
                }
                if (width < NR) {
                    Arrays.fill(out, at + width, at + NR, 0f);
                }
            }
        }
    }

    /** A tile's sums before its first product: zeros, or the values in {@code tile} where a chain resumes. */
    private static FloatVector start(float[] tile, int at, boolean resume) {
        return resume ? FloatVector.fromArray(SPECIES, tile, at) : FloatVector.zero(SPECIES);
    }

    /**
     * One {@value #MR} x {@value #NR} tile over {@code depth} entries of {@code k}: rows of {@code op(A)} from
     * {@code start}, {@code rowStride} apart, times the packed panel from {@code at}, into {@code tile}; with
     * {@code resume} the fused multiply-adds go on from the sums already in {@code tile}.
     */
    static void tile(float[] a, int start, int rowStride, int depthStride, int depth, float[] pb, int at,
            float[] tile, boolean resume) {
        FloatVector c00 = start(tile, 0, resume);
        FloatVector c01 = start(tile, LANES, resume);
        FloatVector c02 = start(tile, 2 * LANES, resume);
        FloatVector c03 = start(tile, 3 * LANES, resume);
        FloatVector c10 = start(tile, NR, resume);
        FloatVector c11 = start(tile, NR + LANES, resume);
        FloatVector c12 = start(tile, NR + 2 * LANES, resume);
        FloatVector c13 = start(tile, NR + 3 * LANES, resume);
        FloatVector c20 = start(tile, 2 * NR, resume);
        FloatVector c21 = start(tile, 2 * NR + LANES, resume);
        FloatVector c22 = start(tile, 2 * NR + 2 * LANES, resume);
        FloatVector c23 = start(tile, 2 * NR + 3 * LANES, resume);
        FloatVector c30 = start(tile, 3 * NR, resume);
        FloatVector c31 = start(tile, 3 * NR + LANES, resume);
        FloatVector c32 = start(tile, 3 * NR + 2 * LANES, resume);
        FloatVector c33 = start(tile, 3 * NR + 3 * LANES, resume);
        for (int p = 0, q = start, x = at; p < depth; p++, q += depthStride, x += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, x);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, x + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, pb, x + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, pb, x + 3 * LANES);
            FloatVector v = FloatVector.broadcast(SPECIES, a[q]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            c02 = v.fma(b2, c02);
            c03 = v.fma(b3, c03);
            v = FloatVector.broadcast(SPECIES, a[q + rowStride]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            c12 = v.fma(b2, c12);
            c13 = v.fma(b3, c13);
            v = FloatVector.broadcast(SPECIES, a[q + 2 * rowStride]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            c22 = v.fma(b2, c22);
            c23 = v.fma(b3, c23);
            v = FloatVector.broadcast(SPECIES, a[q + 3 * rowStride]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            c32 = v.fma(b2, c32);
            c33 = v.fma(b3, c33);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c03.intoArray(tile, 3 * LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c12.intoArray(tile, NR + 2 * LANES);
        c13.intoArray(tile, NR + 3 * LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c22.intoArray(tile, 2 * NR + 2 * LANES);
        c23.intoArray(tile, 2 * NR + 3 * LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        c32.intoArray(tile, 3 * NR + 2 * LANES);
        c33.intoArray(tile, 3 * NR + 3 * LANES);
    }

    /** One row of a tile (the last rows of {@code C}), into {@code tile} from {@code into}; as {@link #tile}. */
    static void row(float[] a, int start, int depthStride, int depth, float[] pb, int at, float[] tile,
            int into, boolean resume) {
        FloatVector c0 = start(tile, into, resume);
        FloatVector c1 = start(tile, into + LANES, resume);
        FloatVector c2 = start(tile, into + 2 * LANES, resume);
        FloatVector c3 = start(tile, into + 3 * LANES, resume);
        for (int p = 0, q = start, x = at; p < depth; p++, q += depthStride, x += NR) {
            FloatVector v = FloatVector.broadcast(SPECIES, a[q]);
            c0 = v.fma(FloatVector.fromArray(SPECIES, pb, x), c0);
            c1 = v.fma(FloatVector.fromArray(SPECIES, pb, x + LANES), c1);
            c2 = v.fma(FloatVector.fromArray(SPECIES, pb, x + 2 * LANES), c2);
            c3 = v.fma(FloatVector.fromArray(SPECIES, pb, x + 3 * LANES), c3);
        }
        c0.intoArray(tile, into);
        c1.intoArray(tile, into + LANES);
        c2.intoArray(tile, into + 2 * LANES);
        c3.intoArray(tile, into + 3 * LANES);
    }

    /**
     * {@code out[at ..] = alpha sum + beta out} for the {@code width} columns of one tile row, the sums read from
     * {@code tile} at {@code from}; a whole row by vectors, rounded as the scalar {@link Sgemm#storeRow} rounds.
     */
    private static void store(float[] tile, int from, int width, float alpha, float beta, float[] out, int at) {
        if (width < NR) {
            Sgemm.storeRow(tile, from, width, alpha, beta, out, at);
            return;
        }
        for (int j = 0; j < NR; j += LANES) {
            FloatVector scaled = FloatVector.fromArray(SPECIES, tile, from + j).mul(alpha);
            if (beta != 0) {
                scaled = scaled.add(FloatVector.fromArray(SPECIES, out, at + j).mul(beta));
            }
            scaled.intoArray(out, at + j);
        }
    }
}
