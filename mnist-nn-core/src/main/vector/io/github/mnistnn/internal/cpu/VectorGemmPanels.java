package io.github.mnistnn.internal.cpu;

import java.util.Arrays;

/**
 * The packing of {@link VectorGemm}'s factors into the zero-padded panels its micro-kernels
 * ({@link VectorGemmTiles}) read in order: {@code op(B)} in panels of {@value VectorGemm#NR} columns, a
 * transposed {@code A} in panels of {@value VectorGemm#MR} columns.
 */
final class VectorGemmPanels {
    /** Rows of a tile of {@code C}, as in {@link VectorGemm}. */
    private static final int MR = VectorGemm.MR;
    /** Columns of a tile of {@code C}, as in {@link VectorGemm}. */
    private static final int NR = VectorGemm.NR;

    private VectorGemmPanels() {
    }

    /**
     * Packs rows {@code [from, from + count)} of {@code op(B)} ({@code depth x n}) into {@code panels} of
     * {@value #NR} columns, each {@code count x NR}, padded with zeros.
     */
    static void pack(boolean transB, double[] b, int from, int count, int n, int depth, double[] out) {
        int panels = (n + NR - 1) / NR;
        for (int panel = 0; panel < panels; panel++) {
            int j0 = panel * NR;
            int width = Math.min(NR, n - j0);
            int base = panel * count * NR;
            for (int p = 0; p < count; p++) {
                int at = base + p * NR;
                if (transB) {
                    for (int j = 0; j < width; j++) {
                        out[at + j] = b[(j0 + j) * depth + from + p];
                    }
                } else {
                    System.arraycopy(b, (from + p) * n + j0, out, at, width);
                }
                if (width < NR) {
                    Arrays.fill(out, at + width, at + NR, 0.0);
                }
            }
        }
    }

    /**
     * Packs rows {@code [p0, p0 + count)} of {@code A} ({@code k x m}) as panels of {@value #MR} columns, each
     * {@code count x MR}, the last padded with zeros: the kernel then reads {@code A} in order too.
     */
    static void packColumns(double[] a, int p0, int count, int m, double[] out) {
        int full = m / MR * MR;
        for (int p = 0; p < count; p++) {
            int src = (p0 + p) * m;
            int at = p * MR;
            for (int i = 0; i < full; i += MR, at += count * MR) {
                out[at] = a[src + i];
                out[at + 1] = a[src + i + 1];
                out[at + 2] = a[src + i + 2];
                out[at + 3] = a[src + i + 3];
            }
            if (full < m) {
                for (int r = 0; r < MR; r++) {
                    out[at + r] = full + r < m ? a[src + full + r] : 0;
                }
            }
        }
    }
}
