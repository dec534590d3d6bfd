package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 online path's hot loops: the Vector API ones against the loops bit for bit on every width up to 80
 * (the eight-vector block, the four-vector block, single vectors and the scalar remainder), and the loops against
 * sums worked out by hand, where one fused multiply-add differs from a product rounded before its sum.
 */
class Float32OnlineLoopsTest {
    private static float[][] rows(SplittableRandom random, int count, int width) {
        float[][] rows = new float[count][width];
        for (float[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) random.nextDouble(-1, 1);
            }
        }
        return rows;
    }

    @Test
    void theLoopsAddTheListedRowsInOrder() {
        float[][] rows = {{1, 2}, {10, 20}, {100, 200}};
        float[] out = {7, 7};
        Float32OnlineLoops.LOOPS.sumRows(new float[] {0, 3, 0.5f}, new int[] {0, 2, 1}, 1, 3, rows, out, 2);
        // 3 * rows[2] + 0.5 * rows[1]; entry 0 of the list is outside [1, 3) and out's old values are discarded.
        assertThat(out).containsExactly(305, 610);
        Float32OnlineLoops.LOOPS.addScaled(-2, new float[] {0.5f, 1}, new int[] {2, 0}, 0, 2, new float[] {1, 3},
                rows, 2);
        assertThat(rows[2]).containsExactly(99, 197);
        assertThat(rows[0]).containsExactly(-1, -4);
        assertThat(rows[1]).containsExactly(10, 20);
    }

    @Test
    void eachTermIsOneFusedMultiplyAdd() {
        // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: rounding the product first loses the 2^-24 (a tie to even), so
        // -1 + p would be 2^-11; one fused multiply-add adds the exact product to -1, which is exact here.
        float x = 1 + 0x1p-12f;
        float[][] rows = {{1}, {x}};
        float[] out = new float[1];
        Float32OnlineLoops.LOOPS.sumRows(new float[] {-1, x}, new int[] {0, 1}, 0, 2, rows, out, 1);
        assertThat(out[0]).isEqualTo(0x1p-11f + 0x1p-24f);
        float[][] updated = {{-1}};
        Float32OnlineLoops.LOOPS.addScaled(1, new float[] {x}, new int[] {0}, 0, 1, new float[] {x}, updated, 1);
        assertThat(updated[0][0]).isEqualTo(0x1p-11f + 0x1p-24f);
    }

    @Test
    void theVectorLoopsAgreeWithTheLoopsBitForBit() {
        assumeTrue(VectorKernels.enabled(), "the build's tests run with --add-modules jdk.incubator.vector");
        Float32OnlineLoops vector = VectorKernels.float32OnlineLoops();
        SplittableRandom random = new SplittableRandom(23);
        // Past two of the widest blocks at 512 bits (8 vectors of 16 floats).
        for (int width = 1; width <= 290; width++) {
            int count = 1 + random.nextInt(40);
            float[] v = new float[count + 3];
            int[] at = new int[count + 3];
            for (int q = 0; q < v.length; q++) {
                v[q] = random.nextInt(5) == 0 ? 0 : (float) random.nextDouble(-3, 3);
                at[q] = random.nextInt(count);
            }
            float[][] rows = rows(random, count, width + 2);
            float[] expected = new float[width + 2];
            float[] actual = new float[width + 2];
            Float32OnlineLoops.LOOPS.sumRows(v, at, 2, count + 2, rows, expected, width);
            vector.sumRows(v, at, 2, count + 2, rows, actual, width);
            assertThat(actual).as("sum of rows, width %d", width).containsExactly(expected);
            // A panel's rows, from the sums already there, at an offset in both arrays.
            int panel = Float32Weights.PANEL;
            float[] panels = rows(random, 1, (count + 1) * panel)[0];
            float[] sums = rows(random, 1, panel + 3)[0];
            float[] expectedSums = sums.clone();
            Float32OnlineLoops.LOOPS.addPanelRows(v, at, 2, count + 2, panels, panel, expectedSums, 3);
            vector.addPanelRows(v, at, 2, count + 2, panels, panel, sums, 3);
            assertThat(sums).as("panel rows added to sums, %d rows", count).containsExactly(expectedSums);

            float[] s = rows(random, 1, width)[0];
            float[][] updated = new float[count][];
            for (int r = 0; r < count; r++) {
                updated[r] = rows[r].clone();
            }
            Float32OnlineLoops.LOOPS.addScaled(-0.01f, v, at, 1, count + 1, s, rows, width);
            vector.addScaled(-0.01f, v, at, 1, count + 1, s, updated, width);
            for (int r = 0; r < count; r++) {
                assertThat(updated[r]).as("row %d, width %d", r, width).containsExactly(rows[r]);
            }
        }
    }
}
