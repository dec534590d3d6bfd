package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 ReLU: the loops' values worked out by hand at the edges (NaN, signed zeros, infinities, a negative
 * scale), and the Vector API kernel against the loops bit for bit on runs of every length to 40 from odd offsets.
 */
class RectifierTest {
    private static final float[] EDGES = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, 1.5f, -2.5f, Float.MAX_VALUE, Float.intBitsToFloat(0xffc00000)};

    @Test
    void theLoopsKeepPositiveValuesAndSendNaNAndZerosToPlusZero() {
        float[] a = new float[EDGES.length];
        Rectifier.LOOPS.forward(EDGES, a, 0, EDGES.length);
        assertThat(a).containsExactly(0f, 0f, 0f, Float.POSITIVE_INFINITY, 0f, Float.MIN_VALUE, 0f, 1.5f, 0f,
                Float.MAX_VALUE, 0f);
        float[] grad = {1, 1, 1, 2, 1, 3, 1, 4, Float.POSITIVE_INFINITY, Float.NaN, 1};
        float[] out = new float[EDGES.length];
        Rectifier.LOOPS.backward(EDGES, -0.5f, grad, out, 0, EDGES.length);
        assertThat(out).containsExactly(-0f, -0f, -0f, -1f, -0f, -1.5f, -0f, -2f, Float.NaN, Float.NaN, -0f);
    }

    @Test
    void theVectorKernelIsTheLoopsBitForBit() {
        assumeTrue(VectorKernels.enabled(), "the build's tests run with --add-modules jdk.incubator.vector");
        Rectifier vector = VectorKernels.rectifier();
        SplittableRandom random = new SplittableRandom(5);
        for (int length = 0; length <= 40; length++) {
            int from = random.nextInt(4);
            float[] n = new float[from + length + 3];
            float[] grad = new float[n.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = random.nextInt(3) == 0 ? EDGES[random.nextInt(EDGES.length)] : (float) random.nextGaussian();
                grad[i] = random.nextInt(5) == 0 ? EDGES[random.nextInt(EDGES.length)] : (float) random.nextGaussian();
            }
            float[] expected = new float[n.length];
            float[] actual = new float[n.length];
            Rectifier.LOOPS.forward(n, expected, from, from + length);
            vector.forward(n, actual, from, from + length);
            assertThat(actual).as("forward, length %d", length).containsExactly(expected);
            for (float scale : new float[] {1f, -0.5f}) {
                Rectifier.LOOPS.backward(n, scale, grad, expected, from, from + length);
                vector.backward(n, scale, grad, actual, from, from + length);
                assertThat(actual).as("backward, length %d, scale %s", length, scale).containsExactly(expected);
            }
            float[] inPlace = n.clone();
            vector.forward(inPlace, inPlace, from, from + length);
            Rectifier.LOOPS.forward(n, expected, from, from + length);
            for (int i = from; i < from + length; i++) {
                assertThat(inPlace[i]).isEqualTo(expected[i]);
            }
        }
    }
}
