package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * Blocking copies between host arrays and device buffers. The host side is always {@code double[]} (or
 * {@code int[]}); with {@link Precision#FLOAT32} values are rounded to float on the way in and widened on the way
 * out.
 */
final class HostTransfer {
    private final cl_command_queue queue;
    private final Precision precision;

    HostTransfer(cl_command_queue queue, Precision precision) {
        this.queue = queue;
        this.precision = precision;
    }

    void write(cl_mem mem, long elementOffset, double[] src) {
        if (src.length == 0) {
            return;
        }
        long offset = elementOffset * precision.bytes();
        long bytes = (long) src.length * precision.bytes();
        if (precision == Precision.FLOAT64) {
            CL.clEnqueueWriteBuffer(queue, mem, CL.CL_TRUE, offset, bytes, Pointer.to(src), 0, null, null);
        } else {
            float[] f = new float[src.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) src[i];
            }
            CL.clEnqueueWriteBuffer(queue, mem, CL.CL_TRUE, offset, bytes, Pointer.to(f), 0, null, null);
        }
    }

    void write(cl_mem mem, int[] src) {
        CL.clEnqueueWriteBuffer(queue, mem, CL.CL_TRUE, 0, (long) src.length * Sizeof.cl_int, Pointer.to(src), 0,
                null, null);
    }

    void read(cl_mem mem, int[] dst) {
        CL.clEnqueueReadBuffer(queue, mem, CL.CL_TRUE, 0, (long) dst.length * Sizeof.cl_int, Pointer.to(dst), 0,
                null, null);
    }

    void read(cl_mem mem, int count, double[] dst) {
        long bytes = (long) count * precision.bytes();
        if (precision == Precision.FLOAT64) {
            CL.clEnqueueReadBuffer(queue, mem, CL.CL_TRUE, 0, bytes, Pointer.to(dst), 0, null, null);
        } else {
            float[] f = new float[count];
            CL.clEnqueueReadBuffer(queue, mem, CL.CL_TRUE, 0, bytes, Pointer.to(f), 0, null, null);
            for (int i = 0; i < count; i++) {
                dst[i] = f[i];
            }
        }
    }
}
