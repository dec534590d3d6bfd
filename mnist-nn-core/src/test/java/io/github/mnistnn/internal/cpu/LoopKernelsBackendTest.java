package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.contract.BackendContract;
import io.github.mnistnn.spi.Backend;

/**
 * The CPU backend on its pure-Java loops, as it runs without {@code --add-modules jdk.incubator.vector} or with
 * {@code -Dmnistnn.cpu.vector=false}, against the whole contract ({@link EjmlBackendTest} runs the kernels this
 * JVM chooses, the Vector API ones in this build).
 */
class LoopKernelsBackendTest extends BackendContract {
    @Override
    protected Backend openBackend() {
        return new EjmlBackend(new LoopTallGemm(), new LoopMaxPool(), OnlineLoops.LOOPS);
    }
}
