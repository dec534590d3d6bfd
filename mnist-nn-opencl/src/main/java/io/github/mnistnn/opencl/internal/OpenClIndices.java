package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.DeviceIndices;
import org.jocl.cl_mem;

/**
 * A {@link DeviceIndices} in one OpenCL buffer of ints. It keeps the host copy it was last uploaded from, so
 * that gathers can check their indices without reading the device.
 */
final class OpenClIndices implements DeviceIndices {
    private final OpenClBackend owner;
    private final int[] host;
    private final ClHandle<cl_mem> buffer;

    OpenClIndices(OpenClBackend owner, int length, ClHandle<cl_mem> buffer) {
        this.owner = owner;
        this.host = new int[length];
        this.buffer = buffer;
    }

    OpenClBackend owner() {
        return owner;
    }

    cl_mem mem() {
        if (buffer.isClosed()) {
            throw new IllegalStateException("index vector of " + host.length + " is closed");
        }
        return buffer.get();
    }

    /** The values as last uploaded (zeros before the first upload). */
    int[] host() {
        return host;
    }

    @Override
    public int length() {
        return host.length;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
