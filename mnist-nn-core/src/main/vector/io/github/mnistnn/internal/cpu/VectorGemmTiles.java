package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of {@link VectorGemm}: each sums one tile of {@value VectorGemm#MR} rows by
 * {@value VectorGemm#NR} columns of {@code C} in sixteen 256-bit registers, one fused multiply-add chain per entry
 * in increasing {@code k}, and stores it scaled. Compiled only with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorGemmTiles {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    /** Rows of a tile of {@code C}, as in {@link VectorGemm}. */
    private static final int MR = VectorGemm.MR;
    /** Columns of a tile of {@code C}, as in {@link VectorGemm}. */
    private static final int NR = VectorGemm.NR;
    private static final int LANES = 4;

    private VectorGemmTiles() {
    }

    /** One tile of a tall product: rows {@code [i, i + rows)} of {@code A} times one packed panel. */
    static void tallTile(double[] a, int i, int rows, int k, double[] pb, int panel, double alpha,
            double beta, double[] c, int n, int j0, double[] tile) {
        if (rows < MR) {
            for (int r = 0; r < rows; r++) {
                tallRow(a, (i + r) * k, k, pb, panel, alpha, beta, c, (i + r) * n, n, j0, tile);
            }
            return;
        }
        DoubleVector c00 = DoubleVector.zero(SPECIES);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c03 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c13 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c23 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        DoubleVector c33 = c00;
        int a0 = i * k;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        for (int p = 0, at = panel; p < k; p++, at += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, at);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, at + LANES);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, pb, at + 2 * LANES);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, pb, at + 3 * LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
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
        for (int r = 0; r < MR; r++) {
            storeRow(tile, r * NR, alpha, beta, c, (i + r) * n + j0, n - j0);
        }
    }

    /** One row of a tall product's tile. */
    static void tallRow(double[] a, int row, int k, double[] pb, int panel, double alpha, double beta,
            double[] c, int out, int n, int j0, double[] tile) {
        DoubleVector c0 = DoubleVector.zero(SPECIES);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        for (int p = 0, at = panel; p < k; p++, at += NR) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[row + p]);
            c0 = x.fma(DoubleVector.fromArray(SPECIES, pb, at), c0);
            c1 = x.fma(DoubleVector.fromArray(SPECIES, pb, at + LANES), c1);
            c2 = x.fma(DoubleVector.fromArray(SPECIES, pb, at + 2 * LANES), c2);
            c3 = x.fma(DoubleVector.fromArray(SPECIES, pb, at + 3 * LANES), c3);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, LANES);
        c2.intoArray(tile, 2 * LANES);
        c3.intoArray(tile, 3 * LANES);
        storeRow(tile, 0, alpha, beta, c, out + j0, n - j0);
    }

    /**
     * {@code C[at ..] = alpha sum + beta C} for the (at most {@value #NR}) columns left in the row, the sums read
     * from {@code tile} at {@code from}; with {@code beta == 0} the old values are not read.
     */
    static void storeRow(double[] tile, int from, double alpha, double beta, double[] c, int at, int left) {
        if (left >= NR) {
            for (int j = 0; j < NR; j += LANES) {
                DoubleVector scaled = DoubleVector.fromArray(SPECIES, tile, from + j).mul(alpha);
                if (beta != 0) {
                    scaled = DoubleVector.fromArray(SPECIES, c, at + j).mul(beta).add(scaled);
                }
                scaled.intoArray(c, at + j);
            }
            return;
        }
        for (int j = 0; j < left; j++) {
            c[at + j] = beta == 0 ? alpha * tile[from + j] : beta * c[at + j] + alpha * tile[from + j];
        }
    }

    /**
     * Adds {@code count} entries of {@code k} to one {@value #MR} x {@value #NR} tile of a partial sum {@code s}
     * (rows {@code width} apart): a packed panel of {@code A}'s columns times a packed panel of {@code B}.
     */
    static void longTile(double[] pa, int from, int count, double[] pb, int panel, double[] s, int o0,
            int width) {
        int o1 = o0 + width;
        int o2 = o1 + width;
        int o3 = o2 + width;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, s, o0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, s, o0 + LANES);
        DoubleVector c02 = DoubleVector.fromArray(SPECIES, s, o0 + 2 * LANES);
        DoubleVector c03 = DoubleVector.fromArray(SPECIES, s, o0 + 3 * LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, s, o1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, s, o1 + LANES);
        DoubleVector c12 = DoubleVector.fromArray(SPECIES, s, o1 + 2 * LANES);
        DoubleVector c13 = DoubleVector.fromArray(SPECIES, s, o1 + 3 * LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, s, o2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, s, o2 + LANES);
        DoubleVector c22 = DoubleVector.fromArray(SPECIES, s, o2 + 2 * LANES);
        DoubleVector c23 = DoubleVector.fromArray(SPECIES, s, o2 + 3 * LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, s, o3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, s, o3 + LANES);
        DoubleVector c32 = DoubleVector.fromArray(SPECIES, s, o3 + 2 * LANES);
        DoubleVector c33 = DoubleVector.fromArray(SPECIES, s, o3 + 3 * LANES);
        for (int p = 0, at = panel, ap = from; p < count; p++, at += NR, ap += MR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, at);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, at + LANES);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, pb, at + 2 * LANES);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, pb, at + 3 * LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, pa[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(SPECIES, pa[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(SPECIES, pa[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(SPECIES, pa[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        c00.intoArray(s, o0);
        c01.intoArray(s, o0 + LANES);
        c02.intoArray(s, o0 + 2 * LANES);
        c03.intoArray(s, o0 + 3 * LANES);
        c10.intoArray(s, o1);
        c11.intoArray(s, o1 + LANES);
        c12.intoArray(s, o1 + 2 * LANES);
        c13.intoArray(s, o1 + 3 * LANES);
        c20.intoArray(s, o2);
        c21.intoArray(s, o2 + LANES);
        c22.intoArray(s, o2 + 2 * LANES);
        c23.intoArray(s, o2 + 3 * LANES);
        c30.intoArray(s, o3);
        c31.intoArray(s, o3 + LANES);
        c32.intoArray(s, o3 + 2 * LANES);
        c33.intoArray(s, o3 + 3 * LANES);
    }
}
