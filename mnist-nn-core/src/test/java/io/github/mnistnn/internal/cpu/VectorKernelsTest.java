package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one decision between the Vector API kernels and the pure-Java loops. */
class VectorKernelsTest {
    private static final Optional<Module> MODULE = ModuleLayer.boot().findModule(VectorKernels.MODULE);

    @Test
    void withoutTheModuleTheLoopsRunAndTheReasonSaysHowToTurnTheKernelsOn() {
        VectorKernels.Choice choice = VectorKernels.choose(null, Optional.empty());
        assertThat(choice.enabled()).isFalse();
        assertThat(choice.reason()).startsWith("pure Java").contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void thePropertyForcesTheLoopsEvenWithTheModule() {
        assumeTrue(MODULE.isPresent(), "the build's tests run with --add-modules jdk.incubator.vector");
        VectorKernels.Choice choice = VectorKernels.choose(" FALSE ", MODULE);
        assertThat(choice.enabled()).isFalse();
        assertThat(choice.reason()).isEqualTo("pure Java (" + VectorKernels.PROPERTY + "=false)");
    }

    @Test
    void withTheModuleTheKernelsRunOnThisMachine() {
        assumeTrue(MODULE.isPresent(), "the build's tests run with --add-modules jdk.incubator.vector");
        VectorKernels.Choice choice = VectorKernels.choose("true", MODULE);
        assertThat(choice.reason()).matches("Vector API \\(float (256|512)-bit, double 256-bit\\)");
        assertThat(choice.enabled()).isTrue();
        assertThat(TallGemm.create()).isNotInstanceOf(LoopTallGemm.class);
    }
}
