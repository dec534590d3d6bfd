package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.contract.BackendContract;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;

/**
 * The whole core contract against the OpenCL backend in float64. Tolerances: values 1e-11 (ten times the CPU's
 * 1e-12) because OpenCL's double {@code exp}, {@code log} and {@code tanh} may be up to a few ulp from Java's
 * {@code Math}, which is correctly rounded to within 1 ulp; gradients keep the default 1e-6.
 */
@RequiresOpenClDevice
class OpenClFloat64BackendContractTest extends BackendContract {
    @Override
    protected Backend openBackend() {
        return OpenClAvailability.open(Precision.FLOAT64);
    }

    @Override
    protected double valueTolerance() {
        return 1e-11;
    }
}
