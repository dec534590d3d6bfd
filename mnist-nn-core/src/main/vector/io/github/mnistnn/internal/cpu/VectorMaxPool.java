package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.PoolGeometry;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPoolWindows} through {@code jdk.incubator.vector} for 2x2 windows (any stride), the pooling of every
 * CNN in this library: channels last, so one vector holds {@link FloatLanes#LANES} float (four double) channels of
 * one pixel, and a window is four loads, three compare-and-blends of the values and three of their indices, in the
 * reference's order (top left, top right, bottom left, bottom right; a later value wins only where it is larger
 * or the first NaN). The channels past the last whole vector, and every other window size, take the loops of
 * {@link LoopMaxPool}. Each window is straight-line code with no vector carried around a loop, which C2 keeps in
 * registers on JDK 17 as well (a loop over the window's positions allocated every vector there, and ran no faster
 * than the scalar loops). Compiled only with {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * MaxPoolWindows pool = VectorKernels.maxPool();
 * }</pre>
 */
final class VectorMaxPool implements MaxPoolWindows {
    private static final VectorSpecies<Float> FLOATS = FloatLanes.SPECIES;
    private static final VectorSpecies<Integer> INTS = FloatLanes.INTS;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final int FLOAT_LANES = FloatLanes.LANES;
    private static final int DOUBLE_LANES = 4;

    private final LoopMaxPool loops = new LoopMaxPool();

    @Override
    public void forward(PoolGeometry g, double[] input, int from, int to, double[] output, int[] argmax) {
        if (g.size() != 2) {
            loops.forward(g, input, from, to, output, argmax);
            return;
        }
        int channels = g.channels();
        int right = channels;
        int down = g.width() * channels;
        int whole = channels - channels % DOUBLE_LANES;
        // Indices leave the long vector through this buffer: a long-to-int conversion is not compiled as one
        // instruction on JDK 17.
        long[] lanes = new long[DOUBLE_LANES];
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int out = ((b * g.outHeight() + oy) * g.outWidth() + ox) * channels;
                    int first = ((b * g.height() + oy * g.stride()) * g.width() + ox * g.stride()) * channels;
                    for (int c = 0; c < whole; c += DOUBLE_LANES) {
                        window(input, first + c, right, down, output, argmax, out + c, lanes);
                    }
                    for (int c = whole; c < channels; c++) {
                        LoopMaxPool.window(g, input, b, oy, ox, c, output, argmax, out + c);
                    }
                }
            }
        }
    }

    @Override
    public void forward(PoolGeometry g, float[] input, int from, int to, float[] output, int[] argmax) {
        if (g.size() != 2) {
            loops.forward(g, input, from, to, output, argmax);
            return;
        }
        int channels = g.channels();
        int right = channels;
        int down = g.width() * channels;
        int whole = channels - channels % FLOAT_LANES;
        for (int b = from; b < to; b++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int out = ((b * g.outHeight() + oy) * g.outWidth() + ox) * channels;
                    int first = ((b * g.height() + oy * g.stride()) * g.width() + ox * g.stride()) * channels;
                    for (int c = 0; c < whole; c += FLOAT_LANES) {
                        window(input, first + c, right, down, output, argmax, out + c);
                    }
                    for (int c = whole; c < channels; c++) {
                        LoopMaxPool.window(g, input, b, oy, ox, c, output, argmax, out + c);
                    }
                }
            }
        }
    }

    /** One vector of channels of one 2x2 window whose top-left inputs start at {@code p}. */
    private static void window(float[] input, int p, int right, int down, float[] output, int[] argmax, int out) {
        IntVector lane = IntVector.zero(INTS).addIndex(1);
        FloatVector topLeft = FloatVector.fromArray(FLOATS, input, p);
        FloatVector topRight = FloatVector.fromArray(FLOATS, input, p + right);
        FloatVector bottomLeft = FloatVector.fromArray(FLOATS, input, p + down);
        FloatVector bottomRight = FloatVector.fromArray(FLOATS, input, p + down + right);
        VectorMask<Float> first = wins(topRight, topLeft);
        FloatVector best = topLeft.blend(topRight, first);
        IntVector at = lane.add(p).blend(lane.add(p + right), first.cast(INTS));
        VectorMask<Float> second = wins(bottomLeft, best);
        best = best.blend(bottomLeft, second);
        at = at.blend(lane.add(p + down), second.cast(INTS));
        VectorMask<Float> third = wins(bottomRight, best);
        best.blend(bottomRight, third).intoArray(output, out);
        at.blend(lane.add(p + down + right), third.cast(INTS)).intoArray(argmax, out);
    }

    /** Four channels of one 2x2 window whose top-left inputs start at {@code p}. */
    private static void window(double[] input, int p, int right, int down, double[] output, int[] argmax, int out,
            long[] lanes) {
        LongVector lane = LongVector.zero(LONGS).addIndex(1);
        DoubleVector topLeft = DoubleVector.fromArray(DOUBLES, input, p);
        DoubleVector topRight = DoubleVector.fromArray(DOUBLES, input, p + right);
        DoubleVector bottomLeft = DoubleVector.fromArray(DOUBLES, input, p + down);
        DoubleVector bottomRight = DoubleVector.fromArray(DOUBLES, input, p + down + right);
        VectorMask<Double> first = wins(topRight, topLeft);
        DoubleVector best = topLeft.blend(topRight, first);
        LongVector at = lane.add(p).blend(lane.add(p + right), first.cast(LONGS));
        VectorMask<Double> second = wins(bottomLeft, best);
        best = best.blend(bottomLeft, second);
        at = at.blend(lane.add(p + down), second.cast(LONGS));
        VectorMask<Double> third = wins(bottomRight, best);
        best.blend(bottomRight, third).intoArray(output, out);
        at.blend(lane.add(p + down + right), third.cast(LONGS)).intoArray(lanes, 0);
        for (int j = 0; j < DOUBLE_LANES; j++) {
            argmax[out + j] = (int) lanes[j];
        }
    }

    /** {@link io.github.mnistnn.spi.PoolGeometry#wins} lane by lane: larger, or the first NaN. */
    private static VectorMask<Float> wins(FloatVector candidate, FloatVector best) {
        return candidate.compare(VectorOperators.GT, best).or(candidate.compare(VectorOperators.NE, candidate)
                .andNot(best.compare(VectorOperators.NE, best)));
    }

    private static VectorMask<Double> wins(DoubleVector candidate, DoubleVector best) {
        return candidate.compare(VectorOperators.GT, best).or(candidate.compare(VectorOperators.NE, candidate)
                .andNot(best.compare(VectorOperators.NE, best)));
    }
}
