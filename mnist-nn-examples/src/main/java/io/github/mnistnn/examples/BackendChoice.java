package io.github.mnistnn.examples;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;

/**
 * The backend a run trains on, opened before any data is loaded, so an unknown name or a missing device is
 * reported at once. The run passes the open backend to its trainer and closes it at the end.
 *
 * <pre>{@code
 * try (Backend backend = BackendChoice.open("--backend", "cpu")) {
 *     Trainer.builder().backend(backend).build();
 * }
 * }</pre>
 */
final class BackendChoice {
    private BackendChoice() {
    }

    /**
     * Opens a backend by name.
     *
     * @param option the option that named it, for the message
     * @param name the backend's name
     * @return the open backend, owned by the caller
     * @throws UsageException if no backend has that name, naming the option, the name and those available
     * @throws io.github.mnistnn.spi.BackendUnavailableException if it exists but cannot open (no device, say)
     */
    static Backend open(String option, String name) throws UsageException {
        if (!Backends.names().contains(name)) {
            throw new UsageException(option + ": no backend named '" + name + "'; available: "
                    + String.join(", ", Backends.names()));
        }
        return Backends.open(name);
    }
}
