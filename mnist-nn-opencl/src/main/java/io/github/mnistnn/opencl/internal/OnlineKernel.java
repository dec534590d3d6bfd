package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Launches {@code online.cl}: a stretch of online learning as one work-group in one launch, with every layer's
 * activations and deltas in local memory. Networks deeper than {@link KernelProgram#MAX_LAYERS} or too wide for
 * the device's local memory do not {@link #fits fit}; the backend says so through canTrainOnline and the
 * trainer runs its own step instead.
 */
final class OnlineKernel {
    private static final int MAX_GROUP = 256;
    /** Local memory left for the compiler's own use. */
    private static final long LOCAL_RESERVE = 1024;

    private final cl_kernel kernel;
    private final cl_command_queue queue;
    private final Precision precision;
    private final long localBytes;
    private final long group;

    OnlineKernel(KernelProgram program, cl_command_queue queue, OpenClDevice device, Precision precision) {
        this.kernel = program.kernel("train_online");
        this.queue = queue;
        this.precision = precision;
        this.localBytes = device.localMemBytes();
        long[] kernelMax = new long[1];
        CL.clGetKernelWorkGroupInfo(kernel, device.device(), CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                Pointer.to(kernelMax), null);
        this.group = Math.max(1, Math.min(MAX_GROUP, Math.min(device.maxWorkGroupSize(), kernelMax[0])));
    }

    private long scratchBytes(int[] dims, int depth) {
        long units = 0;
        for (int k = 1; k <= depth; k++) {
            units += dims[k];
        }
        return 4 * units * precision.bytes();
    }

    /**
     * Whether a network runs in the fused kernel on this device.
     *
     * @param dims the input width, then each layer's width
     * @param depth the number of layers
     * @return {@code true} if it fits
     */
    boolean fits(int[] dims, int depth) {
        return depth <= KernelProgram.MAX_LAYERS && scratchBytes(dims, depth) <= localBytes - LOCAL_RESERVE;
    }

    /**
     * Enqueues the stretch; the caller checked every argument.
     *
     * @param rule the rule's kernel code
     * @param loss the loss's kernel code
     * @param dims 16 ints: the input width, then each layer's width
     * @param depth the number of layers
     * @param acts the activations' kernel codes, 3 bits per layer
     * @param learningRate the learning rate
     * @param weights the weight buffers, one per layer
     * @param biases the bias buffers, one per layer
     * @param x the samples
     * @param y the targets
     * @param order the sample order
     * @param first the first position in {@code order}
     * @param count how many samples
     * @param metrics the metrics accumulator
     */
    void enqueue(int rule, int loss, int[] dims, int depth, int acts, double learningRate, cl_mem[] weights,
            cl_mem[] biases, cl_mem x, cl_mem y, cl_mem order, int first, int count, cl_mem metrics) {
        KernelLaunch launch = new KernelLaunch(kernel, queue, precision).integer(rule).integer(loss).integer(depth)
                .int16(dims).integer(acts).real(-learningRate);
        for (int k = 0; k < KernelProgram.MAX_LAYERS; k++) {
            launch.mem(weights[Math.min(k, depth - 1)]);
        }
        for (int k = 0; k < KernelProgram.MAX_LAYERS; k++) {
            launch.mem(biases[Math.min(k, depth - 1)]);
        }
        launch.mem(x).mem(y).mem(order).integer(first).integer(count).mem(metrics)
                .local(scratchBytes(dims, depth)).enqueue1d(group, group);
    }
}
