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
 * only with {@code --add-modules jdk.incubator.vector}; {@link VectorKernels} decides whether it is used. The
 * micro-kernels are {@link VectorGemmTiles}, the packing {@link VectorGemmPanels}; this class shares the work.
 */
final class VectorGemm implements TallGemm {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
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
        VectorGemmPanels.pack(transB, b, 0, k, n, k, pb);
        int parts = (m + ROWS_PER_PART - 1) / ROWS_PER_PART;
        double[][] spill = tiles;
        CpuWorkers.forEach(Math.min(parts, PARTS), t -> {
            double[] tile = spill[t];
            for (int part = t; part < parts; part += Math.min(parts, PARTS)) {
                int end = Math.min(m, (part + 1) * ROWS_PER_PART);
                for (int i = part * ROWS_PER_PART; i < end; i += MR) {
                    int rows = Math.min(MR, end - i);
                    for (int panel = 0; panel < panels; panel++) {
                        VectorGemmTiles.tallTile(a, i, rows, k, pb, panel * k * NR, alpha, beta, c, n, panel * NR,
                                tile);
                    }
                }
            }
        });
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
        VectorGemmPanels.pack(false, b, 0, k, n, k, pb);
        VectorGemmPanels.packColumns(a, 0, k, m, pa);
        int blocks = height / MR;
        int lanes = Math.min(blocks, PARTS);
        double[][] spill = tiles;
        CpuWorkers.forEach(lanes, t -> {
            double[] tile = spill[t];
            for (int block = t; block < blocks; block += lanes) {
                int i = block * MR;
                for (int panel = 0; panel < panels; panel++) {
                    Arrays.fill(tile, 0.0);
                    VectorGemmTiles.longTile(pa, i * k, k, pb, panel * k * NR, tile, 0, NR);
                    for (int r = 0; r < Math.min(MR, m - i); r++) {
                        VectorGemmTiles.storeRow(tile, r * NR, alpha, beta, c, (i + r) * n + panel * NR,
                                n - panel * NR);
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
                VectorGemmPanels.pack(false, b, p0, count, n, k, pb);
                VectorGemmPanels.packColumns(a, p0, count, m, pa);
                for (int i = 0; i < m; i += MR) {
                    for (int panel = 0; panel < panels; panel++) {
                        VectorGemmTiles.longTile(pa, i * count, count, pb, panel * count * NR, s,
                                i * width + panel * NR, width);
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
}
