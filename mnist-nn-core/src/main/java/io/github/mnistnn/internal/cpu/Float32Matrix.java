package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.MatrixShapes;

/**
 * A {@link DeviceMatrix} of {@link Float32CpuBackend}: a row-major {@code float[]} in the Java heap. A view
 * ({@link #view}) is another shape over the same array and shares its owner's closed state.
 *
 * <pre>{@code
 * Float32Matrix m = new Float32Matrix(6, 2);
 * Float32Matrix wide = m.view(3, 4);   // writing one writes the other
 * }</pre>
 */
final class Float32Matrix implements DeviceMatrix {
    private final float[] values;
    /** The matrix whose elements this one views, or {@code this}. */
    private final Float32Matrix owner;
    private final int rows;
    private final int cols;
    private boolean closed;
    /** Counts the calls that may have changed the values (of the owner's array; a view's stays unused). */
    private int version;

    Float32Matrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and column, got " + rows + "x" + cols);
        }
        this.values = new float[MatrixShapes.requireElements("allocate", rows, cols)];
        this.owner = this;
        this.rows = rows;
        this.cols = cols;
    }

    private Float32Matrix(Float32Matrix owner, int rows, int cols) {
        this.values = owner.values;
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
    }

    /** A view of the same elements in another shape, sharing the owner's closed state. */
    Float32Matrix view(int rows, int cols) {
        return new Float32Matrix(owner, rows, cols);
    }

    /** The values, row-major, for reading or writing: counts as a possible change (see {@link #version()}). */
    float[] values() {
        float[] v = readOnlyValues();
        owner.version++;
        return v;
    }

    /** The values, row-major, for a caller that promises not to write them. */
    float[] readOnlyValues() {
        if (owner.closed) {
            throw new IllegalStateException("matrix " + rows + "x" + cols + " is closed");
        }
        return values;
    }

    /**
     * A number that changes whenever the values may have changed: every {@link #values()} call on this matrix
     * or a view of it counts, so a result derived from the values can be kept while the version stays the same.
     */
    int version() {
        return owner.version;
    }

    /** Rounds {@code src} to float into the values from {@code at} on. */
    void write(double[] src, int at) {
        float[] d = values();
        for (int i = 0; i < src.length; i++) {
            d[at + i] = (float) src[i];
        }
    }

    /** Widens the first {@code count} values into {@code dst}. */
    void read(double[] dst, int count) {
        float[] s = values();
        for (int i = 0; i < count; i++) {
            dst[i] = s[i];
        }
    }

    /**
     * Row {@code r} becomes row {@code order[offset + r]} of {@code src}, for every row; an index outside
     * {@code src} is refused before any row is copied.
     */
    void gather(Float32Matrix src, int[] order, int offset) {
        float[] s = src.values();
        float[] d = values();
        for (int r = 0; r < rows; r++) {
            int row = order[offset + r];
            if (row < 0 || row >= src.rows) {
                throw new IllegalArgumentException("gatherRows: index " + row + " is outside the " + src.rows
                        + " rows");
            }
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, order[offset + r] * cols, d, r * cols, cols);
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public boolean sharesStorageWith(DeviceMatrix other) {
        return other instanceof Float32Matrix && ((Float32Matrix) other).owner == owner;
    }

    @Override
    public void close() {
        if (owner == this) {
            closed = true;
        }
    }
}
