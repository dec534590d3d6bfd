package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Rectifier} through {@code jdk.incubator.vector}, a {@link FloatLanes} vector at a time: the mask
 * {@code n > 0} (false for NaN) picks {@code n} or {@code +0} forward, and {@code 1} or {@code 0} backward, which is
 * then scaled and multiplied as the loops do, so the two agree bit for bit (a negative scale gives {@code -0} where
 * the derivative is 0, in both). The last few floats take the loops. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * Rectifier relu = VectorKernels.rectifier();
 * }</pre>
 */
final class VectorRectifier implements Rectifier {
    private static final VectorSpecies<Float> SPECIES = FloatLanes.SPECIES;
    private static final int LANES = FloatLanes.LANES;

    @Override
    public void forward(float[] n, float[] a, int from, int to) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, n, i);
            zero.blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(a, i);
        }
        Rectifier.LOOPS.forward(n, a, i, to);
    }

    @Override
    public void backward(float[] n, float scale, float[] grad, float[] out, int from, int to) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            VectorMask<Float> active = FloatVector.fromArray(SPECIES, n, i).compare(VectorOperators.GT, 0f);
            zero.blend(one, active).mul(scale).mul(FloatVector.fromArray(SPECIES, grad, i)).intoArray(out, i);
        }
        Rectifier.LOOPS.backward(n, scale, grad, out, i, to);
    }
}
