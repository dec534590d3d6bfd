package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Float32OnlineLoops} through {@code jdk.incubator.vector}, in the vectors of {@link FloatLanes}: a sum keeps
 * {@link #WIDE_BLOCK} columns in eight registers (in 256-bit vectors a whole row of the online network's first
 * layer), then {@link #BLOCK} in four, then one vector, while every listed row passes through them, so {@code out}
 * is written once per block; a scaled addition keeps those columns of {@code s} in registers while the listed rows are
 * updated. Every term is a fused multiply-add, as {@link Float32OnlineLoops#LOOPS} forms it with
 * {@link Math#fma(float, float, float)}, in the same order, so the two agree bit for bit. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * Float32OnlineLoops loops = VectorKernels.float32OnlineLoops();
 * }</pre>
 */
final class VectorFloat32OnlineLoops implements Float32OnlineLoops {
    private static final VectorSpecies<Float> SPECIES = FloatLanes.SPECIES;
    private static final int LANES = FloatLanes.LANES;
    static final int BLOCK = 4 * LANES;
    static final int WIDE_BLOCK = 8 * LANES;

    @Override
    public void sumRows(float[] v, int[] at, int from, int to, float[][] rows, float[] out, int width) {
        int j = 0;
        for (; j + WIDE_BLOCK <= width; j += WIDE_BLOCK) {
            wideSum(v, at, from, to, rows, out, j);
        }
        for (; j + BLOCK <= width; j += BLOCK) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            FloatVector c1 = FloatVector.zero(SPECIES);
            FloatVector c2 = FloatVector.zero(SPECIES);
            FloatVector c3 = FloatVector.zero(SPECIES);
            for (int q = from; q < to; q++) {
                float[] row = rows[at[q]];
                FloatVector x = FloatVector.broadcast(SPECIES, v[q]);
                c0 = x.fma(FloatVector.fromArray(SPECIES, row, j), c0);
                c1 = x.fma(FloatVector.fromArray(SPECIES, row, j + LANES), c1);
                c2 = x.fma(FloatVector.fromArray(SPECIES, row, j + 2 * LANES), c2);
                c3 = x.fma(FloatVector.fromArray(SPECIES, row, j + 3 * LANES), c3);
            }
            c0.intoArray(out, j);
            c1.intoArray(out, j + LANES);
            c2.intoArray(out, j + 2 * LANES);
            c3.intoArray(out, j + 3 * LANES);
        }
        for (; j + LANES <= width; j += LANES) {
            FloatVector c = FloatVector.zero(SPECIES);
            for (int q = from; q < to; q++) {
                c = FloatVector.broadcast(SPECIES, v[q]).fma(FloatVector.fromArray(SPECIES, rows[at[q]], j), c);
            }
            c.intoArray(out, j);
        }
        for (; j < width; j++) {
            float c = 0f;
            for (int q = from; q < to; q++) {
                c = Math.fma(v[q], rows[at[q]][j], c);
            }
            out[j] = c;
        }
    }

    private static void wideSum(float[] v, int[] at, int from, int to, float[][] rows, float[] out, int j) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        for (int q = from; q < to; q++) {
            float[] row = rows[at[q]];
            FloatVector x = FloatVector.broadcast(SPECIES, v[q]);
            c0 = x.fma(FloatVector.fromArray(SPECIES, row, j), c0);
            c1 = x.fma(FloatVector.fromArray(SPECIES, row, j + LANES), c1);
            c2 = x.fma(FloatVector.fromArray(SPECIES, row, j + 2 * LANES), c2);
            c3 = x.fma(FloatVector.fromArray(SPECIES, row, j + 3 * LANES), c3);
            c4 = x.fma(FloatVector.fromArray(SPECIES, row, j + 4 * LANES), c4);
            c5 = x.fma(FloatVector.fromArray(SPECIES, row, j + 5 * LANES), c5);
            c6 = x.fma(FloatVector.fromArray(SPECIES, row, j + 6 * LANES), c6);
            c7 = x.fma(FloatVector.fromArray(SPECIES, row, j + 7 * LANES), c7);
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
    public void addPanelRows(float[] v, int[] at, int from, int to, float[] panels, int base, float[] out, int s) {
        for (int h = 0; h < Float32Weights.PANEL; h += PanelRows.WIDTH) {
            PanelRows.add(at, v, from, to, panels, base + h, Float32Weights.PANEL, out, s + h, true);
        }
    }

    @Override
    public void addScaled(float scale, float[] v, int[] at, int from, int to, float[] s, float[][] rows,
            int width) {
        int j = 0;
        for (; j + BLOCK <= width; j += BLOCK) {
            FloatVector s0 = FloatVector.fromArray(SPECIES, s, j);
            FloatVector s1 = FloatVector.fromArray(SPECIES, s, j + LANES);
            FloatVector s2 = FloatVector.fromArray(SPECIES, s, j + 2 * LANES);
            FloatVector s3 = FloatVector.fromArray(SPECIES, s, j + 3 * LANES);
            for (int q = from; q < to; q++) {
                float[] row = rows[at[q]];
                FloatVector x = FloatVector.broadcast(SPECIES, scale * v[q]);
                x.fma(s0, FloatVector.fromArray(SPECIES, row, j)).intoArray(row, j);
                x.fma(s1, FloatVector.fromArray(SPECIES, row, j + LANES)).intoArray(row, j + LANES);
                x.fma(s2, FloatVector.fromArray(SPECIES, row, j + 2 * LANES)).intoArray(row, j + 2 * LANES);
                x.fma(s3, FloatVector.fromArray(SPECIES, row, j + 3 * LANES)).intoArray(row, j + 3 * LANES);
            }
        }
        for (; j + LANES <= width; j += LANES) {
            FloatVector sj = FloatVector.fromArray(SPECIES, s, j);
            for (int q = from; q < to; q++) {
                float[] row = rows[at[q]];
                FloatVector.broadcast(SPECIES, scale * v[q]).fma(sj, FloatVector.fromArray(SPECIES, row, j))
                        .intoArray(row, j);
            }
        }
        for (; j < width; j++) {
            float sj = s[j];
            for (int q = from; q < to; q++) {
                float[] row = rows[at[q]];
                row[j] = Math.fma(scale * v[q], sj, row[j]);
            }
        }
    }
}
