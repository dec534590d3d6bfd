package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.contract.BackendContract;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;

/** The CPU backend against the whole contract, at double precision's default tolerances. */
class EjmlBackendTest extends BackendContract {
    @Override
    protected Backend openBackend() {
        return Backends.open("cpu");
    }
}
