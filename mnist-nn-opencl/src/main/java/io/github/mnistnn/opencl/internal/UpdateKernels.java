package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.DropoutNoise;
import io.github.mnistnn.spi.OptimizerStep;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * Launches the kernels of {@code update.cl}: the optimizer step, the dropout mask and the element-wise product.
 * Callers have checked the shapes.
 */
final class UpdateKernels {
    private static final long GROUP = 64;

    private final cl_command_queue queue;
    private final Precision precision;
    private final long group;
    private final cl_kernel applyGradient;
    private final cl_kernel dropoutMask;
    private final cl_kernel multiply;

    UpdateKernels(KernelProgram program, cl_command_queue queue, Precision precision, long maxGroup) {
        this.queue = queue;
        this.precision = precision;
        this.group = Math.max(1, Math.min(GROUP, maxGroup));
        this.applyGradient = program.kernel("apply_gradient");
        this.dropoutMask = program.kernel("dropout_mask");
        this.multiply = program.kernel("multiply");
    }

    private KernelLaunch launch(cl_kernel kernel) {
        return new KernelLaunch(kernel, queue, precision);
    }

    void applyGradient(OptimizerStep s, OpenClMatrix grad, OpenClMatrix m, OpenClMatrix v, OpenClMatrix p) {
        launch(applyGradient).integer(s.rule()).real(s.learningRate()).real(s.beta1()).real(s.beta2())
                .real(s.epsilon()).real(s.l2()).real(s.decoupledDecay()).real(s.c1()).real(s.c2()).mem(p.mem())
                .mem(grad.mem()).mem(m.mem()).mem(v.mem()).integer(p.size()).enqueue1d(p.size(), group);
    }

    void dropoutMask(double rate, long seed, long counter, OpenClMatrix mask) {
        launch(dropoutMask).long64(seed).long64(counter).integer(DropoutNoise.threshold(rate)).real(1 / (1 - rate))
                .mem(mask.mem()).integer(mask.size()).enqueue1d(mask.size(), group);
    }

    void multiply(OpenClMatrix x, OpenClMatrix y, OpenClMatrix out) {
        launch(multiply).mem(x.mem()).mem(y.mem()).mem(out.mem()).integer(out.size()).enqueue1d(out.size(), group);
    }
}
