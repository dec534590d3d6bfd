package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The online path's hot loops: the Vector API ones against the loops bit for bit on every width up to 70 (whole
 * blocks, single vectors and the scalar remainder), and the loops against sums worked out by hand.
 */
class OnlineLoopsTest {
    private static double[][] rows(SplittableRandom random, int count, int width) {
        double[][] rows = new double[count][width];
        for (double[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        return rows;
    }

    @Test
    void theLoopsAddTheListedRowsInOrder() {
        double[][] rows = {{1, 2}, {10, 20}, {100, 200}};
        double[] out = {7, 7};
        OnlineLoops.LOOPS.sumRows(new double[] {0, 3, 0.5}, new int[] {0, 2, 1}, 1, 3, rows, out, 2);
        // 3 * rows[2] + 0.5 * rows[1]; entry 0 of the list is outside [1, 3) and out's old values are discarded.
        assertThat(out).containsExactly(305, 610);
        OnlineLoops.LOOPS.addScaled(-2, new double[] {0.5, 1}, new int[] {2, 0}, 0, 2, new double[] {1, 3}, rows, 2);
        assertThat(rows[2]).containsExactly(99, 197);
        assertThat(rows[0]).containsExactly(-1, -4);
        assertThat(rows[1]).containsExactly(10, 20);
    }

    @Test
    void theVectorLoopsAgreeWithTheLoopsBitForBit() {
        assumeTrue(VectorKernels.enabled(), "the build's tests run with --add-modules jdk.incubator.vector");
        OnlineLoops vector = VectorKernels.onlineLoops();
        SplittableRandom random = new SplittableRandom(17);
        for (int width = 1; width <= 70; width++) {
            int count = 1 + random.nextInt(40);
            double[] v = new double[count + 3];
            int[] at = new int[count + 3];
            for (int q = 0; q < v.length; q++) {
                v[q] = random.nextInt(5) == 0 ? 0 : random.nextDouble(-3, 3);
                at[q] = random.nextInt(count);
            }
            double[][] rows = rows(random, count, width + 2);
            double[] expected = new double[width + 2];
            double[] actual = new double[width + 2];
            OnlineLoops.LOOPS.sumRows(v, at, 2, count + 2, rows, expected, width);
            vector.sumRows(v, at, 2, count + 2, rows, actual, width);
            assertThat(actual).as("sum of rows, width %d", width).containsExactly(expected);

            double[] s = rows(random, 1, width)[0];
            double[][] updated = new double[count][];
            for (int r = 0; r < count; r++) {
                updated[r] = rows[r].clone();
            }
            OnlineLoops.LOOPS.addScaled(-0.01, v, at, 1, count + 1, s, rows, width);
            vector.addScaled(-0.01, v, at, 1, count + 1, s, updated, width);
            for (int r = 0; r < count; r++) {
                assertThat(updated[r]).as("row %d, width %d", r, width).containsExactly(rows[r]);
            }
        }
    }
}
