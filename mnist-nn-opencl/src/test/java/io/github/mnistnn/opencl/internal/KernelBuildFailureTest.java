package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.spi.BackendUnavailableException;
import org.jocl.CL;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.junit.jupiter.api.Test;

/** A kernel that does not compile throws with the compiler's full log, and leaves no handle behind. */
class KernelBuildFailureTest {
    @Test
    @RequiresOpenClDevice
    void aBuildFailureCarriesTheBuildLog() {
        OpenClDevice device = DeviceSelector.select(new DeviceSelection(-1, -1, null,
                io.github.mnistnn.opencl.Precision.FLOAT32));
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        int baseline = ClHandle.live();
        try (ClHandle<cl_context> context = ClHandle.own("context", CL.clCreateContext(properties, 1,
                new cl_device_id[] {device.device()}, null, null, null), CL::clReleaseContext)) {
            String broken = "__kernel void broken(__global float* x) { x[0] = undeclared_name; }";
            assertThatThrownBy(() -> KernelProgram.build(context.get(), device.device(), broken, "-DREAL=float"))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("failed to build")
                    .hasMessageContaining("Build log:").hasMessageContaining("undeclared_name");
            assertThat(ClHandle.live()).as("the failed program is released").isEqualTo(baseline + 1);
        }
    }

    @Test
    void theRowMathIsInstantiatedOncePerAddressSpace() {
        assertThat(KernelProgram.source()).contains("void gemm(", "softmax_forward_g", "softmax_forward_l")
                .doesNotContain("_SFX");
    }
}
