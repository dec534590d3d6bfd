package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendProvider;

/** Provides the {@code "cpu"} backend. */
public final class EjmlBackendProvider implements BackendProvider {
    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public EjmlBackendProvider() {
    }

    @Override
    public String name() {
        return EjmlBackend.NAME;
    }

    @Override
    public Backend open() {
        return new EjmlBackend();
    }
}
