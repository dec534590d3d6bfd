package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.contract.BackendContract;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;

/**
 * The whole core contract against the OpenCL backend in float32, the default precision.
 *
 * <p>Tolerances, and why: values {@value #VALUE_TOLERANCE}, about 16 float32 ulps (2^-24 is 6e-8 relative): every
 * input is rounded to float on upload (half an ulp), each kernel adds a few roundings, and the contract already
 * scales the bound by the length of the sums it checks. Gradients {@value #GRADIENT_TOLERANCE}: the contract
 * recovers a gradient as {@code (W_before - W_after) / lr} from weights near 0.5 stored in float, so each component
 * carries an absolute error near 3e-8 against gradients whose norms are 1e-2 to 1e-1, a relative error of 1e-5 to
 * 1e-4 before any arithmetic.
 */
@RequiresOpenClDevice
class OpenClFloat32BackendContractTest extends BackendContract {
    static final double VALUE_TOLERANCE = 1e-6;
    static final double GRADIENT_TOLERANCE = 1e-3;

    @Override
    protected Backend openBackend() {
        return OpenClAvailability.open(Precision.FLOAT32);
    }

    @Override
    protected double valueTolerance() {
        return VALUE_TOLERANCE;
    }

    @Override
    protected double gradientTolerance() {
        return GRADIENT_TOLERANCE;
    }
}
