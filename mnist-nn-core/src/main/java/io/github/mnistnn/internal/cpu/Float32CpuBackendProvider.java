package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendProvider;

/**
 * Provides the {@code "cpu-float32"} backend ({@link Float32CpuBackend}).
 *
 * <pre>{@code
 * try (Backend backend = Backends.open("cpu-float32")) {
 *     System.out.println(backend.name());   // cpu-float32
 * }
 * }</pre>
 */
public final class Float32CpuBackendProvider implements BackendProvider {
    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public Float32CpuBackendProvider() {
    }

    @Override
    public String name() {
        return Float32CpuBackend.NAME;
    }

    @Override
    public Backend open() {
        return new Float32CpuBackend();
    }
}
