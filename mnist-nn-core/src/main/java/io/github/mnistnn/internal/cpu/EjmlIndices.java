package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.DeviceIndices;

/** A {@link DeviceIndices} that is a plain int array. */
final class EjmlIndices implements DeviceIndices {
    private final int[] values;
    private boolean closed;

    EjmlIndices(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("an index vector needs at least one element, got " + length);
        }
        this.values = new int[length];
    }

    int[] values() {
        if (closed) {
            throw new IllegalStateException("index vector of " + values.length + " is closed");
        }
        return values;
    }

    @Override
    public int length() {
        return values.length;
    }

    @Override
    public void close() {
        closed = true;
    }
}
