package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * Launches {@code gemm.cl}: {@code c = alpha op(a) op(b) + beta c} with {@code TILE x TILE} work-groups over the
 * output, rounded up to whole tiles (the kernel masks the edge).
 */
final class GemmKernel {
    private final cl_kernel kernel;
    private final cl_command_queue queue;
    private final Precision precision;

    GemmKernel(KernelProgram program, cl_command_queue queue, Precision precision) {
        this.kernel = program.kernel("gemm");
        this.queue = queue;
        this.precision = precision;
    }

    /**
     * Enqueues the product; the shapes were checked by the caller.
     *
     * @param transA use {@code a^T}
     * @param transB use {@code b^T}
     * @param alpha scale of the product
     * @param a left factor
     * @param b right factor
     * @param beta scale of the old {@code c}
     * @param c the output
     */
    void enqueue(boolean transA, boolean transB, double alpha, OpenClMatrix a, OpenClMatrix b, double beta,
            OpenClMatrix c) {
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        long tile = KernelProgram.TILE;
        new KernelLaunch(kernel, queue, precision).integer(m).integer(n).integer(k).integer(transA ? 1 : 0)
                .integer(transB ? 1 : 0).real(alpha).mem(a.mem()).mem(b.mem()).real(beta).mem(c.mem())
                .enqueue2d(roundUp(n, tile), roundUp(m, tile), tile, tile);
    }

    private static long roundUp(long size, long tile) {
        return (size + tile - 1) / tile * tile;
    }
}
