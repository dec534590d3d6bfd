package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScaledRowSums} through {@code jdk.incubator.vector}: the sums are held in registers, {@value #BLOCK}
 * columns (four 256-bit vectors) at a time, while every listed row passes through them, so each row value is one
 * load and one fused multiply-add and {@code acc} is written once per block instead of read and written once
 * per four rows. The columns past the last whole block take one vector at a time, the last few a scalar loop; every
 * column sees the listed rows in order, as {@link ScaledRowSums#LOOPS} does. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * ScaledRowSums sums = VectorKernels.scaledRowSums();
 * }</pre>
 */
final class VectorScaledRowSums implements ScaledRowSums {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    static final int BLOCK = 4 * LANES;

    @Override
    public void sum(int[] at, float[] value, int count, float[][] rows, float[] acc, int n) {
        int j = 0;
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
