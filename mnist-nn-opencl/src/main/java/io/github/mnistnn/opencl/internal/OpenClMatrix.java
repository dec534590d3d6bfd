package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.DeviceMatrix;
import org.jocl.cl_mem;

/** A {@link DeviceMatrix} in one OpenCL buffer, row-major, of the backend's element type. */
final class OpenClMatrix implements DeviceMatrix {
    private final OpenClBackend owner;
    private final int rows;
    private final int cols;
    private final ClHandle<cl_mem> buffer;

    OpenClMatrix(OpenClBackend owner, int rows, int cols, ClHandle<cl_mem> buffer) {
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.buffer = buffer;
    }

    OpenClBackend owner() {
        return owner;
    }

    /**
     * The buffer.
     *
     * @return the {@code cl_mem}
     * @throws IllegalStateException if the matrix is closed
     */
    cl_mem mem() {
        if (buffer.isClosed()) {
            throw new IllegalStateException("matrix " + rows + "x" + cols + " is closed");
        }
        return buffer.get();
    }

    int size() {
        return rows * cols;
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
    public void close() {
        buffer.close();
    }
}
