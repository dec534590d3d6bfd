package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link OnlineLoops} through {@code jdk.incubator.vector}, in 256-bit vectors of four doubles. A sum keeps a
 * block of columns in registers, one accumulator per vector (independent chains of additions), while every listed
 * row passes through them, so {@code out} is written once per block; a scaled addition keeps that block of
 * {@code s} in registers while the listed rows are updated. Blocks are {@value #FULL_BLOCK} columns in sixteen
 * registers where AVX-512 gives 32 of them (a row of the online network's first layer is then loaded once per
 * sum or update, not twice or four times), then {@value #WIDE_BLOCK} in eight, {@value #BLOCK} in four, single
 * vectors and a scalar remainder. Rows of 64, 32 and 16 (the online network's layers) run in whole blocks, with
 * none of the scalar remainder the loops the JIT vectorises spend much of such short rows in. Products and sums
 * are rounded separately ({@code mul}, then {@code add}), as {@link OnlineLoops#LOOPS} rounds them, so the two
 * agree bit for bit.
 * Compiled only with {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * OnlineLoops loops = VectorKernels.onlineLoops();
 * }</pre>
 */
final class VectorOnlineLoops implements OnlineLoops {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    private static final int LANES = 4;
    static final int BLOCK = 4 * LANES;
    /** Columns of the wide block: eight registers of accumulators (a sum) or of {@code s} (a scaled addition). */
    static final int WIDE_BLOCK = 8 * LANES;
    /** Columns of the full block: sixteen registers, half of the 32 that AVX-512 gives even to 256-bit vectors. */
    static final int FULL_BLOCK = 16 * LANES;
    /**
     * Whether the full block is used: where the preferred vectors are 512 bits wide (AVX-512, 32 vector
     * registers); with 16 registers (AVX2) sixteen accumulators would spill.
     */
    static final boolean FULL = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    @Override
    public void sumRows(double[] v, int[] at, int from, int to, double[][] rows, double[] out, int width) {
        int j = 0;
        for (; FULL && j + FULL_BLOCK <= width; j += FULL_BLOCK) {
            fullSum(v, at, from, to, rows, out, j);
        }
        for (; j + WIDE_BLOCK <= width; j += WIDE_BLOCK) {
            wideSum(v, at, from, to, rows, out, j);
        }
        for (; j + BLOCK <= width; j += BLOCK) {
            DoubleVector c0 = DoubleVector.zero(SPECIES);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            for (int q = from; q < to; q++) {
                double[] row = rows[at[q]];
                DoubleVector x = DoubleVector.broadcast(SPECIES, v[q]);
                c0 = c0.add(x.mul(DoubleVector.fromArray(SPECIES, row, j)));
                c1 = c1.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + LANES)));
                c2 = c2.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 2 * LANES)));
                c3 = c3.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 3 * LANES)));
            }
            c0.intoArray(out, j);
            c1.intoArray(out, j + LANES);
            c2.intoArray(out, j + 2 * LANES);
            c3.intoArray(out, j + 3 * LANES);
        }
        for (; j + LANES <= width; j += LANES) {
            DoubleVector c = DoubleVector.zero(SPECIES);
            for (int q = from; q < to; q++) {
                c = c.add(DoubleVector.broadcast(SPECIES, v[q]).mul(DoubleVector.fromArray(SPECIES, rows[at[q]], j)));
            }
            c.intoArray(out, j);
        }
        for (; j < width; j++) {
            double c = 0;
            for (int q = from; q < to; q++) {
                c += v[q] * rows[at[q]][j];
            }
            out[j] = c;
        }
    }

    /** {@link #sumRows} on the {@value #FULL_BLOCK} columns from {@code j}, each row visited once. */
    private static void fullSum(double[] v, int[] at, int from, int to, double[][] rows, double[] out, int j) {
        DoubleVector c0 = DoubleVector.zero(SPECIES);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        DoubleVector c4 = c0;
        DoubleVector c5 = c0;
        DoubleVector c6 = c0;
        DoubleVector c7 = c0;
        DoubleVector c8 = c0;
        DoubleVector c9 = c0;
        DoubleVector c10 = c0;
        DoubleVector c11 = c0;
        DoubleVector c12 = c0;
        DoubleVector c13 = c0;
        DoubleVector c14 = c0;
        DoubleVector c15 = c0;
        for (int q = from; q < to; q++) {
            double[] row = rows[at[q]];
            DoubleVector x = DoubleVector.broadcast(SPECIES, v[q]);
            c0 = c0.add(x.mul(DoubleVector.fromArray(SPECIES, row, j)));
            c1 = c1.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + LANES)));
            c2 = c2.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 2 * LANES)));
            c3 = c3.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 3 * LANES)));
            c4 = c4.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 4 * LANES)));
            c5 = c5.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 5 * LANES)));
            c6 = c6.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 6 * LANES)));
            c7 = c7.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 7 * LANES)));
            c8 = c8.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 8 * LANES)));
            c9 = c9.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 9 * LANES)));
            c10 = c10.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 10 * LANES)));
            c11 = c11.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 11 * LANES)));
            c12 = c12.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 12 * LANES)));
            c13 = c13.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 13 * LANES)));
            c14 = c14.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 14 * LANES)));
            c15 = c15.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 15 * LANES)));
        }
        c0.intoArray(out, j);
        c1.intoArray(out, j + LANES);
        c2.intoArray(out, j + 2 * LANES);
        c3.intoArray(out, j + 3 * LANES);
        c4.intoArray(out, j + 4 * LANES);
        c5.intoArray(out, j + 5 * LANES);
        c6.intoArray(out, j + 6 * LANES);
        c7.intoArray(out, j + 7 * LANES);
        c8.intoArray(out, j + 8 * LANES);
        c9.intoArray(out, j + 9 * LANES);
        c10.intoArray(out, j + 10 * LANES);
        c11.intoArray(out, j + 11 * LANES);
        c12.intoArray(out, j + 12 * LANES);
        c13.intoArray(out, j + 13 * LANES);
        c14.intoArray(out, j + 14 * LANES);
        c15.intoArray(out, j + 15 * LANES);
    }

    /** {@link #sumRows} on the {@value #WIDE_BLOCK} columns from {@code j}. */
    private static void wideSum(double[] v, int[] at, int from, int to, double[][] rows, double[] out, int j) {
        DoubleVector c0 = DoubleVector.zero(SPECIES);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        DoubleVector c4 = c0;
        DoubleVector c5 = c0;
        DoubleVector c6 = c0;
        DoubleVector c7 = c0;
        for (int q = from; q < to; q++) {
            double[] row = rows[at[q]];
            DoubleVector x = DoubleVector.broadcast(SPECIES, v[q]);
            c0 = c0.add(x.mul(DoubleVector.fromArray(SPECIES, row, j)));
            c1 = c1.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + LANES)));
            c2 = c2.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 2 * LANES)));
            c3 = c3.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 3 * LANES)));
            c4 = c4.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 4 * LANES)));
            c5 = c5.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 5 * LANES)));
            c6 = c6.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 6 * LANES)));
            c7 = c7.add(x.mul(DoubleVector.fromArray(SPECIES, row, j + 7 * LANES)));
        }
        c0.intoArray(out, j);
        c1.intoArray(out, j + LANES);
        c2.intoArray(out, j + 2 * LANES);
        c3.intoArray(out, j + 3 * LANES);
        c4.intoArray(out, j + 4 * LANES);
        c5.intoArray(out, j + 5 * LANES);
        c6.intoArray(out, j + 6 * LANES);
        c7.intoArray(out, j + 7 * LANES);
    }

    @Override
    public void addScaled(double scale, double[] v, int[] at, int from, int to, double[] s, double[][] rows,
            int width) {
        int j = 0;
        for (; FULL && j + FULL_BLOCK <= width; j += FULL_BLOCK) {
            fullAdd(scale, v, at, from, to, s, rows, j);
        }
        for (; j + WIDE_BLOCK <= width; j += WIDE_BLOCK) {
            wideAdd(scale, v, at, from, to, s, rows, j);
        }
        for (; j + BLOCK <= width; j += BLOCK) {
            DoubleVector s0 = DoubleVector.fromArray(SPECIES, s, j);
            DoubleVector s1 = DoubleVector.fromArray(SPECIES, s, j + LANES);
            DoubleVector s2 = DoubleVector.fromArray(SPECIES, s, j + 2 * LANES);
            DoubleVector s3 = DoubleVector.fromArray(SPECIES, s, j + 3 * LANES);
            for (int q = from; q < to; q++) {
                double[] row = rows[at[q]];
                DoubleVector x = DoubleVector.broadcast(SPECIES, scale * v[q]);
                DoubleVector.fromArray(SPECIES, row, j).add(x.mul(s0)).intoArray(row, j);
                DoubleVector.fromArray(SPECIES, row, j + LANES).add(x.mul(s1)).intoArray(row, j + LANES);
                DoubleVector.fromArray(SPECIES, row, j + 2 * LANES).add(x.mul(s2)).intoArray(row, j + 2 * LANES);
                DoubleVector.fromArray(SPECIES, row, j + 3 * LANES).add(x.mul(s3)).intoArray(row, j + 3 * LANES);
            }
        }
        for (; j + LANES <= width; j += LANES) {
            DoubleVector sj = DoubleVector.fromArray(SPECIES, s, j);
            for (int q = from; q < to; q++) {
                double[] row = rows[at[q]];
                DoubleVector.fromArray(SPECIES, row, j).add(DoubleVector.broadcast(SPECIES, scale * v[q]).mul(sj))
                        .intoArray(row, j);
            }
        }
        for (; j < width; j++) {
            double sj = s[j];
            for (int q = from; q < to; q++) {
                double[] row = rows[at[q]];
                row[j] += (scale * v[q]) * sj;
            }
        }
    }

    /** {@link #addScaled} on the {@value #FULL_BLOCK} columns from {@code j}, each row loaded and stored once. */
    private static void fullAdd(double scale, double[] v, int[] at, int from, int to, double[] s, double[][] rows,
            int j) {
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, s, j);
        DoubleVector s1 = DoubleVector.fromArray(SPECIES, s, j + LANES);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, s, j + 2 * LANES);
        DoubleVector s3 = DoubleVector.fromArray(SPECIES, s, j + 3 * LANES);
        DoubleVector s4 = DoubleVector.fromArray(SPECIES, s, j + 4 * LANES);
        DoubleVector s5 = DoubleVector.fromArray(SPECIES, s, j + 5 * LANES);
        DoubleVector s6 = DoubleVector.fromArray(SPECIES, s, j + 6 * LANES);
        DoubleVector s7 = DoubleVector.fromArray(SPECIES, s, j + 7 * LANES);
        DoubleVector s8 = DoubleVector.fromArray(SPECIES, s, j + 8 * LANES);
        DoubleVector s9 = DoubleVector.fromArray(SPECIES, s, j + 9 * LANES);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, s, j + 10 * LANES);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, s, j + 11 * LANES);
        DoubleVector s12 = DoubleVector.fromArray(SPECIES, s, j + 12 * LANES);
        DoubleVector s13 = DoubleVector.fromArray(SPECIES, s, j + 13 * LANES);
        DoubleVector s14 = DoubleVector.fromArray(SPECIES, s, j + 14 * LANES);
        DoubleVector s15 = DoubleVector.fromArray(SPECIES, s, j + 15 * LANES);
        for (int q = from; q < to; q++) {
            double[] row = rows[at[q]];
            DoubleVector x = DoubleVector.broadcast(SPECIES, scale * v[q]);
            DoubleVector.fromArray(SPECIES, row, j).add(x.mul(s0)).intoArray(row, j);
            DoubleVector.fromArray(SPECIES, row, j + LANES).add(x.mul(s1)).intoArray(row, j + LANES);
            DoubleVector.fromArray(SPECIES, row, j + 2 * LANES).add(x.mul(s2)).intoArray(row, j + 2 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 3 * LANES).add(x.mul(s3)).intoArray(row, j + 3 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 4 * LANES).add(x.mul(s4)).intoArray(row, j + 4 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 5 * LANES).add(x.mul(s5)).intoArray(row, j + 5 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 6 * LANES).add(x.mul(s6)).intoArray(row, j + 6 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 7 * LANES).add(x.mul(s7)).intoArray(row, j + 7 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 8 * LANES).add(x.mul(s8)).intoArray(row, j + 8 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 9 * LANES).add(x.mul(s9)).intoArray(row, j + 9 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 10 * LANES).add(x.mul(s10)).intoArray(row, j + 10 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 11 * LANES).add(x.mul(s11)).intoArray(row, j + 11 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 12 * LANES).add(x.mul(s12)).intoArray(row, j + 12 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 13 * LANES).add(x.mul(s13)).intoArray(row, j + 13 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 14 * LANES).add(x.mul(s14)).intoArray(row, j + 14 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 15 * LANES).add(x.mul(s15)).intoArray(row, j + 15 * LANES);
        }
    }

    /** {@link #addScaled} on the {@value #WIDE_BLOCK} columns from {@code j}. */
    private static void wideAdd(double scale, double[] v, int[] at, int from, int to, double[] s, double[][] rows,
            int j) {
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, s, j);
        DoubleVector s1 = DoubleVector.fromArray(SPECIES, s, j + LANES);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, s, j + 2 * LANES);
        DoubleVector s3 = DoubleVector.fromArray(SPECIES, s, j + 3 * LANES);
        DoubleVector s4 = DoubleVector.fromArray(SPECIES, s, j + 4 * LANES);
        DoubleVector s5 = DoubleVector.fromArray(SPECIES, s, j + 5 * LANES);
        DoubleVector s6 = DoubleVector.fromArray(SPECIES, s, j + 6 * LANES);
        DoubleVector s7 = DoubleVector.fromArray(SPECIES, s, j + 7 * LANES);
        for (int q = from; q < to; q++) {
            double[] row = rows[at[q]];
            DoubleVector x = DoubleVector.broadcast(SPECIES, scale * v[q]);
            DoubleVector.fromArray(SPECIES, row, j).add(x.mul(s0)).intoArray(row, j);
            DoubleVector.fromArray(SPECIES, row, j + LANES).add(x.mul(s1)).intoArray(row, j + LANES);
            DoubleVector.fromArray(SPECIES, row, j + 2 * LANES).add(x.mul(s2)).intoArray(row, j + 2 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 3 * LANES).add(x.mul(s3)).intoArray(row, j + 3 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 4 * LANES).add(x.mul(s4)).intoArray(row, j + 4 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 5 * LANES).add(x.mul(s5)).intoArray(row, j + 5 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 6 * LANES).add(x.mul(s6)).intoArray(row, j + 6 * LANES);
            DoubleVector.fromArray(SPECIES, row, j + 7 * LANES).add(x.mul(s7)).intoArray(row, j + 7 * LANES);
        }
    }
}
