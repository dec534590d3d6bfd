package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loop of the float32 zero-skipping products ({@link VectorSparseSgemm} in training,
 * {@link VectorFloat32OnlineLoops#addPanelRows} in inference): listed rows of a packed panel, each scaled by its
 * entry, added into {@link #WIDTH} sums held in four vector registers of {@link FloatLanes}. The sums go to memory
 * once per call, so a caller that keeps a block of the panel in L1 while many rows pass over it does two vector
 * loads from L1 per fused multiply-add and nothing else. Each sum is the chain of fused multiply-adds over the
 * listed entries in order, as {@link Math#fma(float, float, float)} forms it. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * PanelRows.add(at, values, from, to, panel, 0, 64, sums, 0, true);
 * }</pre>
 */
final class PanelRows {
    private static final VectorSpecies<Float> SPECIES = FloatLanes.SPECIES;
    private static final int LANES = FloatLanes.LANES;
    /** The columns one call sums: four vectors. */
    static final int WIDTH = 4 * LANES;

    private PanelRows() {
    }

    /**
     * {@code acc[s + j] = fma(value[e], pb[base + at[e] * stride + j], ...)} over the listed entries {@code e} in
     * {@code [from, to)}, in order, for {@code j < }{@link #WIDTH}: from zero, or with {@code resume} from the sums
     * in {@code acc}.
     *
     * @param at the rows of the panel, indexed like {@code value}
     * @param value the factors
     * @param from the first listed entry
     * @param to past the last listed entry
     * @param pb the packed panels
     * @param base where row 0 of these columns starts in {@code pb}
     * @param stride floats from one row of the panel to the next, at least {@link #WIDTH}
     * @param acc the sums, {@link #WIDTH} from {@code s} written (and with {@code resume} read first)
     * @param s where the sums start
     * @param resume whether to add to the sums in {@code acc} instead of starting from zero
     */
    static void add(int[] at, float[] value, int from, int to, float[] pb, int base, int stride, float[] acc, int s,
            boolean resume) {
        FloatVector c0 = resume ? FloatVector.fromArray(SPECIES, acc, s) : FloatVector.zero(SPECIES);
        FloatVector c1 = resume ? FloatVector.fromArray(SPECIES, acc, s + LANES) : FloatVector.zero(SPECIES);
        FloatVector c2 = resume ? FloatVector.fromArray(SPECIES, acc, s + 2 * LANES) : FloatVector.zero(SPECIES);
        FloatVector c3 = resume ? FloatVector.fromArray(SPECIES, acc, s + 3 * LANES) : FloatVector.zero(SPECIES);
        for (int e = from; e < to; e++) {
            FloatVector v = FloatVector.broadcast(SPECIES, value[e]);
            int x = base + at[e] * stride;
            c0 = v.fma(FloatVector.fromArray(SPECIES, pb, x), c0);
            c1 = v.fma(FloatVector.fromArray(SPECIES, pb, x + LANES), c1);
            c2 = v.fma(FloatVector.fromArray(SPECIES, pb, x + 2 * LANES), c2);
            c3 = v.fma(FloatVector.fromArray(SPECIES, pb, x + 3 * LANES), c3);
        }
        c0.intoArray(acc, s);
        c1.intoArray(acc, s + LANES);
        c2.intoArray(acc, s + 2 * LANES);
        c3.intoArray(acc, s + 3 * LANES);
    }
}
