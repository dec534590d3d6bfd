package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendUnavailableException;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.FusedOnlineTraining;
import io.github.mnistnn.spi.MatrixShapes;
import io.github.mnistnn.spi.OptimizerStep;
import io.github.mnistnn.spi.PoolGeometry;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

/**
 * The OpenCL backend: one context, one in-order queue and one program on one device. Matrices stay on the device;
 * {@link #upload} and {@link #download} are the only copies, and they block. Kernels are enqueued without waiting,
 * so a training step costs launches, not round trips. Shapes are checked with {@link MatrixShapes}, so this backend
 * refuses exactly the calls the CPU backend refuses; the one difference is {@link #maxPoolBackward}, which cannot
 * check indices that {@link #maxPool} wrote on the device without reading them back, and ignores bad ones instead.
 */
final class OpenClBackend implements Backend, FusedOnlineTraining {
    static final String NAME_PREFIX = "opencl:";

    private final OpenClDevice device;
    private final Precision precision;
    private final ClHandle<cl_context> context;
    private final ClHandle<cl_command_queue> queue;
    private final KernelProgram program;
    private final GemmKernel gemm;
    private final OnlineKernel online;
    private final RowKernels rows;
    private final UpdateKernels updates;
    private final ConvolutionKernels convolutions;
    private final BatchNormKernels batchNorms;
    private final HostTransfer transfer;

    OpenClBackend(OpenClDevice device, Precision precision) {
        if (precision == Precision.FLOAT64 && !device.fp64()) {
            throw new BackendUnavailableException("float64 was asked for, but the OpenCL device " + device
                    + " does not report cl_khr_fp64; use Precision.FLOAT32 or another device");
        }
        this.device = device;
        this.precision = precision;
        ClHandle<cl_context> ctx = null;
        ClHandle<cl_command_queue> q = null;
        KernelProgram p = null;
        try {
            cl_context_properties properties = new cl_context_properties();
            properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
            ctx = ClHandle.own("context", CL.clCreateContext(properties, 1, new cl_device_id[] {device.device()},
                    null, null, null), CL::clReleaseContext);
            q = ClHandle.own("command queue", createQueue(ctx.get(), device.device()), CL::clReleaseCommandQueue);
            p = KernelProgram.build(ctx.get(), device.device(), precision);
            SignalChaining.warnIfUnchained();
            this.gemm = new GemmKernel(p, q.get(), precision);
            this.online = new OnlineKernel(p, q.get(), device, precision);
            this.rows = new RowKernels(p, q.get(), precision, device.maxWorkGroupSize());
            this.updates = new UpdateKernels(p, q.get(), precision, device.maxWorkGroupSize());
            this.convolutions = new ConvolutionKernels(p, q.get(), precision, device.maxWorkGroupSize());
            this.batchNorms = new BatchNormKernels(p, q.get(), device, precision);
        } catch (RuntimeException e) {
            closeAll(p, q, ctx);
            throw e instanceof CLException ? ClStatus.translate((CLException) e, "opening " + device) : e;
        }
        this.context = ctx;
        this.queue = q;
        this.program = p;
        this.transfer = new HostTransfer(q.get(), precision);
    }

    // clCreateCommandQueue is deprecated since OpenCL 2.0, but its successor does not exist on 1.2 devices
    // (NVIDIA's drivers were 1.2 for years); an in-order queue without properties means the same in both.
    @SuppressWarnings("deprecation")
    private static cl_command_queue createQueue(cl_context context, cl_device_id device) {
        return CL.clCreateCommandQueue(context, device, 0, null);
    }

    Precision precision() {
        return precision;
    }

    @Override
    public String name() {
        return NAME_PREFIX + device.name() + (precision == Precision.FLOAT64 ? ":float64" : "");
    }

    @Override
    public DeviceMatrix allocate(int rowCount, int cols) {
        if (rowCount < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and column, got " + rowCount + "x"
                    + cols);
        }
        String op = "allocate " + rowCount + "x" + cols;
        OpenClMatrix m = new OpenClMatrix(this, rowCount, cols, buffer(op, (long) rowCount * cols * precision.bytes()));
        try {
            rows.fill(0, m);
        } catch (CLException e) {
            m.close();
            throw ClStatus.translate(e, op);
        }
        return m;
    }

    @Override
    public DeviceIndices allocateIndices(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("an index vector needs at least one element, got " + length);
        }
        String op = "allocateIndices " + length;
        OpenClIndices v = new OpenClIndices(this, length, buffer(op, 4L * length));
        try {
            transfer.write(v.mem(), v.host());
        } catch (CLException e) {
            v.close();
            throw ClStatus.translate(e, op);
        }
        return v;
    }

    private ClHandle<cl_mem> buffer(String op, long bytes) {
        if (bytes > device.maxAllocBytes()) {
            throw new BackendUnavailableException("OpenCL " + op + " needs " + bytes + " bytes, more than the "
                    + device.maxAllocBytes() + " one buffer may hold on " + device
                    + "; use smaller matrices or a device with more memory");
        }
        try {
            return ClHandle.own("buffer", CL.clCreateBuffer(context.get(), CL.CL_MEM_READ_WRITE, bytes, null, null),
                    CL::clReleaseMemObject);
        } catch (CLException e) {
            throw ClStatus.translate(e, op);
        }
    }

    @Override
    public void upload(double[] src, int firstRow, DeviceMatrix dst) {
        MatrixShapes.requireUpload(src, firstRow, dst);
        OpenClMatrix d = m(dst);
        try {
            transfer.write(d.mem(), (long) firstRow * dst.cols(), src);
        } catch (CLException e) {
            throw ClStatus.translate(e, "upload of " + src.length + " values to " + MatrixShapes.shape(dst));
        }
    }

    @Override
    public void upload(int[] src, DeviceIndices dst) {
        if (src.length != dst.length()) {
            throw new IllegalArgumentException("upload: " + src.length + " indices into a vector of " + dst.length());
        }
        OpenClIndices d = indices(dst);
        try {
            transfer.write(d.mem(), src);
        } catch (CLException e) {
            throw ClStatus.translate(e, "upload of " + src.length + " indices");
        }
        System.arraycopy(src, 0, d.host(), 0, src.length);
        d.hostCurrent();
    }

    @Override
    public void download(DeviceMatrix src, double[] dst) {
        OpenClMatrix s = m(src);
        if (dst.length < s.size()) {
            throw new IllegalArgumentException("download: " + MatrixShapes.shape(src) + " needs " + s.size()
                    + " values, the array holds " + dst.length);
        }
        try {
            transfer.read(s.mem(), s.size(), dst);
        } catch (CLException e) {
            throw ClStatus.translate(e, "download of " + MatrixShapes.shape(src));
        }
    }

    @Override
    public DeviceMatrix gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b,
            double beta, DeviceMatrix c) {
        MatrixShapes.requireGemm(transA, transB, a, b, c);
        try {
            gemm.enqueue(transA, transB, alpha, m(a), m(b), beta, m(c));
        } catch (CLException e) {
            throw ClStatus.translate(e, "gemm " + (transA ? "a^T " : "a ") + MatrixShapes.shape(a)
                    + (transB ? ", b^T " : ", b ") + MatrixShapes.shape(b) + ", c " + MatrixShapes.shape(c));
        }
        return c;
    }

    @Override
    public DeviceMatrix addRowVector(DeviceMatrix bias, DeviceMatrix m) {
        MatrixShapes.requireRowVector("addRowVector", bias, m);
        run(() -> rows.addRowVector(m(bias), m(m)), "addRowVector", bias, m);
        return m;
    }

    @Override
    public DeviceMatrix sumRows(double alpha, DeviceMatrix m, double beta, DeviceMatrix out) {
        MatrixShapes.requireRowVector("sumRows", out, m);
        run(() -> rows.sumRows(alpha, m(m), beta, m(out)), "sumRows", m, out);
        return out;
    }

    @Override
    public DeviceMatrix activate(Activation f, DeviceMatrix n, DeviceMatrix a) {
        MatrixShapes.requireSame("activate", n, a);
        run(() -> rows.activate(f, m(n), m(a)), "activate " + f, n, a);
        return a;
    }

    @Override
    public DeviceMatrix activationBackward(Activation f, DeviceMatrix n, DeviceMatrix a, double scale,
            DeviceMatrix grad, DeviceMatrix out) {
        MatrixShapes.requireSame("activationBackward", n, a, grad, out);
        run(() -> rows.activationBackward(f, m(n), m(a), scale, m(grad), m(out)), "activationBackward " + f, n, out);
        return out;
    }

    @Override
    public DeviceMatrix outputDelta(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            DeviceMatrix s) {
        MatrixShapes.requireSame("outputDelta", n, a, y, s);
        run(() -> rows.outputDelta(loss, f, m(n), m(a), m(y), m(s)), "outputDelta " + loss, n, s);
        return s;
    }

    @Override
    public DeviceMatrix accumulateMetrics(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            int firstSample, DeviceMatrix metrics) {
        MatrixShapes.requireMetrics(n, a, y, metrics);
        run(() -> rows.accumulateMetrics(loss, m(n), m(a), m(y), firstSample, m(metrics)), "accumulateMetrics", n,
                metrics);
        return metrics;
    }

    @Override
    public DeviceMatrix gatherRows(DeviceMatrix src, DeviceIndices order, int offset, DeviceMatrix dst) {
        MatrixShapes.requireGather(src, order, offset, dst);
        OpenClIndices idx = indices(order);
        requireRowsIn(hostIndices(idx, "gatherRows"), offset, dst.rows(), src.rows(), "gatherRows");
        run(() -> rows.gatherRows(m(src), idx, offset, m(dst)), "gatherRows", src, dst);
        return dst;
    }

    @Override
    public DeviceMatrix applyGradient(OptimizerStep step, DeviceMatrix grad, DeviceMatrix m, DeviceMatrix v,
            DeviceMatrix param) {
        MatrixShapes.requireSame("applyGradient", param, grad, m, v);
        run(() -> updates.applyGradient(step, m(grad), m(m), m(v), m(param)), "applyGradient", grad, param);
        return param;
    }

    @Override
    public DeviceMatrix dropoutMask(double rate, long seed, long counter, DeviceMatrix mask) {
        MatrixShapes.requireRate(rate);
        run(() -> updates.dropoutMask(rate, seed, counter, m(mask)), "dropoutMask", mask, mask);
        return mask;
    }

    @Override
    public DeviceMatrix multiply(DeviceMatrix x, DeviceMatrix y, DeviceMatrix out) {
        MatrixShapes.requireSame("multiply", x, y, out);
        run(() -> updates.multiply(m(x), m(y), m(out)), "multiply", x, out);
        return out;
    }

    @Override
    public DeviceMatrix fill(double value, DeviceMatrix m) {
        run(() -> rows.fill(value, m(m)), "fill", m, m);
        return m;
    }

    @Override
    public DeviceMatrix im2col(ConvGeometry g, DeviceMatrix images, DeviceMatrix cols) {
        int batch = MatrixShapes.requireIm2col("im2col", g, images, cols);
        run(() -> convolutions.im2col(g, batch, m(images), m(cols)), "im2col " + g, images, cols);
        return cols;
    }

    @Override
    public DeviceMatrix col2im(ConvGeometry g, DeviceMatrix cols, DeviceMatrix images) {
        int batch = MatrixShapes.requireIm2col("col2im", g, images, cols);
        run(() -> convolutions.col2im(g, batch, m(cols), m(images)), "col2im " + g, cols, images);
        return images;
    }

    @Override
    public DeviceMatrix maxPool(PoolGeometry g, DeviceMatrix input, DeviceIndices argmax, DeviceMatrix output) {
        int batch = MatrixShapes.requirePool("maxPool", g, input, argmax, output);
        OpenClIndices idx = indices(argmax);
        idx.writtenOnDevice();
        run(() -> convolutions.maxPool(g, batch, m(input), idx, m(output)), "maxPool " + g, input, output);
        return output;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Indices uploaded from the host are checked for range as the CPU backend checks them; indices that
     * {@link #maxPool} wrote are not read back to be checked (that would stall the queue every batch). The kernel
     * gathers, for each input, the gradients of the windows that hold it whose index names it, so an index that is
     * no input of its own window (which {@link #maxPool} never writes) is ignored, where the CPU backend would
     * follow it, or refuse it if it is out of range.
     */
    @Override
    public DeviceMatrix maxPoolBackward(PoolGeometry g, DeviceMatrix gradOutput, DeviceIndices argmax,
            DeviceMatrix gradInput) {
        int batch = MatrixShapes.requirePool("maxPoolBackward", g, gradInput, argmax, gradOutput);
        OpenClIndices idx = indices(argmax);
        if (!idx.hostStale()) {
            requireInputsIn(idx.host(), batch * g.imageSize());
        }
        run(() -> convolutions.maxPoolBackward(g, batch, m(gradOutput), idx, m(gradInput)), "maxPoolBackward " + g,
                gradOutput, gradInput);
        return gradInput;
    }

    @Override
    public DeviceMatrix batchNorm(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta,
            DeviceMatrix running, DeviceMatrix saved, DeviceMatrix xHat, DeviceMatrix y) {
        MatrixShapes.requireBatchNorm(x, gamma, beta, running, saved, xHat, y);
        run(() -> batchNorms.forward(step, m(x), m(gamma), m(beta), m(running), m(saved), m(xHat), m(y)),
                "batchNorm", x, y);
        return y;
    }

    @Override
    public DeviceMatrix batchNormInference(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma,
            DeviceMatrix beta, DeviceMatrix running, DeviceMatrix y) {
        MatrixShapes.requireBatchNormInference(x, gamma, beta, running, y);
        run(() -> batchNorms.inference(step, m(x), m(gamma), m(beta), m(running), m(y)), "batchNormInference", x,
                y);
        return y;
    }

    @Override
    public DeviceMatrix batchNormBackward(DeviceMatrix dy, DeviceMatrix xHat, DeviceMatrix gamma,
            DeviceMatrix saved, DeviceMatrix sumDy, DeviceMatrix sumDyXHat, DeviceMatrix dx) {
        MatrixShapes.requireBatchNormBackward(dy, xHat, gamma, saved, sumDy, sumDyXHat, dx);
        run(() -> batchNorms.backward(m(dy), m(xHat), m(gamma), m(saved), m(sumDy), m(sumDyXHat), m(dx)),
                "batchNormBackward", dy, dx);
        return dx;
    }

    @Override
    public DeviceMatrix reshape(DeviceMatrix m, int rowCount, int cols) {
        MatrixShapes.requireReshape(m, rowCount, cols);
        return m(m).view(rowCount, cols);
    }

    @Override
    public boolean canTrainOnline(int inputWidth, int[] widths) {
        int[] dims = new int[widths.length + 1];
        dims[0] = inputWidth;
        System.arraycopy(widths, 0, dims, 1, widths.length);
        return online.fits(dims, widths.length);
    }

    @Override
    public void trainOnline(BackpropRule rule, Loss loss, double learningRate, Activation[] activations,
            DeviceMatrix[] weights, DeviceMatrix[] biases, DeviceMatrix x, DeviceMatrix y, DeviceIndices order,
            int first, int count, DeviceMatrix metrics) {
        OnlineArguments args = OnlineArguments.check(activations, weights, biases, x, y, order, first, count,
                metrics);
        OpenClIndices idx = indices(order);
        requireRowsIn(hostIndices(idx, "trainOnline"), first, count, x.rows(), "trainOnline");
        if (count == 0) {
            return;
        }
        if (!online.fits(args.dims(), args.depth())) {
            throw new IllegalArgumentException("trainOnline: a network of " + args.depth() + " layers, widths "
                    + java.util.Arrays.toString(args.dims()) + ", does not fit the fused kernel on this device;"
                    + " ask canTrainOnline first");
        }
        int depth = args.depth();
        cl_mem[] w = new cl_mem[depth];
        cl_mem[] b = new cl_mem[depth];
        int acts = 0;
        for (int k = 0; k < depth; k++) {
            w[k] = m(weights[k]).mem();
            b[k] = m(biases[k]).mem();
            acts |= KernelCodes.of(activations[k]) << (3 * k);
        }
        try {
            online.enqueue(KernelCodes.of(rule), KernelCodes.of(loss), args.dims(), depth, acts, learningRate, w, b,
                    m(x).mem(), m(y).mem(), idx.mem(), first, count, m(metrics).mem());
        } catch (CLException e) {
            throw ClStatus.translate(e, "trainOnline of " + count + " samples, " + args);
        }
    }

    private static void requireRowsIn(int[] order, int offset, int count, int limit, String op) {
        for (int r = offset; r < offset + count; r++) {
            if (order[r] < 0 || order[r] >= limit) {
                throw new IllegalArgumentException(op + ": index " + order[r] + " is outside the " + limit + " rows");
            }
        }
    }

    private static void requireInputsIn(int[] argmax, int limit) {
        for (int i = 0; i < argmax.length; i++) {
            if (argmax[i] < 0 || argmax[i] >= limit) {
                throw new IllegalArgumentException("maxPoolBackward: index " + argmax[i] + " at " + i
                        + " is outside the " + limit + " input values");
            }
        }
    }

    /** The vector's values on the host, read back from the device first if a kernel has written them since. */
    private int[] hostIndices(OpenClIndices v, String op) {
        if (v.hostStale()) {
            try {
                transfer.read(v.mem(), v.host());
            } catch (CLException e) {
                throw ClStatus.translate(e, op + ": reading back " + v.length() + " indices");
            }
            v.hostCurrent();
        }
        return v.host();
    }

    private static void run(Runnable launch, String op, DeviceMatrix first, DeviceMatrix second) {
        try {
            launch.run();
        } catch (CLException e) {
            throw ClStatus.translate(e, op + " on " + MatrixShapes.shape(first) + " and "
                    + MatrixShapes.shape(second));
        }
    }

    private OpenClMatrix m(DeviceMatrix matrix) {
        if (!(matrix instanceof OpenClMatrix) || ((OpenClMatrix) matrix).owner() != this) {
            throw new IllegalArgumentException("matrix " + MatrixShapes.shape(matrix) + " belongs to another backend");
        }
        return (OpenClMatrix) matrix;
    }

    private OpenClIndices indices(DeviceIndices v) {
        if (!(v instanceof OpenClIndices) || ((OpenClIndices) v).owner() != this) {
            throw new IllegalArgumentException("index vector of " + v.length() + " belongs to another backend");
        }
        return (OpenClIndices) v;
    }

    @Override
    public void close() {
        if (queue.isClosed()) {
            return;
        }
        try {
            CL.clFinish(queue.get());
        } catch (CLException e) {
            // Releasing goes on: the handles must be freed whatever the queue's state.
        } finally {
            closeAll(program, queue, context);
        }
    }

    private static void closeAll(KernelProgram p, ClHandle<cl_command_queue> q, ClHandle<cl_context> ctx) {
        if (p != null) {
            p.close();
        }
        if (q != null) {
            q.close();
        }
        if (ctx != null) {
            ctx.close();
        }
    }
}
