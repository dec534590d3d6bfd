package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.DeviceIndices;
import org.jocl.cl_mem;

/**
 * A {@link DeviceIndices} in one OpenCL buffer of ints. It keeps a host copy of its values, so that gathers can
 * check their indices without reading the device. A kernel that writes the vector (maxPool's argmax) makes the copy
 * stale; the backend then reads the values back before it next checks them.
 */
final class OpenClIndices implements DeviceIndices {
    private final OpenClBackend owner;
    private final int[] host;
    private final ClHandle<cl_mem> buffer;
    private boolean hostStale;

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

    /** The values as last uploaded or read back (zeros before the first upload); stale if {@link #hostStale()}. */
    int[] host() {
        return host;
    }

    /** Whether a kernel may have written the vector since {@link #host()} last held its values. */
    boolean hostStale() {
        return hostStale;
    }

    /** Records that a kernel is about to write the vector on the device. */
    void writtenOnDevice() {
        hostStale = true;
    }

    /** Records that {@link #host()} holds the device's values again, after an upload or a read-back. */
    void hostCurrent() {
        hostStale = false;
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
