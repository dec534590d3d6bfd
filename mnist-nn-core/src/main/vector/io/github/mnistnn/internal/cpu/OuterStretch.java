package io.github.mnistnn.internal.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One stretch of a long product {@code A^T B} in {@link VectorSgemm} ({@code A} is {@code k x m}, {@code B} is
 * {@code k x n}, both row-major: a convolution's weight gradient, {@code columns^T delta}) summed without
 * transposing anything: for each entry {@code p} of {@code k} the kernel loads three vectors of consecutive floats
 * of row {@code p} of {@code A} (48 entries of a column of {@code C} in 512-bit vectors, 24 in 256-bit ones) and
 * multiplies them by {@value #COLUMNS} floats of row {@code p} of {@code B}, each broadcast, into 24 registers
 * holding a {@link #ROWS} x {@value #COLUMNS} block of {@code C} column by column. {@link TransposedStretch} instead
 * copies {@code A} column by column first; on a convolution's {@code 288 x 64 x 25088} this kernel takes 0.8-0.85 of
 * its time (one thread, best of 30), while a block of 16 rows in 16 registers, which AVX2 would have room for, was no
 * faster than it. The stretch goes in blocks of {@value #DEPTH} entries of {@code k}, so that a block of {@code A}
 * stays in the core's L2 cache while every block of {@code C} passes over it; between blocks the sums wait in the
 * lane's buffer, which holds {@code C} transposed so that a column of a block is three vectors, and is copied into
 * {@code C}'s order at the end. A float kept in memory is the float the register held and {@code fma(x, y, s)} is
 * {@code fma(y, x, s)}, so each entry of {@code C} is the chain of fused multiply-adds in increasing {@code k} that
 * {@link TransposedStretch} and reading {@code A} in place give, bit for bit. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * if (OuterStretch.fits(SgemmTile.EIGHT_ROWS, m, n)) {
 *     OuterStretch.sum(a, m, from, to, b, n, partial, new float[m * n]);
 * }
 * }</pre>
 */
final class OuterStretch {
    private static final VectorSpecies<Float> SPECIES = FloatLanes.SPECIES;
    private static final int LANES = FloatLanes.LANES;
    /** Rows of {@code C} in a block: three vectors. */
    static final int ROWS = 3 * LANES;
    /** Columns of {@code C} in a block: eight broadcasts. */
    static final int COLUMNS = 8;
    /** Entries of {@code k} in a block of {@code A} ({@code 256 x 288} floats are 288 KB). */
    static final int DEPTH = 256;

    private OuterStretch() {
    }

    /**
     * Whether a product is summed here: with {@link SgemmTile#EIGHT_ROWS}, in whole blocks of {@code C}. The 24
     * sums and their operands need the 32 vector registers that shape is chosen for; with AVX2's 16
     * ({@link SgemmTile#SIX_ROWS}) they would spill, and {@link TransposedStretch} is used instead.
     *
     * @param shape the product's micro-kernel
     * @param m rows of {@code C}, columns of {@code A}
     * @param n columns of {@code C} and of {@code B}
     * @return whether the shape is for 32 registers and both dimensions divide into blocks
     */
    static boolean fits(SgemmTile shape, int m, int n) {
        return shape == SgemmTile.EIGHT_ROWS && m > 0 && n > 0 && m % ROWS == 0 && n % COLUMNS == 0;
    }

    /**
     * {@code out = sum over p in [from, to) of A[p]^T B[p]}, {@code out} an {@code m x n} partial product,
     * overwritten (zeros for an empty stretch).
     *
     * @param a row-major {@code k x m}
     * @param m rows of {@code C}
     * @param from first entry of {@code k}
     * @param to past the last entry
     * @param b row-major {@code k x n}
     * @param n columns of {@code C}
     * @param out the partial product
     * @param transposed the lane's buffer, at least {@code m n} floats
     */
    static void sum(float[] a, int m, int from, int to, float[] b, int n, float[] out, float[] transposed) {
        Arrays.fill(transposed, 0, m * n, 0f);
        for (int first = from; first < to; first += DEPTH) {
            int depth = Math.min(DEPTH, to - first);
            for (int j = 0; j < n; j += COLUMNS) {
                for (int i = 0; i < m; i += ROWS) {
                    block(a, first * m + i, m, depth, b, first * n + j, n, transposed, j * m + i);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0, at = j * m; i < m; i++) {
                out[i * n + j] = transposed[at + i];
            }
        }
    }

    /**
     * One block: {@code C^T[j + c][i .. i + ROWS)} for {@code c < 8}, held in {@code ct} from {@code at} with rows
     * {@code m} apart, goes on with one fused multiply-add per entry of {@code k} for {@code depth} entries;
     * {@code A} is read from {@code q}, {@code B} from {@code x}, each a row further per entry.
     */
    private static void block(float[] a, int q, int m, int depth, float[] b, int x, int n, float[] ct, int at) {
        int stride = m;
        FloatVector c00 = FloatVector.fromArray(SPECIES, ct, at);
        FloatVector c01 = FloatVector.fromArray(SPECIES, ct, at + LANES);
        FloatVector c02 = FloatVector.fromArray(SPECIES, ct, at + 2 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, ct, at + stride);
        FloatVector c11 = FloatVector.fromArray(SPECIES, ct, at + stride + LANES);
        FloatVector c12 = FloatVector.fromArray(SPECIES, ct, at + stride + 2 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, ct, at + 2 * stride);
        FloatVector c21 = FloatVector.fromArray(SPECIES, ct, at + 2 * stride + LANES);
        FloatVector c22 = FloatVector.fromArray(SPECIES, ct, at + 2 * stride + 2 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, ct, at + 3 * stride);
        FloatVector c31 = FloatVector.fromArray(SPECIES, ct, at + 3 * stride + LANES);
        FloatVector c32 = FloatVector.fromArray(SPECIES, ct, at + 3 * stride + 2 * LANES);
        FloatVector c40 = FloatVector.fromArray(SPECIES, ct, at + 4 * stride);
        FloatVector c41 = FloatVector.fromArray(SPECIES, ct, at + 4 * stride + LANES);
        FloatVector c42 = FloatVector.fromArray(SPECIES, ct, at + 4 * stride + 2 * LANES);
        FloatVector c50 = FloatVector.fromArray(SPECIES, ct, at + 5 * stride);
        FloatVector c51 = FloatVector.fromArray(SPECIES, ct, at + 5 * stride + LANES);
        FloatVector c52 = FloatVector.fromArray(SPECIES, ct, at + 5 * stride + 2 * LANES);
        FloatVector c60 = FloatVector.fromArray(SPECIES, ct, at + 6 * stride);
        FloatVector c61 = FloatVector.fromArray(SPECIES, ct, at + 6 * stride + LANES);
        FloatVector c62 = FloatVector.fromArray(SPECIES, ct, at + 6 * stride + 2 * LANES);
        FloatVector c70 = FloatVector.fromArray(SPECIES, ct, at + 7 * stride);
        FloatVector c71 = FloatVector.fromArray(SPECIES, ct, at + 7 * stride + LANES);
        FloatVector c72 = FloatVector.fromArray(SPECIES, ct, at + 7 * stride + 2 * LANES);
        for (int p = 0; p < depth; p++, q += m, x += n) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, a, q);
            FloatVector a1 = FloatVector.fromArray(SPECIES, a, q + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, a, q + 2 * LANES);
            FloatVector v = FloatVector.broadcast(SPECIES, b[x]);
            c00 = a0.fma(v, c00);
            c01 = a1.fma(v, c01);
            c02 = a2.fma(v, c02);
            v = FloatVector.broadcast(SPECIES, b[x + 1]);
            c10 = a0.fma(v, c10);
            c11 = a1.fma(v, c11);
            c12 = a2.fma(v, c12);
            v = FloatVector.broadcast(SPECIES, b[x + 2]);
            c20 = a0.fma(v, c20);
            c21 = a1.fma(v, c21);
            c22 = a2.fma(v, c22);
            v = FloatVector.broadcast(SPECIES, b[x + 3]);
            c30 = a0.fma(v, c30);
            c31 = a1.fma(v, c31);
            c32 = a2.fma(v, c32);
            v = FloatVector.broadcast(SPECIES, b[x + 4]);
            c40 = a0.fma(v, c40);
            c41 = a1.fma(v, c41);
            c42 = a2.fma(v, c42);
            v = FloatVector.broadcast(SPECIES, b[x + 5]);
            c50 = a0.fma(v, c50);
            c51 = a1.fma(v, c51);
            c52 = a2.fma(v, c52);
            v = FloatVector.broadcast(SPECIES, b[x + 6]);
            c60 = a0.fma(v, c60);
            c61 = a1.fma(v, c61);
            c62 = a2.fma(v, c62);
            v = FloatVector.broadcast(SPECIES, b[x + 7]);
            c70 = a0.fma(v, c70);
            c71 = a1.fma(v, c71);
            c72 = a2.fma(v, c72);
        }
        c00.intoArray(ct, at);
        c01.intoArray(ct, at + LANES);
        c02.intoArray(ct, at + 2 * LANES);
        c10.intoArray(ct, at + stride);
        c11.intoArray(ct, at + stride + LANES);
        c12.intoArray(ct, at + stride + 2 * LANES);
        c20.intoArray(ct, at + 2 * stride);
        c21.intoArray(ct, at + 2 * stride + LANES);
        c22.intoArray(ct, at + 2 * stride + 2 * LANES);
        c30.intoArray(ct, at + 3 * stride);
        c31.intoArray(ct, at + 3 * stride + LANES);
        c32.intoArray(ct, at + 3 * stride + 2 * LANES);
        c40.intoArray(ct, at + 4 * stride);
        c41.intoArray(ct, at + 4 * stride + LANES);
        c42.intoArray(ct, at + 4 * stride + 2 * LANES);
        c50.intoArray(ct, at + 5 * stride);
        c51.intoArray(ct, at + 5 * stride + LANES);
        c52.intoArray(ct, at + 5 * stride + 2 * LANES);
        c60.intoArray(ct, at + 6 * stride);
        c61.intoArray(ct, at + 6 * stride + LANES);
        c62.intoArray(ct, at + 6 * stride + 2 * LANES);
        c70.intoArray(ct, at + 7 * stride);
        c71.intoArray(ct, at + 7 * stride + LANES);
        c72.intoArray(ct, at + 7 * stride + 2 * LANES);
    }
}
