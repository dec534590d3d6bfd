package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.DeviceMatrix;
import org.ejml.data.DMatrixRMaj;

/** A {@link DeviceMatrix} that is an EJML row-major double matrix in the Java heap. */
final class EjmlMatrix implements DeviceMatrix {
    private final DMatrixRMaj data;
    private boolean closed;

    EjmlMatrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and column, got " + rows + "x" + cols);
        }
        this.data = new DMatrixRMaj(rows, cols);
    }

    DMatrixRMaj data() {
        if (closed) {
            throw new IllegalStateException("matrix " + rows() + "x" + cols() + " is closed");
        }
        return data;
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
    public void close() {
        closed = true;
    }
}
