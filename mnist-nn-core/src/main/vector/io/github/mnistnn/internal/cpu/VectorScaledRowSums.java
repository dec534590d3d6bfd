package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScaledRowSums} through {@code jdk.incubator.vector}: the sums are held in registers, {@value #WIDE_BLOCK}
 * columns at a time (eight 256-bit vectors: eight independent chains of fused multiply-adds, as many as two FMA
 * units of four cycles' latency keep busy), then {@value #BLOCK}, while every listed row passes through them, so
 * each row value is one load and one fused multiply-add and {@code acc} is written once per block. The columns
 * past the last whole block take one vector at a time, the last few a scalar loop; every column sees the listed
 * rows in order, as {@link ScaledRowSums#LOOPS} does. Compiled only with {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * ScaledRowSums sums = VectorKernels.scaledRowSums();
 * }</pre>
 */
final class VectorScaledRowSums implements ScaledRowSums {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    static final int BLOCK = 4 * LANES;
    /** Columns of the wide block: eight independent chains, enough to keep both FMA units busy. */
    static final int WIDE_BLOCK = 8 * LANES;

    @Override
    public void sum(int[] at, float[] value, int count, float[][] rows, float[] acc, int n) {
        int j = 0;
        for (; j + WIDE_BLOCK <= n; j += WIDE_BLOCK) {
            wideBlock(at, value, count, rows, acc, j);
        }
        for (; j + BLOCK <= n; j += BLOCK) {
            block(at, value, count, rows, acc, j);
        }
        for (; j + LANES <= n; j += LANES) {
            FloatVector c = FloatVector.zero(SPECIES);
            for (int q = 0; q < count; q++) {
                c = FloatVector.broadcast(SPECIES, value[q]).fma(FloatVector.fromArray(SPECIES, rows[at[q]], j), c);
            }
            c.intoArray(acc, j);
        }
        for (; j < n; j++) {
            float c = 0;
            for (int q = 0; q < count; q++) {
                c = Math.fma(value[q], rows[at[q]][j], c);
            }
            acc[j] = c;
        }
    }

    private static void wideBlock(int[] at, float[] value, int count, float[][] rows, float[] acc, int j) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int q = 0; q < count; q++) {
            float[] row = rows[at[q]];
            FloatVector v = FloatVector.broadcast(SPECIES, value[q]);
            c0 = v.fma(FloatVector.fromArray(SPECIES, row, j), c0);
            c1 = v.fma(FloatVector.fromArray(SPECIES, row, j + LANES), c1);
            c2 = v.fma(FloatVector.fromArray(SPECIES, row, j + 2 * LANES), c2);
            c3 = v.fma(FloatVector.fromArray(SPECIES, row, j + 3 * LANES), c3);
            c4 = v.fma(FloatVector.fromArray(SPECIES, row, j + 4 * LANES), c4);
            c5 = v.fma(FloatVector.fromArray(SPECIES, row, j + 5 * LANES), c5);
            c6 = v.fma(FloatVector.fromArray(SPECIES, row, j + 6 * LANES), c6);
            c7 = v.fma(FloatVector.fromArray(SPECIES, row, j + 7 * LANES), c7);
        }
        c0.intoArray(acc, j);
        c1.intoArray(acc, j + LANES);
        c2.intoArray(acc, j + 2 * LANES);
        c3.intoArray(acc, j + 3 * LANES);
        c4.intoArray(acc, j + 4 * LANES);
        c5.intoArray(acc, j + 5 * LANES);
        c6.intoArray(acc, j + 6 * LANES);
        c7.intoArray(acc, j + 7 * LANES);
    }

    private static void block(int[] at, float[] value, int count, float[][] rows, float[] acc, int j) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        for (int q = 0; q < count; q++) {
            float[] row = rows[at[q]];
            FloatVector v = FloatVector.broadcast(SPECIES, value[q]);
            c0 = v.fma(FloatVector.fromArray(SPECIES, row, j), c0);
            c1 = v.fma(FloatVector.fromArray(SPECIES, row, j + LANES), c1);
            c2 = v.fma(FloatVector.fromArray(SPECIES, row, j + 2 * LANES), c2);
            c3 = v.fma(FloatVector.fromArray(SPECIES, row, j + 3 * LANES), c3);
        }
        c0.intoArray(acc, j);
        c1.intoArray(acc, j + LANES);
        c2.intoArray(acc, j + 2 * LANES);
        c3.intoArray(acc, j + 3 * LANES);
    }
}
