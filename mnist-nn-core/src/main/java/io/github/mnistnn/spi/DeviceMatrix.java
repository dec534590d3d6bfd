package io.github.mnistnn.spi;

/**
 * A dense, row-major matrix that lives on a {@link Backend}'s device. Its contents cross to the host only
 * through {@link Backend#upload} and {@link Backend#download}.
 *
 * <pre>{@code
 * try (Backend backend = Backends.open("cpu");
 *      DeviceMatrix m = backend.allocate(2, 3)) {
 *     backend.upload(new double[] {1, 2, 3, 4, 5, 6}, 0, m);
 * }
 * }</pre>
 */
public interface DeviceMatrix extends AutoCloseable {
    /**
     * The number of rows.
     *
     * @return rows, at least 1
     */
    int rows();

    /**
     * The number of columns.
     *
     * @return columns, at least 1
     */
    int cols();

    /**
     * Whether this matrix and {@code other} hold the same elements: the same matrix, or views of one another
     * ({@link Backend#reshape}). Operations whose output must not alias an input check this.
     *
     * @param other another matrix
     * @return {@code true} for one storage; by default only for the same object
     */
    default boolean sharesStorageWith(DeviceMatrix other) {
        return this == other;
    }

    /**
     * Releases the device memory. Closing twice is harmless; using a closed matrix throws
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
