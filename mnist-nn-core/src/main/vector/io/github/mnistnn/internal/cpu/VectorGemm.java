package io.github.mnistnn.internal.cpu;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU backend's large matrix products through {@code jdk.incubator.vector}: the products of convolutions
 * ({@link TallGemm}) and, {@linkplain #coversDenseShapes() beyond them}, every large product but {@code A^T B^T}.
 * A register-blocked micro-kernel keeps a tile of {@value #MR} rows by {@value #NR} columns of {@code C} in sixteen
 * 256-bit registers and adds one rank-one update per entry of {@code k} with fused multiply-adds. {@code op(B)} is
 * packed into zero-padded panels of {@value #NR} columns, and a transposed {@code A} into panels of {@value #MR}
 * columns, so the kernel reads both in order; an untransposed {@code A} is read where it lies. Every entry of
 * {@code C} is one chain of fused multiply-adds in increasing {@code k} (within each of the {@value TallGemm#PARTS}
 * stretches of a long product, whose partial sums are then added in order), whatever the thread count. Compiled
 * only with {@code --add-modules jdk.incubator.vector}; {@link VectorKernels} decides whether it is used.
 */
final class VectorGemm implements TallGemm {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    private static final int LANES = 4;
    /** Rows of a tile of {@code C}. */
    static final int MR = 4;
    /** Columns of a tile of {@code C}: four vectors. */
    static final int NR = 16;
    /** Entries of {@code k} per packed panel of a long product. */
    static final int KC = 64;
    /** Rows of {@code C} per unit of work in a tall product. */
    private static final int ROWS_PER_PART = 64;

    private double[] packedB = new double[0];
    private double[] packedA = new double[0];
    private double[][] packedChunks = new double[0][];
    private double[][] packedColumns = new double[0][];
    private double[][] partials = new double[0][];
    private final double[][] tiles = new double[PARTS][MR * NR];

    /**
     * A product; refused where 256-bit vectors are not native (the kernels would be emulated, far slower than
     * the loops).
     *
     * @throws UnsupportedOperationException if the preferred vector is narrower than 256 bits
     */
    VectorGemm() {
        if (DoubleVector.SPECIES_PREFERRED.vectorBitSize() < SPECIES.vectorBitSize()) {
            throw new UnsupportedOperationException("the preferred vector has "
                    + DoubleVector.SPECIES_PREFERRED.vectorBitSize() + " bits, fewer than 256");
        }
    }

    @Override
    public boolean coversDenseShapes() {
        return true;
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
            double beta, double[] c) {
        if (transA && k < TALL) {
            multiplyShort(m, n, k, alpha, a, b, beta, c);
        } else if (transA) {
            multiplyLong(m, n, k, alpha, a, b, beta, c);
        } else {
            multiplyTall(transB, m, n, k, alpha, a, b, beta, c);
        }
    }

    private void multiplyTall(boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
            double beta, double[] c) {
        int panels = (n + NR - 1) / NR;
        if (packedB.length < panels * k * NR) {
            packedB = new double[panels * k * NR];
        }
        double[] pb = packedB;
        pack(transB, b, 0, k, n, k, pb);
        int parts = (m + ROWS_PER_PART - 1) / ROWS_PER_PART;
        double[][] spill = tiles;
        CpuWorkers.forEach(Math.min(parts, PARTS), t -> {
            double[] tile = spill[t];
            for (int part = t; part < parts; part += Math.min(parts, PARTS)) {
                int end = Math.min(m, (part + 1) * ROWS_PER_PART);
                for (int i = part * ROWS_PER_PART; i < end; i += MR) {
                    int rows = Math.min(MR, end - i);
                    for (int panel = 0; panel < panels; panel++) {
                        tallTile(a, i, rows, k, pb, panel * k * NR, alpha, beta, c, n, panel * NR, tile);
                    }
                }
            }
        });
    }

    /**
     * Packs rows {@code [from, from + count)} of {@code op(B)} ({@code depth x n}) into {@code panels} of
     * {@value #NR} columns, each {@code count x NR}, padded with zeros.
     */
    private static void pack(boolean transB, double[] b, int from, int count, int n, int depth, double[] out) {
        int panels = (n + NR - 1) / NR;
        for (int panel = 0; panel < panels; panel++) {
            int j0 = panel * NR;
            int width = Math.min(NR, n - j0);
            int base = panel * count * NR;
            for (int p = 0; p < count; p++) {
                int at = base + p * NR;
                if (transB) {
                    for (int j = 0; j < width; j++) {
                        out[at + j] = b[(j0 + j) * depth + from + p];
                    }
                } else {
                    System.arraycopy(b, (from + p) * n + j0, out, at, width);
                }
                if (width < NR) {
                    Arrays.fill(out, at + width, at + NR, 0.0);
                }
            }
        }
    }

    /** One tile of a tall product: rows {@code [i, i + rows)} of {@code A} times one packed panel. */
    private static void tallTile(double[] a, int i, int rows, int k, double[] pb, int panel, double alpha,
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
    private static void tallRow(double[] a, int row, int k, double[] pb, int panel, double alpha, double beta,
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
    private static void storeRow(double[] tile, int from, double alpha, double beta, double[] c, int at, int left) {
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
     * {@code C = alpha A^T B + beta C} with a short {@code k} (a dense layer's weight gradient): {@code A} and
     * {@code B} packed whole, then tiles of {@code C} shared among the threads, each summed over all of {@code k}.
     */
    private void multiplyShort(int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
        int panels = (n + NR - 1) / NR;
        int height = (m + MR - 1) / MR * MR;
        if (packedB.length < panels * k * NR) {
            packedB = new double[panels * k * NR];
        }
        if (packedA.length < height * k) {
            packedA = new double[height * k];
        }
        double[] pb = packedB;
        double[] pa = packedA;
        pack(false, b, 0, k, n, k, pb);
        packColumns(a, 0, k, m, pa);
        int blocks = height / MR;
        int lanes = Math.min(blocks, PARTS);
        double[][] spill = tiles;
        CpuWorkers.forEach(lanes, t -> {
            double[] tile = spill[t];
            for (int block = t; block < blocks; block += lanes) {
                int i = block * MR;
                for (int panel = 0; panel < panels; panel++) {
                    Arrays.fill(tile, 0.0);
                    longTile(pa, i * k, k, pb, panel * k * NR, tile, 0, NR);
                    for (int r = 0; r < Math.min(MR, m - i); r++) {
                        storeRow(tile, r * NR, alpha, beta, c, (i + r) * n + panel * NR, n - panel * NR);
                    }
                }
            }
        });
    }

    private void multiplyLong(int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
        int panels = (n + NR - 1) / NR;
        int width = panels * NR;
        int height = (m + MR - 1) / MR * MR;
        if (partials.length < PARTS || partials[0].length < height * width) {
            partials = new double[PARTS][height * width];
        }
        if (packedChunks.length < PARTS || packedChunks[0].length < width * KC) {
            packedChunks = new double[PARTS][width * KC];
        }
        if (packedColumns.length < PARTS || packedColumns[0].length < height * KC) {
            packedColumns = new double[PARTS][height * KC];
        }
        double[][] sums = partials;
        double[][] chunks = packedChunks;
        double[][] columns = packedColumns;
        int stretch = (k + PARTS - 1) / PARTS;
        CpuWorkers.forEach(PARTS, part -> {
            double[] s = sums[part];
            double[] pb = chunks[part];
            double[] pa = columns[part];
            Arrays.fill(s, 0, height * width, 0.0);
            int end = Math.min(k, (part + 1) * stretch);
            for (int p0 = part * stretch; p0 < end; p0 += KC) {
                int count = Math.min(KC, end - p0);
                pack(false, b, p0, count, n, k, pb);
                packColumns(a, p0, count, m, pa);
                for (int i = 0; i < m; i += MR) {
                    for (int panel = 0; panel < panels; panel++) {
                        longTile(pa, i * count, count, pb, panel * count * NR, s, i * width + panel * NR, width);
                    }
                }
            }
        });
        for (int i = 0; i < m; i++) {
            int row = i * width;
            for (int j = 0; j < n; j++) {
                double total = sums[0][row + j];
                for (int part = 1; part < PARTS; part++) {
                    total += sums[part][row + j];
                }
                c[i * n + j] = beta == 0 ? alpha * total : alpha * total + beta * c[i * n + j];
            }
        }
    }

    /**
     * Packs rows {@code [p0, p0 + count)} of {@code A} ({@code k x m}) as panels of {@value #MR} columns, each
     * {@code count x MR}, the last padded with zeros: the kernel then reads {@code A} in order too.
     */
    private static void packColumns(double[] a, int p0, int count, int m, double[] out) {
        int full = m / MR * MR;
        for (int p = 0; p < count; p++) {
            int src = (p0 + p) * m;
            int at = p * MR;
            for (int i = 0; i < full; i += MR, at += count * MR) {
                out[at] = a[src + i];
                out[at + 1] = a[src + i + 1];
                out[at + 2] = a[src + i + 2];
                out[at + 3] = a[src + i + 3];
            }
            if (full < m) {
                for (int r = 0; r < MR; r++) {
                    out[at + r] = full + r < m ? a[src + full + r] : 0;
                }
            }
        }
    }

    /**
     * Adds {@code count} entries of {@code k} to one {@value #MR} x {@value #NR} tile of a partial sum {@code s}
     * (rows {@code width} apart): a packed panel of {@code A}'s columns times a packed panel of {@code B}.
     */
    private static void longTile(double[] pa, int from, int count, double[] pb, int panel, double[] s, int o0,
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
