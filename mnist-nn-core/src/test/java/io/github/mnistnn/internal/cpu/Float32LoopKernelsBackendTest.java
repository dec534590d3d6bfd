package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.Backend;

/**
 * The float32 CPU backend on its pure-Java product ({@link LoopSgemm}), as it runs without
 * {@code --add-modules jdk.incubator.vector} or with {@code -Dmnistnn.cpu.vector=false}, against the whole contract
 * at {@link Float32CpuBackendTest}'s tolerances, for the same reasons.
 *
 * <pre>{@code
 * try (Backend loops = new Float32CpuBackend(new LoopSgemm(), new LoopMaxPool(), Rectifier.LOOPS,
 *         Float32OnlineLoops.LOOPS)) { ... }
 * }</pre>
 */
class Float32LoopKernelsBackendTest extends Float32CpuBackendTest {
    @Override
    protected Backend openBackend() {
        return new Float32CpuBackend(new LoopSgemm(), new LoopMaxPool(), Rectifier.LOOPS, Float32OnlineLoops.LOOPS);
    }
}
