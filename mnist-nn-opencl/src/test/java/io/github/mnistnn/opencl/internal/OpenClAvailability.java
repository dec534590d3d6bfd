package io.github.mnistnn.opencl.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendUnavailableException;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens OpenCL backends for tests. Where no OpenCL platform exists the test is aborted (reported as skipped, with
 * the reason); when the environment variable {@code CI} is {@code true} it fails instead, so CI cannot pass
 * without running the OpenCL tests.
 */
final class OpenClAvailability {
    private OpenClAvailability() {
    }

    /**
     * Opens a backend on the default device (or the one the system properties choose) in the given precision.
     *
     * @param precision the precision
     * @return the backend
     */
    static Backend open(Precision precision) {
        DeviceSelection fromProperties = DeviceSelection.fromSystemProperties();
        DeviceSelection selection = new DeviceSelection(fromProperties.platformIndex(), fromProperties.deviceIndex(),
                fromProperties.deviceName(), precision);
        try {
            return OpenClBackendProvider.open(selection);
        } catch (BackendUnavailableException e) {
            return unavailable(e);
        }
    }

    private static Backend unavailable(BackendUnavailableException e) {
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, but OpenCL is unavailable: " + e.getMessage(), e);
        }
        Assumptions.abort("no OpenCL platform: " + e.getMessage());
        throw new AssertionError("unreachable");
    }
}
