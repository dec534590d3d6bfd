package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.contract.BackendContract;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;

/**
 * The float32 CPU backend against the whole contract, with the kernels this JVM chooses (the Vector API ones in
 * this build).
 *
 * <p>Tolerances, and why (those of the OpenCL float32 test, which computes the same formulas in float): values
 * {@value #VALUE_TOLERANCE}, about 16 float32 ulps (2^-24 is 6e-8 relative): every input is rounded to float on
 * upload (half an ulp), each operation rounds its result to float once ({@code exp}, {@code log} and {@code tanh}
 * are StrictMath's, rounded once), and the contract already scales the bound by the length of the sums it checks,
 * which this backend forms in float from the first term to the last. Gradients {@value #GRADIENT_TOLERANCE}: the
 * contract recovers a gradient as {@code (W_before - W_after) / lr} from weights near 0.5 stored in float, so each
 * component carries an absolute error near 3e-8 against gradients whose norms are 1e-2 to 1e-1, a relative error of
 * 1e-5 to 1e-4 before any arithmetic.
 *
 * <pre>{@code
 * mvn -q surefire:test -Dtest='Float32*BackendTest'
 * }</pre>
 */
class Float32CpuBackendTest extends BackendContract {
    static final double VALUE_TOLERANCE = 1e-6;
    static final double GRADIENT_TOLERANCE = 1e-3;

    @Override
    protected Backend openBackend() {
        return Backends.open("cpu-float32");
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
