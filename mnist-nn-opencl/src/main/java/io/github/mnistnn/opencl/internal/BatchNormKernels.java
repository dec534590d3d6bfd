package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.MatrixShapes;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * Launches the kernels of {@code batchnorm.cl}: the column statistics and the backward column sums with one
 * work-group per column (a power of two, at most {@value #MAX_REDUCTION} and no more than the rows need), the
 * normalisation, prediction and input gradient with one work-item per element. The launchers assume
 * {@link MatrixShapes}'s batch normalisation checks made, which the CPU backend makes too.
 */
final class BatchNormKernels {
    private static final long GROUP = 64;
    private static final long MAX_REDUCTION = 256;

    private final cl_command_queue queue;
    private final Precision precision;
    private final long group;
    private final long reduction;
    private final cl_kernel statistics;
    private final cl_kernel normalise;
    private final cl_kernel inference;
    private final cl_kernel backwardSums;
    private final cl_kernel backward;

    BatchNormKernels(KernelProgram program, cl_command_queue queue, OpenClDevice device, Precision precision) {
        this.queue = queue;
        this.precision = precision;
        this.group = Math.max(1, Math.min(GROUP, device.maxWorkGroupSize()));
        this.statistics = program.kernel("batch_norm_statistics");
        this.normalise = program.kernel("batch_norm_normalise");
        this.inference = program.kernel("batch_norm_inference");
        this.backwardSums = program.kernel("batch_norm_backward_sums");
        this.backward = program.kernel("batch_norm_backward");
        long limit = Math.min(MAX_REDUCTION, Math.min(device.maxWorkGroupSize(),
                Math.min(kernelGroup(statistics, device), kernelGroup(backwardSums, device))));
        this.reduction = Long.highestOneBit(Math.max(1, limit));
    }

    private static long kernelGroup(cl_kernel kernel, OpenClDevice device) {
        long[] size = new long[1];
        CL.clGetKernelWorkGroupInfo(kernel, device.device(), CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                Pointer.to(size), null);
        return size[0];
    }

    private KernelLaunch launch(cl_kernel kernel) {
        return new KernelLaunch(kernel, queue, precision);
    }

    /** The work-group of a column reduction: the smallest power of two covering the rows, within the limit. */
    private long reductionGroup(int rows) {
        long covering = rows <= 1 ? 1 : Long.highestOneBit(rows - 1L) << 1;
        return Math.min(reduction, covering);
    }

    void forward(BatchNormStep step, OpenClMatrix x, OpenClMatrix gamma, OpenClMatrix beta, OpenClMatrix running,
            OpenClMatrix saved, OpenClMatrix xHat, OpenClMatrix y) {
        long local = reductionGroup(x.rows());
        launch(statistics).mem(x.mem()).integer(x.rows()).integer(x.cols()).real(step.epsilon())
                .real(step.momentum()).mem(running.mem()).mem(saved.mem()).local(local * precision.bytes())
                .enqueue1d(local * x.cols(), local);
        launch(normalise).mem(x.mem()).mem(gamma.mem()).mem(beta.mem()).mem(saved.mem()).mem(xHat.mem())
                .mem(y.mem()).integer(x.cols()).integer(x.size()).enqueue1d(x.size(), group);
    }

    void inference(BatchNormStep step, OpenClMatrix x, OpenClMatrix gamma, OpenClMatrix beta, OpenClMatrix running,
            OpenClMatrix y) {
        launch(inference).mem(x.mem()).mem(gamma.mem()).mem(beta.mem()).mem(running.mem()).real(step.epsilon())
                .mem(y.mem()).integer(x.cols()).integer(x.size()).enqueue1d(x.size(), group);
    }

    void backward(OpenClMatrix dy, OpenClMatrix xHat, OpenClMatrix gamma, OpenClMatrix saved, OpenClMatrix sumDy,
            OpenClMatrix sumDyXHat, OpenClMatrix dx) {
        long local = reductionGroup(dy.rows());
        launch(backwardSums).mem(dy.mem()).mem(xHat.mem()).integer(dy.rows()).integer(dy.cols()).mem(sumDy.mem())
                .mem(sumDyXHat.mem()).local(local * precision.bytes()).enqueue1d(local * dy.cols(), local);
        launch(backward).mem(dy.mem()).mem(xHat.mem()).mem(gamma.mem()).mem(saved.mem()).mem(sumDy.mem())
                .mem(sumDyXHat.mem()).mem(dx.mem()).integer(dy.rows()).integer(dy.cols()).integer(dy.size())
                .enqueue1d(dy.size(), group);
    }
}
