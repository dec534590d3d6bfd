package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.MatrixShapes;
import org.ejml.data.DMatrixRMaj;

/** A {@link DeviceMatrix} that is an EJML row-major double matrix in the Java heap. */
final class EjmlMatrix implements DeviceMatrix {
    private final DMatrixRMaj data;
    /** The matrix whose elements this one views, or {@code this}. */
    private final EjmlMatrix owner;
    private boolean closed;
    private int version;

    EjmlMatrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and column, got " + rows + "x" + cols);
        }
        MatrixShapes.requireElements("allocate", rows, cols);
        this.data = new DMatrixRMaj(rows, cols);
        this.owner = this;
    }

    private EjmlMatrix(EjmlMatrix owner, int rows, int cols) {
        this.data = DMatrixRMaj.wrap(rows, cols, owner.data.data);
        this.owner = owner;
    }

    /** A view of the same elements in another shape, sharing the owner's version and closed state. */
    EjmlMatrix view(int rows, int cols) {
        return new EjmlMatrix(owner, rows, cols);
    }

    /** The values, for reading or writing: counts as a possible change (see {@link #version()}). */
    DMatrixRMaj data() {
        owner.version++;
        return readOnlyData();
    }

    /** The values, for a caller that promises not to write them. */
    DMatrixRMaj readOnlyData() {
        if (owner.closed) {
            throw new IllegalStateException("matrix " + rows() + "x" + cols() + " is closed");
        }
        return data;
    }

    /** Changes whenever the values may have been written, so caches derived from them can tell they are stale. */
    int version() {
        return owner.version;
    }

    @Override
    public int rows() {
        return data.numRows;
    }

    @Override
    public int cols() {
        return data.numCols;
    }

    @Override
    public boolean sharesStorageWith(DeviceMatrix other) {
        return other instanceof EjmlMatrix && ((EjmlMatrix) other).owner == owner;
    }

    @Override
    public void close() {
        if (owner == this) {
            closed = true;
        }
    }
}
