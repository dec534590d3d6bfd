package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.PoolGeometry;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * Launches the kernels of {@code convolution.cl}: im2col and its adjoint col2im, max-pooling and its backward pass,
 * one work-item per output element. The backward passes gather over the windows that hold each element rather than
 * scatter into it, so they need no atomics and add up their sums in the host reference's order. Callers have
 * checked the shapes.
 */
final class ConvolutionKernels {
    private static final long GROUP = 64;

    private final cl_command_queue queue;
    private final Precision precision;
    private final long group;
    private final cl_kernel im2col;
    private final cl_kernel col2im;
    private final cl_kernel maxPool;
    private final cl_kernel maxPoolBackward;

    ConvolutionKernels(KernelProgram program, cl_command_queue queue, Precision precision, long maxGroup) {
        this.queue = queue;
        this.precision = precision;
        this.group = Math.max(1, Math.min(GROUP, maxGroup));
        this.im2col = program.kernel("im2col");
        this.col2im = program.kernel("col2im");
        this.maxPool = program.kernel("max_pool");
        this.maxPoolBackward = program.kernel("max_pool_backward");
    }

    private KernelLaunch launch(cl_kernel kernel) {
        return new KernelLaunch(kernel, queue, precision);
    }

    private static KernelLaunch geometry(KernelLaunch launch, ConvGeometry g) {
        return launch.integer(g.height()).integer(g.width()).integer(g.channels()).integer(g.kernel())
                .integer(g.stride()).integer(g.padTop()).integer(g.padLeft()).integer(g.outHeight())
                .integer(g.outWidth());
    }

    private static KernelLaunch geometry(KernelLaunch launch, PoolGeometry g) {
        return launch.integer(g.height()).integer(g.width()).integer(g.channels()).integer(g.size())
                .integer(g.stride()).integer(g.outHeight()).integer(g.outWidth());
    }

    /** Every window of {@code batch} images into one row of {@code cols} each; one work-item per column entry. */
    void im2col(ConvGeometry g, int batch, OpenClMatrix images, OpenClMatrix cols) {
        int count = g.columnRows(batch) * g.columnWidth();
        geometry(launch(im2col).mem(images.mem()).mem(cols.mem()), g).integer(count).enqueue1d(count, group);
    }

    /** Every column entry summed back into its image value; one work-item per image value. */
    void col2im(ConvGeometry g, int batch, OpenClMatrix cols, OpenClMatrix images) {
        int count = batch * g.imageSize();
        geometry(launch(col2im).mem(cols.mem()).mem(images.mem()), g).integer(count).enqueue1d(count, group);
    }

    /** The maximum of every window and where it came from; one work-item per output value. */
    void maxPool(PoolGeometry g, int batch, OpenClMatrix input, OpenClIndices argmax, OpenClMatrix output) {
        int count = batch * g.outputSize();
        geometry(launch(maxPool).mem(input.mem()).mem(argmax.mem()).mem(output.mem()), g).integer(count)
                .enqueue1d(count, group);
    }

    /**
     * Every output gradient into the input its maximum came from; one work-item per input value, which ignores an
     * index that is not an input of its own window.
     */
    void maxPoolBackward(PoolGeometry g, int batch, OpenClMatrix gradOutput, OpenClIndices argmax,
            OpenClMatrix gradInput) {
        int count = batch * g.imageSize();
        geometry(launch(maxPoolBackward).mem(gradOutput.mem()).mem(argmax.mem()).mem(gradInput.mem()), g)
                .integer(count).enqueue1d(count, group);
    }
}
