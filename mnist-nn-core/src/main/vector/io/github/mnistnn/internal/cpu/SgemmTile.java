package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of {@link VectorSgemm}, one per register file: a tile of {@link #rows()} rows by
 * {@link #columns()} columns of {@code C} is summed in 256-bit registers of eight floats, one rank-one update per
 * entry of {@code k} with fused multiply-adds, the packed panel of {@code op(B)} read in order and each entry of
 * {@code op(A)} broadcast. {@link #WIDE} keeps sixteen sums, four vectors of a row times four rows, and needs the
 * 32 vector registers of AVX-512; with AVX2's sixteen its sums, operands and broadcast do not fit and spill, so
 * {@link #NARROW} keeps twelve, two vectors of a row times six rows (the shape of BLIS's AVX2 kernel), and reads
 * {@code op(B)} in half the panel width. Each entry of {@code C} is the same chain of fused multiply-adds in
 * increasing {@code k} in both, so both give the same floats. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * SgemmTile shape = SgemmTile.forThisMachine();
 * shape.tile(a, 0, k, 1, k, packedB, 0, tile, false);
 * }</pre>
 */
enum SgemmTile {
    /** Four rows by 32 columns in sixteen registers, for 32 vector registers. */
    WIDE(4, 32) {
        private static final int C = 32;

        @Override
        void tile(float[] a, int start, int rowStride, int depthStride, int depth, float[] pb, int at,
                float[] tile, boolean resume) {
            FloatVector c00 = start(tile, 0, resume);
            FloatVector c01 = start(tile, LANES, resume);
            FloatVector c02 = start(tile, 2 * LANES, resume);
            FloatVector c03 = start(tile, 3 * LANES, resume);
            FloatVector c10 = start(tile, C, resume);
            FloatVector c11 = start(tile, C + LANES, resume);
            FloatVector c12 = start(tile, C + 2 * LANES, resume);
            FloatVector c13 = start(tile, C + 3 * LANES, resume);
            FloatVector c20 = start(tile, 2 * C, resume);
            FloatVector c21 = start(tile, 2 * C + LANES, resume);
            FloatVector c22 = start(tile, 2 * C + 2 * LANES, resume);
            FloatVector c23 = start(tile, 2 * C + 3 * LANES, resume);
            FloatVector c30 = start(tile, 3 * C, resume);
            FloatVector c31 = start(tile, 3 * C + LANES, resume);
            FloatVector c32 = start(tile, 3 * C + 2 * LANES, resume);
            FloatVector c33 = start(tile, 3 * C + 3 * LANES, resume);
            for (int p = 0, q = start, x = at; p < depth; p++, q += depthStride, x += C) {
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
            c10.intoArray(tile, C);
            c11.intoArray(tile, C + LANES);
            c12.intoArray(tile, C + 2 * LANES);
            c13.intoArray(tile, C + 3 * LANES);
            c20.intoArray(tile, 2 * C);
            c21.intoArray(tile, 2 * C + LANES);
            c22.intoArray(tile, 2 * C + 2 * LANES);
            c23.intoArray(tile, 2 * C + 3 * LANES);
            c30.intoArray(tile, 3 * C);
            c31.intoArray(tile, 3 * C + LANES);
            c32.intoArray(tile, 3 * C + 2 * LANES);
            c33.intoArray(tile, 3 * C + 3 * LANES);
        }

        @Override
        void row(float[] a, int start, int depthStride, int depth, float[] pb, int at, float[] tile, int into,
                boolean resume) {
            FloatVector c0 = start(tile, into, resume);
            FloatVector c1 = start(tile, into + LANES, resume);
            FloatVector c2 = start(tile, into + 2 * LANES, resume);
            FloatVector c3 = start(tile, into + 3 * LANES, resume);
            for (int p = 0, q = start, x = at; p < depth; p++, q += depthStride, x += C) {
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
    },
    /** Six rows by 16 columns in twelve registers, for 16 vector registers. */
    NARROW(6, 16) {
        private static final int C = 16;

        @Override
        void tile(float[] a, int start, int rowStride, int depthStride, int depth, float[] pb, int at,
                float[] tile, boolean resume) {
            FloatVector c00 = start(tile, 0, resume);
            FloatVector c01 = start(tile, LANES, resume);
            FloatVector c10 = start(tile, C, resume);
            FloatVector c11 = start(tile, C + LANES, resume);
            FloatVector c20 = start(tile, 2 * C, resume);
            FloatVector c21 = start(tile, 2 * C + LANES, resume);
            FloatVector c30 = start(tile, 3 * C, resume);
            FloatVector c31 = start(tile, 3 * C + LANES, resume);
            FloatVector c40 = start(tile, 4 * C, resume);
            FloatVector c41 = start(tile, 4 * C + LANES, resume);
            FloatVector c50 = start(tile, 5 * C, resume);
            FloatVector c51 = start(tile, 5 * C + LANES, resume);
            for (int p = 0, q = start, x = at; p < depth; p++, q += depthStride, x += C) {
                FloatVector b0 = FloatVector.fromArray(SPECIES, pb, x);
                FloatVector b1 = FloatVector.fromArray(SPECIES, pb, x + LANES);
                FloatVector v = FloatVector.broadcast(SPECIES, a[q]);
                c00 = v.fma(b0, c00);
                c01 = v.fma(b1, c01);
                v = FloatVector.broadcast(SPECIES, a[q + rowStride]);
                c10 = v.fma(b0, c10);
                c11 = v.fma(b1, c11);
                v = FloatVector.broadcast(SPECIES, a[q + 2 * rowStride]);
                c20 = v.fma(b0, c20);
                c21 = v.fma(b1, c21);
                v = FloatVector.broadcast(SPECIES, a[q + 3 * rowStride]);
                c30 = v.fma(b0, c30);
                c31 = v.fma(b1, c31);
                v = FloatVector.broadcast(SPECIES, a[q + 4 * rowStride]);
                c40 = v.fma(b0, c40);
                c41 = v.fma(b1, c41);
                v = FloatVector.broadcast(SPECIES, a[q + 5 * rowStride]);
                c50 = v.fma(b0, c50);
                c51 = v.fma(b1, c51);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, LANES);
            c10.intoArray(tile, C);
            c11.intoArray(tile, C + LANES);
            c20.intoArray(tile, 2 * C);
            c21.intoArray(tile, 2 * C + LANES);
            c30.intoArray(tile, 3 * C);
            c31.intoArray(tile, 3 * C + LANES);
            c40.intoArray(tile, 4 * C);
            c41.intoArray(tile, 4 * C + LANES);
            c50.intoArray(tile, 5 * C);
            c51.intoArray(tile, 5 * C + LANES);
        }

        @Override
        void row(float[] a, int start, int depthStride, int depth, float[] pb, int at, float[] tile, int into,
                boolean resume) {
            FloatVector c0 = start(tile, into, resume);
            FloatVector c1 = start(tile, into + LANES, resume);
            for (int p = 0, q = start, x = at; p < depth; p++, q += depthStride, x += C) {
                FloatVector v = FloatVector.broadcast(SPECIES, a[q]);
                c0 = v.fma(FloatVector.fromArray(SPECIES, pb, x), c0);
                c1 = v.fma(FloatVector.fromArray(SPECIES, pb, x + LANES), c1);
            }
            c0.intoArray(tile, into);
            c1.intoArray(tile, into + LANES);
        }
    };

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = 8;

    private final int rows;
    private final int columns;

    SgemmTile(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * The shape for this processor: {@link #WIDE} where the preferred vectors have 512 bits (AVX-512, 32 vector
     * registers), else {@link #NARROW}.
     *
     * @return the shape
     */
    static SgemmTile forThisMachine() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? WIDE : NARROW;
    }

    /**
     * Rows of {@code C} in a tile.
     *
     * @return rows
     */
    int rows() {
        return rows;
    }

    /**
     * Columns of {@code C} in a tile, and of a packed panel of {@code op(B)}.
     *
     * @return columns
     */
    int columns() {
        return columns;
    }

    /**
     * One whole tile over {@code depth} entries of {@code k}: rows of {@code op(A)} from {@code start},
     * {@code rowStride} apart, times the packed panel from {@code at}, into {@code tile} ({@link #columns()} floats
     * a row); with {@code resume} the fused multiply-adds go on from the sums already in {@code tile}.
     */
    abstract void tile(float[] a, int start, int rowStride, int depthStride, int depth, float[] pb, int at,
            float[] tile, boolean resume);

    /** One row of a tile (the last rows of {@code C}), into {@code tile} from {@code into}; as {@link #tile}. */
    abstract void row(float[] a, int start, int depthStride, int depth, float[] pb, int at, float[] tile, int into,
            boolean resume);

    /** A tile's sums before its first product: zeros, or the values in {@code tile} where a chain resumes. */
    private static FloatVector start(float[] tile, int at, boolean resume) {
        return resume ? FloatVector.fromArray(SPECIES, tile, at) : FloatVector.zero(SPECIES);
    }
}
