package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.DropoutNoise;
import io.github.mnistnn.spi.FusedOnlineTraining;
import io.github.mnistnn.spi.MatrixShapes;
import io.github.mnistnn.spi.OptimizerStep;
import io.github.mnistnn.spi.PoolGeometry;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The CPU backend: double precision on EJML's {@link DMatrixRMaj} and {@link CommonOps_DDRM}. Its primitives
 * are the reference every other backend is tested against. Matrix products go through {@link RoutedGemm}, which
 * gives the large ones to {@link PackedGemm}, which skips zeros, or to {@link TallGemm} (the Vector API kernels
 * where {@link VectorKernels} enables them), all on {@link io.github.mnistnn.CpuThreads#count()} threads and
 * tested against the naive definition and EJML; element-wise work goes through {@link ElementWiseRows}. Online
 * runs go through {@link OnlineCpuTrainer} ({@link EjmlOnlineTraining}), which is tested against the primitives.
 */
final class EjmlBackend implements Backend, FusedOnlineTraining {
    static final String NAME = "cpu";

    private final EjmlOnlineTraining online;
    private final RoutedGemm products;
    private final MaxPoolWindows pool;
    private final ColumnSums columnSums = new ColumnSums();

    /** The backend with the fastest kernels this JVM runs ({@link VectorKernels}). */
    EjmlBackend() {
        this(TallGemm.create(), MaxPoolWindows.create(), OnlineLoops.create());
    }

    /**
     * The backend with the given kernels, so tests can run the contract on each implementation.
     *
     * @param tall the tall and long products
     * @param pool the pooling forward pass
     * @param online the loops of the fused online path
     */
    EjmlBackend(TallGemm tall, MaxPoolWindows pool, OnlineLoops online) {
        this.online = new EjmlOnlineTraining(online);
        this.products = new RoutedGemm(tall);
        this.pool = pool;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeviceMatrix allocate(int rows, int cols) {
        return new EjmlMatrix(rows, cols);
    }

    @Override
    public DeviceIndices allocateIndices(int length) {
        return new EjmlIndices(length);
    }

    @Override
    public void upload(double[] src, int firstRow, DeviceMatrix dst) {
        MatrixShapes.requireUpload(src, firstRow, dst);
        System.arraycopy(src, 0, m(dst).data, firstRow * dst.cols(), src.length);
    }

    @Override
    public void upload(int[] src, DeviceIndices dst) {
        if (src.length != dst.length()) {
            throw new IllegalArgumentException("upload: " + src.length + " indices into a vector of " + dst.length());
        }
        System.arraycopy(src, 0, ((EjmlIndices) dst).values(), 0, src.length);
    }

    @Override
    public void download(DeviceMatrix src, double[] dst) {
        DMatrixRMaj s = m(src);
        if (dst.length < s.getNumElements()) {
            throw new IllegalArgumentException("download: " + MatrixShapes.shape(src) + " needs "
                    + s.getNumElements() + " values, the array holds " + dst.length);
        }
        System.arraycopy(s.data, 0, dst, 0, s.getNumElements());
    }

    @Override
    public DeviceMatrix gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b,
            double beta, DeviceMatrix c) {
        MatrixShapes.requireGemm(transA, transB, a, b, c);
        products.multiply(transA, transB, alpha, m(a), m(b), beta, m(c));
        return c;
    }

    @Override
    public DeviceMatrix addRowVector(DeviceMatrix bias, DeviceMatrix m) {
        MatrixShapes.requireRowVector("addRowVector", bias, m);
        ElementWiseRows.addRowVector(m, m(bias).data, m(m).data);
        return m;
    }

    @Override
    public DeviceMatrix sumRows(double alpha, DeviceMatrix m, double beta, DeviceMatrix out) {
        MatrixShapes.requireRowVector("sumRows", out, m);
        columnSums.sum(alpha, m(m).data, m.rows(), m.cols(), beta, m(out).data);
        return out;
    }

    @Override
    public DeviceMatrix activate(Activation f, DeviceMatrix n, DeviceMatrix a) {
        MatrixShapes.requireSame("activate", n, a);
        ElementWiseRows.activate(n, f, m(n).data, m(a).data);
        return a;
    }

    @Override
    public DeviceMatrix activationBackward(Activation f, DeviceMatrix n, DeviceMatrix a, double scale,
            DeviceMatrix grad, DeviceMatrix out) {
        MatrixShapes.requireSame("activationBackward", n, a, grad, out);
        ElementWiseRows.activationBackward(n, f, m(n).data, m(a).data, scale, m(grad).data, m(out).data);
        return out;
    }

    @Override
    public DeviceMatrix outputDelta(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            DeviceMatrix s) {
        MatrixShapes.requireSame("outputDelta", n, a, y, s);
        LossRows.deltaRows(loss, f, m(n).data, m(a).data, m(y).data, m(s).data, n.rows(), n.cols());
        return s;
    }

    @Override
    public DeviceMatrix accumulateMetrics(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            int firstSample, DeviceMatrix metrics) {
        MatrixShapes.requireMetrics(n, a, y, metrics);
        LossRows.accumulateMetrics(loss, f, m(n).data, m(a).data, m(y).data, n.rows(), n.cols(), firstSample,
                m(metrics).data);
        return metrics;
    }

    @Override
    public DeviceMatrix gatherRows(DeviceMatrix src, DeviceIndices order, int offset, DeviceMatrix dst) {
        MatrixShapes.requireGather(src, order, offset, dst);
        double[] s = m(src).data;
        double[] d = m(dst).data;
        int[] idx = ((EjmlIndices) order).values();
        int cols = src.cols();
        for (int r = 0; r < dst.rows(); r++) {
            int row = idx[offset + r];
            if (row < 0 || row >= src.rows()) {
                throw new IllegalArgumentException("gatherRows: index " + row + " is outside the " + src.rows()
                        + " rows");
            }
            System.arraycopy(s, row * cols, d, r * cols, cols);
        }
        return dst;
    }

    @Override
    public DeviceMatrix applyGradient(OptimizerStep step, DeviceMatrix grad, DeviceMatrix m, DeviceMatrix v,
            DeviceMatrix param) {
        MatrixShapes.requireSame("applyGradient", param, grad, m, v);
        step.apply(m(param).data, m(grad).data, m(m).data, m(v).data, param.rows() * param.cols());
        return param;
    }

    @Override
    public DeviceMatrix dropoutMask(double rate, long seed, long counter, DeviceMatrix mask) {
        MatrixShapes.requireRate(rate);
        int threshold = DropoutNoise.threshold(rate);
        double scale = 1 / (1 - rate);
        ElementWiseRows.dropoutMask(mask, seed, counter, threshold, scale, m(mask).data);
        return mask;
    }

    @Override
    public DeviceMatrix multiply(DeviceMatrix x, DeviceMatrix y, DeviceMatrix out) {
        MatrixShapes.requireSame("multiply", x, y, out);
        ElementWiseRows.multiply(x, m(x).data, m(y).data, m(out).data);
        return out;
    }

    @Override
    public DeviceMatrix fill(double value, DeviceMatrix m) {
        CommonOps_DDRM.fill(m(m), value);
        return m;
    }

    @Override
    public DeviceMatrix im2col(ConvGeometry g, DeviceMatrix images, DeviceMatrix cols) {
        int batch = MatrixShapes.requireIm2col("im2col", g, images, cols);
        CpuConvolutions.im2col(g, batch, m(images).data, m(cols).data);
        return cols;
    }

    @Override
    public DeviceMatrix col2im(ConvGeometry g, DeviceMatrix cols, DeviceMatrix images) {
        int batch = MatrixShapes.requireIm2col("col2im", g, images, cols);
        CpuConvolutions.col2im(g, batch, m(cols).data, m(images).data);
        return images;
    }

    @Override
    public DeviceMatrix maxPool(PoolGeometry g, DeviceMatrix input, DeviceIndices argmax, DeviceMatrix output) {
        int batch = MatrixShapes.requirePool("maxPool", g, input, argmax, output);
        CpuConvolutions.maxPool(pool, g, batch, m(input).data, indices(argmax), m(output).data);
        return output;
    }

    @Override
    public DeviceMatrix maxPoolBackward(PoolGeometry g, DeviceMatrix gradOutput, DeviceIndices argmax,
            DeviceMatrix gradInput) {
        int batch = MatrixShapes.requirePool("maxPoolBackward", g, gradInput, argmax, gradOutput);
        CpuConvolutions.maxPoolBackward(g, batch, m(gradOutput).data, indices(argmax), m(gradInput).data);
        return gradInput;
    }

    @Override
    public DeviceMatrix batchNorm(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta,
            DeviceMatrix running, DeviceMatrix saved, DeviceMatrix xHat, DeviceMatrix y) {
        MatrixShapes.requireBatchNorm(x, gamma, beta, running, saved, xHat, y);
        step.forward(m(x).data, x.rows(), x.cols(), m(gamma).data, m(beta).data, m(running).data, m(saved).data,
                m(xHat).data, m(y).data);
        return y;
    }

    @Override
    public DeviceMatrix batchNormInference(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma,
            DeviceMatrix beta, DeviceMatrix running, DeviceMatrix y) {
        MatrixShapes.requireBatchNormInference(x, gamma, beta, running, y);
        step.inference(m(x).data, x.rows(), x.cols(), m(gamma).data, m(beta).data, m(running).data, m(y).data);
        return y;
    }

    @Override
    public DeviceMatrix batchNormBackward(DeviceMatrix dy, DeviceMatrix xHat, DeviceMatrix gamma,
            DeviceMatrix saved, DeviceMatrix sumDy, DeviceMatrix sumDyXHat, DeviceMatrix dx) {
        MatrixShapes.requireBatchNormBackward(dy, xHat, gamma, saved, sumDy, sumDyXHat, dx);
        BatchNormStep.backward(m(dy).data, m(xHat).data, dy.rows(), dy.cols(), m(gamma).data, m(saved).data,
                m(sumDy).data, m(sumDyXHat).data, m(dx).data);
        return dx;
    }

    @Override
    public DeviceMatrix reshape(DeviceMatrix m, int rows, int cols) {
        MatrixShapes.requireReshape(m, rows, cols);
        m(m);
        return ((EjmlMatrix) m).view(rows, cols);
    }

    private static int[] indices(DeviceIndices v) {
        if (!(v instanceof EjmlIndices)) {
            throw new IllegalArgumentException("an index vector of " + v.length() + " belongs to another backend");
        }
        return ((EjmlIndices) v).values();
    }

    @Override
    public void trainOnline(BackpropRule rule, Loss loss, double learningRate, Activation[] activations,
            DeviceMatrix[] weights, DeviceMatrix[] biases, DeviceMatrix x, DeviceMatrix y, DeviceIndices order,
            int first, int count, DeviceMatrix metrics) {
        online.train(rule, loss, learningRate, activations, weights, biases, x, y, order, first, count, metrics);
    }

    @Override
    public void close() {
        // Heap memory only: nothing to release.
    }

    /** The EJML matrix behind one of this backend's matrices, for reading or writing. */
    static DMatrixRMaj m(DeviceMatrix matrix) {
        if (!(matrix instanceof EjmlMatrix)) {
            throw new IllegalArgumentException("matrix " + MatrixShapes.shape(matrix) + " belongs to another backend");
        }
        return ((EjmlMatrix) matrix).data();
    }
}
