package io.github.mnistnn.benchmarks;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendUnavailableException;
import io.github.mnistnn.spi.Backends;

/**
 * Opens a benchmark's backend, or stops that benchmark (JMH goes on with the others) with one clear line when
 * the device is absent, for instance {@code opencl} on a machine with no OpenCL platform.
 *
 * <pre>{@code
 * Backend device = BackendAvailability.open("opencl");
 * }</pre>
 */
public final class BackendAvailability {
    private BackendAvailability() {
    }

    /**
     * Opens the backend.
     *
     * @param name its provider name
     * @return the open backend, owned by the caller
     * @throws IllegalStateException naming the backend and why it is skipped
     */
    public static Backend open(String name) {
        try {
            return Backends.open(name);
        } catch (BackendUnavailableException e) {
            throw new IllegalStateException("SKIPPED: backend '" + name + "' is not available here: "
                    + e.getMessage(), e);
        }
    }
}
