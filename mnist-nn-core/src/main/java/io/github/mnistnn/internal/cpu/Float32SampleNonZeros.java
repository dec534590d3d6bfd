package io.github.mnistnn.internal.cpu;

/**
 * {@link SampleNonZeros} for {@link Float32Matrix}: the non-zero features of every sample (row), positions and
 * float values side by side (compressed sparse rows), listed once per unchanged data matrix instead of once per
 * sample per epoch. Remembers which matrix and which {@link Float32Matrix#version()} it was built from.
 *
 * <pre>{@code
 * Float32SampleNonZeros nz = Float32SampleNonZeros.of(x, cached);
 * for (int q = nz.start[s]; q < nz.start[s + 1]; q++) { int i = nz.index[q]; float v = nz.value[q]; ... }
 * }</pre>
 */
final class Float32SampleNonZeros {
    private final Float32Matrix source;
    private final int version;
    final int[] start;
    final int[] index;
    final float[] value;

    private Float32SampleNonZeros(Float32Matrix source, int[] start, int[] index, float[] value) {
        this.source = source;
        this.version = source.version();
        this.start = start;
        this.index = index;
        this.value = value;
    }

    /**
     * The non-zeros of {@code x}: {@code cached} again if it was built from the same, unchanged matrix.
     *
     * @param x the data, one sample per row
     * @param cached the last result, or {@code null}
     * @return positions and values for every row
     */
    static Float32SampleNonZeros of(Float32Matrix x, Float32SampleNonZeros cached) {
        if (cached != null && cached.source == x && cached.version == x.version()) {
            return cached;
        }
        float[] data = x.readOnlyValues();
        int rows = x.rows();
        int cols = x.cols();
        int[] start = new int[rows + 1];
        // One pass, branch-free: every value is written at q, and q moves on only past a non-zero (a branch on
        // each pixel would be mispredicted at every edge of a stroke). The arrays grow ahead of each row.
        int[] index = new int[Math.max(cols, rows * cols / 4)];
        float[] value = new float[index.length];
        int q = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = q;
            if (q + cols > index.length) {
                int grown = Math.max(q + cols, (int) Math.min(Integer.MAX_VALUE - 8, 2L * index.length));
                index = java.util.Arrays.copyOf(index, grown);
                value = java.util.Arrays.copyOf(value, grown);
            }
            for (int i = 0, at = r * cols; i < cols; i++, at++) {
                float v = data[at];
                index[q] = i;
                value[q] = v;
                q += v != 0 ? 1 : 0;
            }
        }
        start[rows] = q;
        return new Float32SampleNonZeros(x, start, index, value);
    }
}
