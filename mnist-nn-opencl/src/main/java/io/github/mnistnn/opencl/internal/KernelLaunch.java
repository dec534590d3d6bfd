package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Sets a kernel's arguments in order and enqueues it. Scalars of the element type go in as float or double by
 * the backend's {@link Precision}. Not thread-safe, like the backend.
 *
 * <pre>{@code
 * new KernelLaunch(kernel, queue, precision).real(1.5).mem(m).integer(n).enqueue1d(n, 64);
 * }</pre>
 */
final class KernelLaunch {
    private final cl_kernel kernel;
    private final cl_command_queue queue;
    private final Precision precision;
    private int index;

    KernelLaunch(cl_kernel kernel, cl_command_queue queue, Precision precision) {
        this.kernel = kernel;
        this.queue = queue;
        this.precision = precision;
    }

    KernelLaunch mem(cl_mem mem) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(mem));
        return this;
    }

    KernelLaunch integer(int value) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {value}));
        return this;
    }

    KernelLaunch long64(long value) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_long, Pointer.to(new long[] {value}));
        return this;
    }

    KernelLaunch int16(int[] values) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_int * 16L, Pointer.to(values));
        return this;
    }

    KernelLaunch real(double value) {
        if (precision == Precision.FLOAT64) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_double, Pointer.to(new double[] {value}));
        } else {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {(float) value}));
        }
        return this;
    }

    KernelLaunch local(long bytes) {
        CL.clSetKernelArg(kernel, index++, bytes, null);
        return this;
    }

    /**
     * Enqueues over {@code count} work-items, rounded up to whole work-groups of {@code group}.
     *
     * @param count the work-items needed
     * @param group the work-group size
     */
    void enqueue1d(long count, long group) {
        long global = (count + group - 1) / group * group;
        CL.clEnqueueNDRangeKernel(queue, kernel, 1, null, new long[] {global}, new long[] {group}, 0, null, null);
    }

    /**
     * Enqueues a 2-D range; both global sizes must be multiples of the local ones.
     *
     * @param global0 global size along dimension 0
     * @param global1 global size along dimension 1
     * @param local0 work-group size along dimension 0
     * @param local1 work-group size along dimension 1
     */
    void enqueue2d(long global0, long global1, long local0, long local1) {
        CL.clEnqueueNDRangeKernel(queue, kernel, 2, null, new long[] {global0, global1},
                new long[] {local0, local1}, 0, null, null);
    }
}
