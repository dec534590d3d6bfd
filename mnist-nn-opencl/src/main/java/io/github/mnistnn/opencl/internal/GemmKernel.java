package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * Launches {@code gemm.cl}: {@code c = alpha op(a) op(b) + beta c} with {@code TILE x TILE} work-groups over the
 * output, rounded up to whole tiles (the kernel masks the edge). Outputs of at least {@value #BLOCKED_EDGE} rows
 * and columns go to the register-blocked kernel, each work-group computing {@value #BLOCKED_EDGE} x
 * {@value #BLOCKED_EDGE} values; smaller ones (one sample's row, the 10-unit layer) to the simple tiled one, which
 * wastes no work-items on them.
 */
final class GemmKernel {
    /** The output edge of a register-blocked work-group: {@code TILE} work-items times 4 values each. */
    static final int BLOCKED_EDGE = KernelProgram.TILE * 4;

    private final cl_kernel kernel;
    private final cl_kernel blocked;
    private final cl_command_queue queue;
    private final Precision precision;

    GemmKernel(KernelProgram program, cl_command_queue queue, Precision precision) {
        this.kernel = program.kernel("gemm");
        this.blocked = program.kernel("gemm_blocked");
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
        boolean large = m >= BLOCKED_EDGE && n >= BLOCKED_EDGE;
        KernelLaunch launch = new KernelLaunch(large ? blocked : kernel, queue, precision).integer(m).integer(n)
                .integer(k).integer(transA ? 1 : 0).integer(transB ? 1 : 0).real(alpha).mem(a.mem()).mem(b.mem())
                .real(beta).mem(c.mem());
        if (large) {
            launch.enqueue2d(roundUp(n, BLOCKED_EDGE) / 4, roundUp(m, BLOCKED_EDGE) / 4, tile, tile);
        } else {
            launch.enqueue2d(roundUp(n, tile), roundUp(m, tile), tile, tile);
        }
    }

    private static long roundUp(long size, long tile) {
        return (size + tile - 1) / tile * tile;
    }
}
