package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of {@link VectorSgemm}, one per register file: a tile of {@link #rows()} rows by
 * two vectors of {@code C} ({@link FloatLanes}: 32 columns in 512-bit vectors, 16 in 256-bit ones) is summed in
 * registers, one rank-one update per entry of {@code k} with fused multiply-adds, the packed panel of {@code op(B)}
 * read in order (two vectors) and each entry of {@code op(A)} broadcast. {@link #EIGHT_ROWS} keeps sixteen sums,
 * two panel vectors and a broadcast live, 19 of AVX-512's 32 vector registers; with AVX2's sixteen those spill, so
 * {@link #SIX_ROWS} keeps twelve (the shape of BLIS's AVX2 kernel). Two vectors a row, not four in four rows:
 * on an Intel Xeon with 512-bit vectors the 4 x 64 tile ran a convolution's first layer ({@code n = 32}) on
 * half-empty panels, while 8 x 32 sums the products of the benchmarks' networks at 97-116 GFLOP/s on one core,
 * level with 4 x 64 and 1.1-1.3x the 6 x 32 tile. Each entry of {@code C} is the same chain of fused multiply-adds
 * in increasing {@code k} in both shapes, so both give the same floats. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * SgemmTile shape = SgemmTile.forThisMachine();
 * shape.tile(a, 0, k, 1, k, packedB, 0, tile, false);
 * }</pre>
 */
enum SgemmTile {
    /** Eight rows of two vectors in sixteen registers, for 32 vector registers. */
    EIGHT_ROWS(8) {
        @Override
        void tile(float[] a, int start, int rowStride, int depthStride, int depth, float[] pb, int at,
                float[] tile, boolean resume) {
            FloatVector c00 = start(tile, 0, resume);
            FloatVector c01 = start(tile, 0 + LANES, resume);
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
            FloatVector c60 = start(tile, 6 * C, resume);
            FloatVector c61 = start(tile, 6 * C + LANES, resume);
            FloatVector c70 = start(tile, 7 * C, resume);
            FloatVector c71 = start(tile, 7 * C + LANES, resume);
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
                v = FloatVector.broadcast(SPECIES, a[q + 6 * rowStride]);
                c60 = v.fma(b0, c60);
                c61 = v.fma(b1, c61);
                v = FloatVector.broadcast(SPECIES, a[q + 7 * rowStride]);
                c70 = v.fma(b0, c70);
                c71 = v.fma(b1, c71);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, 0 + LANES);
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
            c60.intoArray(tile, 6 * C);
            c61.intoArray(tile, 6 * C + LANES);
            c70.intoArray(tile, 7 * C);
            c71.intoArray(tile, 7 * C + LANES);
        }
    },
    /** Six rows of two vectors in twelve registers, for 16 vector registers. */
    SIX_ROWS(6) {
        @Override
        void tile(float[] a, int start, int rowStride, int depthStride, int depth, float[] pb, int at,
                float[] tile, boolean resume) {
            FloatVector c00 = start(tile, 0, resume);
            FloatVector c01 = start(tile, 0 + LANES, resume);
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
            c01.intoArray(tile, 0 + LANES);
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
    };

    private static final VectorSpecies<Float> SPECIES = FloatLanes.SPECIES;
    private static final int LANES = FloatLanes.LANES;
    /** Columns of a tile and of a packed panel: two vectors. */
    private static final int C = 2 * LANES;

    private final int rows;

    SgemmTile(int rows) {
        this.rows = rows;
    }

    /**
     * The shape for this processor: {@link #EIGHT_ROWS} where the vectors have 512 bits (AVX-512, 32 vector
     * registers), else {@link #SIX_ROWS}.
     *
     * @return the shape
     */
    static SgemmTile forThisMachine() {
        return LANES >= 16 ? EIGHT_ROWS : SIX_ROWS;
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
     * Columns of {@code C} in a tile, and of a packed panel of {@code op(B)}: two vectors.
     *
     * @return columns
     */
    int columns() {
        return C;
    }

    /**
     * One whole tile over {@code depth} entries of {@code k}: rows of {@code op(A)} from {@code start},
     * {@code rowStride} apart, times the packed panel from {@code at}, into {@code tile} ({@link #columns()} floats
     * a row); with {@code resume} the fused multiply-adds go on from the sums already in {@code tile}.
     */
    abstract void tile(float[] a, int start, int rowStride, int depthStride, int depth, float[] pb, int at,
            float[] tile, boolean resume);

    /** One row of a tile (the last rows of {@code C}), into {@code tile} from {@code into}; as {@link #tile}. */
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

    /** A tile's sums before its first product: zeros, or the values in {@code tile} where a chain resumes. */
    private static FloatVector start(float[] tile, int at, boolean resume) {
        return resume ? FloatVector.fromArray(SPECIES, tile, at) : FloatVector.zero(SPECIES);
    }
}
