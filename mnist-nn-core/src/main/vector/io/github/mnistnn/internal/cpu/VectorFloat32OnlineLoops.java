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
        sum(v, at, from, to, rows, out, width, false);
    }

    @Override
    public void addRows(float[] v, int[] at, int from, int to, float[][] rows, float[] out, int width) {
        sum(v, at, from, to, rows, out, width, true);
    }

    /** {@link #sumRows} from zeros, or with {@code resume} {@link #addRows} from the sums in {@code out}. */
    private static void sum(float[] v, int[] at, int from, int to, float[][] rows, float[] out, int width,
            boolean resume) {
        int j = 0;
        for (; j + WIDE_BLOCK <= width; j += WIDE_BLOCK) {
            wideSum(v, at, from, to, rows, out, j, resume);
        }
        for (; j + BLOCK <= width; j += BLOCK) {
            FloatVector c0 = start(out, j, resume);
            FloatVector c1 = start(out, j + LANES, resume);
            FloatVector c2 = start(out, j + 2 * LANES, resume);
            FloatVector c3 = start(out, j + 3 * LANES, resume);
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
            FloatVector c = start(out, j, resume);
            for (int q = from; q < to; q++) {
                c = FloatVector.broadcast(SPECIES, v[q]).fma(FloatVector.fromArray(SPECIES, rows[at[q]], j), c);
            }
            c.intoArray(out, j);
        }
        for (; j < width; j++) {
            float c = resume ? out[j] : 0f;
            for (int q = from; q < to; q++) {
                c = Math.fma(v[q], rows[at[q]][j], c);
            }
            out[j] = c;
        }
    }

    private static void wideSum(float[] v, int[] at, int from, int to, float[][] rows, float[] out, int j,
            boolean resume) {
        FloatVector c0 = start(out, j, resume);
        FloatVector c1 = start(out, j + LANES, resume);
        FloatVector c2 = start(out, j + 2 * LANES, resume);
        FloatVector c3 = start(out, j + 3 * LANES, resume);
        FloatVector c4 = start(out, j + 4 * LANES, resume);
        FloatVector c5 = start(out, j + 5 * LANES, resume);
        FloatVector c6 = start(out, j + 6 * LANES, resume);
        FloatVector c7 = start(out, j + 7 * LANES, resume);
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

    /** A block's sums before the first row: zeros, or the sums in {@code out} where they resume. */
    private static FloatVector start(float[] out, int at, boolean resume) {
        return resume ? FloatVector.fromArray(SPECIES, out, at) : FloatVector.zero(SPECIES);
    }
}
