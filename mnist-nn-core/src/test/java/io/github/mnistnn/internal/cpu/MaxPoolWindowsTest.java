package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.spi.PoolGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both implementations of {@link MaxPoolWindows} (the loops, and the Vector API kernels where this JVM runs them)
 * against the SPI's reference {@link PoolGeometry#forward}, bit for bit and index for index, on inputs full of
 * ties, NaNs, infinities and signed zeros, with channel counts that do and do not fill whole vectors.
 */
class MaxPoolWindowsTest {
    private static final int BATCH = 3;

    private static List<MaxPoolWindows> implementations() {
        List<MaxPoolWindows> all = new ArrayList<>(List.of(new LoopMaxPool()));
        if (VectorKernels.enabled()) {
            all.add(VectorKernels.maxPool());
        }
        return all;
    }

    /** Few distinct values, so most windows hold ties; the rest NaN, infinities and both zeros. */
    private static double[] hostile(SplittableRandom random, int count) {
        double[] specials = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0};
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(8) == 0 ? specials[random.nextInt(specials.length)] : random.nextInt(4) - 1.5;
        }
        return values;
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, window {3}, stride {4}")
    @CsvSource({"28, 28, 32, 2, 2", "14, 14, 64, 2, 2", "7, 7, 128, 2, 2", "9, 7, 13, 2, 2", "6, 6, 3, 2, 1",
        "5, 8, 12, 2, 3", "8, 8, 8, 3, 2", "6, 6, 1, 2, 2"})
    void matchesTheReferenceOnDoublesAndFloats(int height, int width, int channels, int size, int stride) {
        PoolGeometry g = PoolGeometry.of(height, width, channels, size, stride);
        double[] input = hostile(new SplittableRandom(height * 31 + channels), BATCH * g.imageSize());
        double[] expected = new double[BATCH * g.outputSize()];
        int[] expectedAt = new int[expected.length];
        g.forward(input, BATCH, expected, expectedAt);
        float[] floats = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            floats[i] = (float) input[i];
        }
        float[] expectedFloats = new float[expected.length];
        for (int i = 0; i < expected.length; i++) {
            expectedFloats[i] = (float) expected[i];
        }
        for (MaxPoolWindows pool : implementations()) {
            double[] out = new double[expected.length];
            int[] at = new int[expected.length];
            // Two ranges, so that each starts where the other stops.
            pool.forward(g, input, 0, 1, out, at);
            pool.forward(g, input, 1, BATCH, out, at);
            assertThat(at).as("%s double indices", pool.getClass().getSimpleName()).containsExactly(expectedAt);
            assertThat(bits(out)).as("%s double values", pool.getClass().getSimpleName())
                    .containsExactly(bits(expected));
            float[] floatOut = new float[expected.length];
            int[] floatAt = new int[expected.length];
            pool.forward(g, floats, 0, BATCH, floatOut, floatAt);
            assertThat(floatAt).as("%s float indices", pool.getClass().getSimpleName()).containsExactly(expectedAt);
            for (int i = 0; i < expected.length; i++) {
                assertThat(Float.floatToRawIntBits(floatOut[i])).as("%s float value %d", pool, i)
                        .isEqualTo(Float.floatToRawIntBits(expectedFloats[i]));
            }
        }
    }

    @Test
    void aTieGoesToTheFirstInputScannedAndTheFirstNaNBeatsEverythingInEveryLane() {
        PoolGeometry g = PoolGeometry.of(2, 2, 8, 2, 2);
        // Inputs in scan order: top left, top right, bottom left, bottom right; lane c of each.
        double[][] window = {
            {1, 5, 0.0, Double.NaN, 2, 7, 3, -1},
            {1, 5, -0.0, 4, Double.NaN, 7, 3, -1},
            {1, 6, 0.0, Double.NaN, 9, 7, 4, Double.NEGATIVE_INFINITY},
            {1, 6, 1.0, 4, 9, 8, 4, -1}};
        double[] input = new double[32];
        for (int position = 0; position < 4; position++) {
            System.arraycopy(window[position], 0, input, position * 8, 8);
        }
        int[] winner = {0, 2, 3, 0, 1, 3, 2, 0};
        double[] value = {1, 6, 1.0, Double.NaN, Double.NaN, 8, 4, -1};
        for (MaxPoolWindows pool : implementations()) {
            double[] out = new double[8];
            int[] at = new int[8];
            pool.forward(g, input, 0, 1, out, at);
            for (int c = 0; c < 8; c++) {
                assertThat(at[c]).as("%s lane %d", pool, c).isEqualTo(winner[c] * 8 + c);
                assertThat(Double.doubleToLongBits(out[c])).as("%s lane %d", pool, c)
                        .isEqualTo(Double.doubleToLongBits(value[c]));
            }
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
