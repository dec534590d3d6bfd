package io.github.mnistnn.spi;

/**
 * Finds and opens one kind of {@link Backend}. Implementations are registered as a service
 * ({@code provides io.github.mnistnn.spi.BackendProvider with ...} in a module, or
 * {@code META-INF/services/io.github.mnistnn.spi.BackendProvider} on the class path) and found by
 * {@link Backends#open(String)}.
 *
 * <pre>{@code
 * public final class MyProvider implements BackendProvider {
 *     public String name() { return "my-device"; }
 *     public Backend open() { return new MyBackend(); }
 * }
 * }</pre>
 */
public interface BackendProvider {
    /**
     * The name users select this backend by, such as {@code "cpu"} or {@code "opencl"}.
     *
     * @return a short lower-case name
     */
    String name();

    /**
     * Opens a new backend instance, owned by the caller.
     *
     * @return the backend
     * @throws BackendUnavailableException if the device or its drivers are missing, with what to install
     */
    Backend open();

    /**
     * Checks that {@link #open()} would find its device, as cheaply as the backend allows and without keeping
     * anything open. The default opens and closes a backend; a provider whose opening is costly or has effects on
     * the process (compiling kernels, say) overrides it.
     *
     * @throws BackendUnavailableException if the device or its drivers are missing, with what to install
     */
    default void probe() {
        open().close();
    }
}
