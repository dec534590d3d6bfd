package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendProvider;
import java.lang.System.Logger.Level;

/**
 * Provides the {@code "opencl"} backend, choosing the device from the system properties
 * {@code mnistnn.opencl.platform}, {@code mnistnn.opencl.deviceIndex}, {@code mnistnn.opencl.device} (a name
 * substring) and {@code mnistnn.opencl.precision} ({@code float32} or {@code float64}).
 *
 * <pre>{@code
 * // java -Dmnistnn.opencl.device=H100 ...
 * try (Backend backend = Backends.open("opencl")) { ... }
 * }</pre>
 */
public final class OpenClBackendProvider implements BackendProvider {
    /** The name users select this backend by. */
    public static final String NAME = "opencl";
    private static final System.Logger LOG = System.getLogger(OpenClBackendProvider.class.getName());

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public OpenClBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Backend open() {
        return open(DeviceSelection.fromSystemProperties());
    }

    /** Finds the selected device without building the kernels (which starts the driver's compiler). */
    @Override
    public void probe() {
        DeviceSelector.select(DeviceSelection.fromSystemProperties());
    }

    /**
     * Opens a backend on the selected device.
     *
     * @param selection the device and precision
     * @return the backend, owned by the caller
     * @throws io.github.mnistnn.spi.BackendUnavailableException if OpenCL, the platform or the device is missing,
     *     or the kernels do not build
     */
    public static Backend open(DeviceSelection selection) {
        OpenClDevice device = DeviceSelector.select(selection);
        OpenClBackend backend = new OpenClBackend(device, selection.precision());
        LOG.log(Level.DEBUG, () -> "opened OpenCL backend on " + device + " in " + selection.precision());
        return backend;
    }
}
