package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Loss;
import io.github.mnistnn.opencl.Precision;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * Launches the element- and row-wise kernels of {@code rows.cl}. Callers have checked the shapes; every launch
 * is rounded up to whole work-groups and the kernels mask the tail.
 */
final class RowKernels {
    private static final long GROUP = 64;

    private final cl_command_queue queue;
    private final Precision precision;
    private final long group;
    private final cl_kernel fill;
    private final cl_kernel addRowVector;
    private final cl_kernel sumRows;
    private final cl_kernel activate;
    private final cl_kernel activateSoftmax;
    private final cl_kernel activationBackward;
    private final cl_kernel softmaxBackward;
    private final cl_kernel outputDelta;
    private final cl_kernel accumulateMetrics;
    private final cl_kernel gatherRows;

    RowKernels(KernelProgram program, cl_command_queue queue, Precision precision, long maxGroup) {
        this.queue = queue;
        this.precision = precision;
        this.group = Math.max(1, Math.min(GROUP, maxGroup));
        this.fill = program.kernel("fill");
        this.addRowVector = program.kernel("add_row_vector");
        this.sumRows = program.kernel("sum_rows");
        this.activate = program.kernel("activate");
        this.activateSoftmax = program.kernel("activate_softmax");
        this.activationBackward = program.kernel("activation_backward");
        this.softmaxBackward = program.kernel("softmax_backward");
        this.outputDelta = program.kernel("output_delta");
        this.accumulateMetrics = program.kernel("accumulate_metrics");
        this.gatherRows = program.kernel("gather_rows");
    }

    private KernelLaunch launch(cl_kernel kernel) {
        return new KernelLaunch(kernel, queue, precision);
    }

    void fill(double value, OpenClMatrix m) {
        launch(fill).real(value).mem(m.mem()).integer(m.size()).enqueue1d(m.size(), group);
    }

    void addRowVector(OpenClMatrix bias, OpenClMatrix m) {
        launch(addRowVector).mem(bias.mem()).mem(m.mem()).integer(m.cols()).integer(m.size())
                .enqueue1d(m.size(), group);
    }

    void sumRows(double alpha, OpenClMatrix m, double beta, OpenClMatrix out) {
        launch(sumRows).real(alpha).mem(m.mem()).integer(m.rows()).integer(m.cols()).real(beta).mem(out.mem())
                .enqueue1d(m.cols(), group);
    }

    void activate(Activation f, OpenClMatrix n, OpenClMatrix a) {
        if (f.isElementwise()) {
            launch(activate).integer(KernelCodes.of(f)).mem(n.mem()).mem(a.mem()).integer(n.size())
                    .enqueue1d(n.size(), group);
        } else {
            launch(activateSoftmax).mem(n.mem()).mem(a.mem()).integer(n.rows()).integer(n.cols())
                    .enqueue1d(n.rows(), group);
        }
    }

    void activationBackward(Activation f, OpenClMatrix n, OpenClMatrix a, double scale, OpenClMatrix grad,
            OpenClMatrix out) {
        if (f.isElementwise()) {
            launch(activationBackward).integer(KernelCodes.of(f)).mem(n.mem()).mem(a.mem()).real(scale)
                    .mem(grad.mem()).mem(out.mem()).integer(n.size()).enqueue1d(n.size(), group);
        } else {
            launch(softmaxBackward).mem(a.mem()).real(scale).mem(grad.mem()).mem(out.mem()).integer(n.rows())
                    .integer(n.cols()).enqueue1d(n.rows(), group);
        }
    }

    void outputDelta(Loss loss, Activation f, OpenClMatrix n, OpenClMatrix a, OpenClMatrix y, OpenClMatrix s) {
        launch(outputDelta).integer(KernelCodes.of(loss)).integer(KernelCodes.of(f)).mem(n.mem()).mem(a.mem())
                .mem(y.mem()).mem(s.mem()).integer(n.rows()).integer(n.cols()).enqueue1d(n.rows(), group);
    }

    void accumulateMetrics(Loss loss, OpenClMatrix n, OpenClMatrix a, OpenClMatrix y, int firstSample,
            OpenClMatrix metrics) {
        launch(accumulateMetrics).integer(KernelCodes.of(loss)).mem(n.mem()).mem(a.mem()).mem(y.mem())
                .integer(n.rows()).integer(n.cols()).integer(firstSample).mem(metrics.mem()).enqueue1d(1, 1);
    }

    void gatherRows(OpenClMatrix src, OpenClIndices order, int offset, OpenClMatrix dst) {
        launch(gatherRows).mem(src.mem()).mem(order.mem()).integer(offset).mem(dst.mem()).integer(dst.cols())
                .integer(dst.size()).enqueue1d(dst.size(), group);
    }
}
