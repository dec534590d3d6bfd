package io.github.mnistnn.spi;

/**
 * A vector of row indices on a {@link Backend}'s device, used to gather a shuffled batch without sending
 * the batch itself across.
 *
 * <pre>{@code
 * try (Backend backend = Backends.open("cpu");
 *      DeviceIndices order = backend.allocateIndices(3)) {
 *     backend.upload(new int[] {2, 0, 1}, order);
 * }
 * }</pre>
 */
public interface DeviceIndices extends AutoCloseable {
    /**
     * The number of indices.
     *
     * @return the length, at least 1
     */
    int length();

    /** Releases the device memory; closing twice is harmless. */
    @Override
    void close();
}
