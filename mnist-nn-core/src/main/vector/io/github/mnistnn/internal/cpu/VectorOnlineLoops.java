package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link OnlineLoops} through {@code jdk.incubator.vector}, in 256-bit vectors of four doubles: a sum keeps
 * {@value #WIDE_BLOCK} columns in eight registers (eight independent chains of additions), then {@value #BLOCK} in
 * four, while every listed row passes through them, so {@code out} is written
 * once per block; a scaled addition keeps those columns of {@code s} in registers while the listed rows are
 * updated. Rows of 64, 32 and 16 (the online network's layers) run in whole blocks with no scalar remainder, which
 * the loops the JIT vectorises spend much of such short rows in. Products and sums are rounded separately
 * ({@code mul}, then {@code add}), as {@link OnlineLoops#LOOPS} rounds them, so the two agree bit for bit.
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
    /** Columns of the wide block of a sum: eight independent chains of additions, enough for both add units. */
    static final int WIDE_BLOCK = 8 * LANES;

    @Override
    public void sumRows(double[] v, int[] at, int from, int to, double[][] rows, double[] out, int width) {
        int j = 0;
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
}
