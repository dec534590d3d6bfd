package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The packed left factor: kept positions in order (non-zero, or positive when rectified), windows of 64 positions
 * for training and one window per row for inference, worked out by hand on a row of 150 values.
 */
class SparseRowsTest {
    private static final int K = 150;

    /** Row 1 of a 2 x 150 matrix: non-zero at 3, 64, 70 (negative) and 149; NaN at 100; row 0 all ones. */
    private static double[] matrix() {
        double[] a = new double[2 * K];
        Arrays.fill(a, 0, K, 1);
        a[K + 3] = 0.5;
        a[K + 64] = 2;
        a[K + 70] = -1;
        a[K + 100] = Double.NaN;
        a[K + 149] = 7;
        return a;
    }

    @Test
    void windowsOfSixtyFourPositions() {
        SparseRows rows = new SparseRows();
        rows.ensureCapacity(2, K);
        rows.pack(false, false, matrix(), 2, K, 1);
        assertThat(rows.windowCount(K)).isEqualTo(3);
        assertThat(Arrays.copyOf(rows.positions(1), 5)).containsExactly(3, 64, 70, 100, 149);
        assertThat(Arrays.copyOf(rows.windows(1), 4)).containsExactly(0, 1, 4, 5);
        rows.pack(false, true, matrix(), 2, K, 1);
        assertThat(Arrays.copyOf(rows.positions(1), 3)).containsExactly(3, 64, 149);
        assertThat(Arrays.copyOf(rows.windows(1), 4)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void wholeRowsKeepTheSamePositionsInOneWindow() {
        SparseRows rows = SparseRows.wholeRows();
        rows.ensureCapacity(2, K);
        rows.pack(false, false, matrix(), 2, K, 1);
        assertThat(rows.windowCount(K)).isEqualTo(1);
        assertThat(rows.windowCount(0)).isZero();
        assertThat(Arrays.copyOf(rows.positions(1), 5)).containsExactly(3, 64, 70, 100, 149);
        assertThat(Arrays.copyOf(rows.windows(1), 2)).containsExactly(0, 5);
        rows.pack(false, false, matrix(), 2, K, 0);
        assertThat(Arrays.copyOf(rows.windows(0), 2)).containsExactly(0, K);
    }

    @Test
    void aTransposedFactorIsReadDownItsColumn() {
        double[] a = matrix();
        double[] transposed = new double[a.length];
        for (int i = 0; i < 2; i++) {
            for (int p = 0; p < K; p++) {
                transposed[p * 2 + i] = a[i * K + p];
            }
        }
        SparseRows rows = SparseRows.wholeRows();
        rows.ensureCapacity(2, K);
        rows.pack(true, true, transposed, 2, K, 1);
        assertThat(Arrays.copyOf(rows.positions(1), 3)).containsExactly(3, 64, 149);
        assertThat(Arrays.copyOf(rows.windows(1), 2)).containsExactly(0, 3);
    }
}
