package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.DeviceMatrix;
import org.jocl.cl_mem;

/**
 * A {@link DeviceMatrix} in one OpenCL buffer, row-major, of the backend's element type. A matrix either owns its
 * buffer, which closing it releases, or is a {@link #view} of another's: it shares the same {@link ClHandle}, so it
 * is closed as soon as the owner is, and closing it releases nothing.
 */
final class OpenClMatrix implements DeviceMatrix {
    private final OpenClBackend owner;
    private final int rows;
    private final int cols;
    private final ClHandle<cl_mem> buffer;
    private final boolean ownsBuffer;

    OpenClMatrix(OpenClBackend owner, int rows, int cols, ClHandle<cl_mem> buffer) {
        this(owner, rows, cols, buffer, true);
    }

    private OpenClMatrix(OpenClBackend owner, int rows, int cols, ClHandle<cl_mem> buffer, boolean ownsBuffer) {
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.buffer = buffer;
        this.ownsBuffer = ownsBuffer;
    }

    /**
     * A view of the same buffer as a {@code rows x cols} matrix; the caller has checked that the element counts
     * agree.
     *
     * @param viewRows rows of the view
     * @param viewCols columns of the view
     * @return the view, which owns nothing
     * @throws IllegalStateException if the matrix is closed
     */
    OpenClMatrix view(int viewRows, int viewCols) {
        mem();
        return new OpenClMatrix(owner, viewRows, viewCols, buffer, false);
    }

    OpenClBackend owner() {
        return owner;
    }

    @Override
    public boolean sharesStorageWith(io.github.mnistnn.spi.DeviceMatrix other) {
        return other instanceof OpenClMatrix && ((OpenClMatrix) other).buffer == buffer;
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

    /** Releases the buffer if this matrix owns it; a view's close does nothing. */
    @Override
    public void close() {
        if (ownsBuffer) {
            buffer.close();
        }
    }
}
