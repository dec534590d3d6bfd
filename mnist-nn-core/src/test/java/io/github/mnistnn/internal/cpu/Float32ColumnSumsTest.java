package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.CpuThreads;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 column sums: by hand on a few rows, the order of one row at a time on a matrix of one stretch,
 * close to the double sums on a convolution's bias gradient of several stretches, and the same bits on one
 * thread as on every core.
 */
class Float32ColumnSumsTest {
    private static float[] random(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] d = new float[count];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextDouble(-1, 1);
        }
        return d;
    }

    @Test
    void sumsTheColumnsScaledAndAddsTheOldOutput() {
        float[] d = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        float[] out = {100, 200};
        new Float32ColumnSums().sum(2, d, 5, 2, 0.5f, out);
        assertThat(out).containsExactly(2 * 25 + 50, 2 * 30 + 100);
        new Float32ColumnSums().sum(1, d, 5, 2, 0, out);
        assertThat(out).containsExactly(25, 30);
    }

    @Test
    void aSingleStretchIsSummedOneRowAfterAnother() {
        int rows = Float32ColumnSums.STRETCH - 1;
        float[] d = random(rows * 7, 3);
        float[] expected = new float[7];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 7; j++) {
                expected[j] += d[r * 7 + j];
            }
        }
        float[] out = new float[7];
        new Float32ColumnSums().sum(1, d, rows, 7, 0, out);
        assertThat(out).containsExactly(expected);
    }

    @Test
    void manyStretchesGiveTheDoubleSumsToFloatRoundingOnAnyThreadCount() {
        int rows = 128 * 28 * 28;
        int cols = 32;
        float[] d = random(rows * cols, 5);
        double[] exact = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                exact[j] += d[r * cols + j];
            }
        }
        int before = CpuThreads.count();
        float[] one = new float[cols];
        float[] all = new float[cols];
        try {
            CpuThreads.setCount(1);
            new Float32ColumnSums().sum(1, d, rows, cols, 0, one);
            CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
            new Float32ColumnSums().sum(1, d, rows, cols, 0, all);
        } finally {
            CpuThreads.setCount(before);
        }
        assertThat(all).containsExactly(one);
        for (int j = 0; j < cols; j++) {
            // Each float addition errs by at most half an ulp of the running sum (|sum| < 1,000 here): 2^-15 per
            // addition at worst, so the bound below allows every one of the 100,352 additions its worst case.
            assertThat((double) one[j]).as("column %d", j).isCloseTo(exact[j], within(rows * 0x1p-15));
        }
    }
}
