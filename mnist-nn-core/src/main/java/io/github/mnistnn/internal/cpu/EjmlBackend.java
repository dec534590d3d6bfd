package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.ArgMax;
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
 * are the reference every other backend is tested against. Large matrix products (mini-batch shapes) go
 * through {@link PackedGemm}, which skips zeros, and the tall and long products of convolutions through
 * {@link TallGemm}; where {@link VectorKernels} enables the Vector API kernels, they take every large product
 * whose left factor is not mostly zeros. All run on {@link io.github.mnistnn.CpuThreads#count()} threads and are
 * tested against the naive definition and EJML; small products stay on EJML. Online runs go through {@link OnlineCpuTrainer},
 * which is tested against the primitives.
 */
final class EjmlBackend implements Backend, FusedOnlineTraining {
    static final String NAME = "cpu";

    private final OnlineCpuTrainer online = new OnlineCpuTrainer();
    private final PackedGemm packed = new PackedGemm();
    private final TallGemm tall;
    private SampleNonZeros nonZeros;
    private double[] columnSums = new double[0];

    /** The backend with the fastest kernels this JVM runs ({@link VectorKernels}). */
    EjmlBackend() {
        this(TallGemm.create());
    }

    /**
     * The backend with the given convolution products, so tests can run the contract on each implementation.
     *
     * @param tall the tall and long products
     */
    EjmlBackend(TallGemm tall) {
        this.tall = tall;
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

    /**
     * Whether more than two thirds of a factor are zeros (images, sparse activations), where {@link PackedGemm},
     * which skips zeros, is faster than the dense Vector API kernel.
     */
    private static boolean mostlyZeros(double[] values, int count) {
        int zeros = 0;
        for (int i = 0; i < count; i++) {
            if (values[i] == 0) {
                zeros++;
            }
        }
        return 3L * zeros > 2L * count;
    }

    @Override
    public DeviceMatrix gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b,
            double beta, DeviceMatrix c) {
        MatrixShapes.requireGemm(transA, transB, a, b, c);
        DMatrixRMaj x = m(a);
        DMatrixRMaj y = m(b);
        DMatrixRMaj z = m(c);
        int inner = transA ? a.rows() : a.cols();
        if (TallGemm.suits(transA, transB, c.rows(), c.cols(), inner)) {
            tall.multiply(transA, transB, c.rows(), c.cols(), inner, alpha, x.data, y.data, beta, z.data);
            return c;
        }
        if (PackedGemm.suits(c.rows(), c.cols(), inner)) {
            if (tall.coversDenseShapes() && !(transA && transB) && !mostlyZeros(x.data, a.rows() * a.cols())) {
                tall.multiply(transA, transB, c.rows(), c.cols(), inner, alpha, x.data, y.data, beta, z.data);
                return c;
            }
            packed.multiply(transA, transB, c.rows(), c.cols(), inner, alpha, x.data, y.data, beta, z.data);
            return c;
        }
        if (beta == 0) {
            if (!transA && !transB) {
                CommonOps_DDRM.mult(alpha, x, y, z);
            } else if (!transA) {
                CommonOps_DDRM.multTransB(alpha, x, y, z);
            } else if (!transB) {
                CommonOps_DDRM.multTransA(alpha, x, y, z);
            } else {
                CommonOps_DDRM.multTransAB(alpha, x, y, z);
            }
            return c;
        }
        if (beta != 1) {
            CommonOps_DDRM.scale(beta, z);
        }
        if (!transA && !transB) {
            CommonOps_DDRM.multAdd(alpha, x, y, z);
        } else if (!transA) {
            CommonOps_DDRM.multAddTransB(alpha, x, y, z);
        } else if (!transB) {
            CommonOps_DDRM.multAddTransA(alpha, x, y, z);
        } else {
            CommonOps_DDRM.multAddTransAB(alpha, x, y, z);
        }
        return c;
    }

    @Override
    public DeviceMatrix addRowVector(DeviceMatrix bias, DeviceMatrix m) {
        MatrixShapes.requireRowVector("addRowVector", bias, m);
        double[] b = m(bias).data;
        double[] d = m(m).data;
        int cols = m.cols();
        if (RowRanges.large(m)) {
            RowRanges.rowsInParallel(m, (from, to) -> RowRanges.addRows(b, d, cols, from, to));
        } else {
            RowRanges.addRows(b, d, cols, 0, m.rows());
        }
        return m;
    }

    @Override
    public DeviceMatrix sumRows(double alpha, DeviceMatrix m, double beta, DeviceMatrix out) {
        MatrixShapes.requireRowVector("sumRows", out, m);
        double[] d = m(m).data;
        double[] o = m(out).data;
        int cols = m.cols();
        if (columnSums.length < cols) {
            columnSums = new double[cols];
        }
        double[] sums = columnSums;
        java.util.Arrays.fill(sums, 0, cols, 0.0);
        // Row by row, so each column is still summed from the first row to the last.
        for (int r = 0, base = 0; r < m.rows(); r++, base += cols) {
            for (int j = 0; j < cols; j++) {
                sums[j] += d[base + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            o[j] = beta == 0 ? alpha * sums[j] : alpha * sums[j] + beta * o[j];
        }
        return out;
    }

    @Override
    public DeviceMatrix activate(Activation f, DeviceMatrix n, DeviceMatrix a) {
        MatrixShapes.requireSame("activate", n, a);
        double[] nd = m(n).data;
        double[] ad = m(a).data;
        int cols = n.cols();
        if (RowRanges.large(n)) {
            RowRanges.rowsInParallel(n, (from, to) -> RowRanges.activateRows(f, nd, ad, cols, from, to));
        } else {
            RowRanges.activateRows(f, nd, ad, cols, 0, n.rows());
        }
        return a;
    }

    @Override
    public DeviceMatrix activationBackward(Activation f, DeviceMatrix n, DeviceMatrix a, double scale,
            DeviceMatrix grad, DeviceMatrix out) {
        MatrixShapes.requireSame("activationBackward", n, a, grad, out);
        double[] nd = m(n).data;
        double[] ad = m(a).data;
        double[] gd = m(grad).data;
        double[] od = m(out).data;
        int cols = n.cols();
        if (RowRanges.large(n)) {
            RowRanges.rowsInParallel(n, (from, to) -> RowRanges.backwardRows(f, nd, ad, scale, gd, od, cols, from, to));
        } else {
            RowRanges.backwardRows(f, nd, ad, scale, gd, od, cols, 0, n.rows());
        }
        return out;
    }

    @Override
    public DeviceMatrix outputDelta(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            DeviceMatrix s) {
        MatrixShapes.requireSame("outputDelta", n, a, y, s);
        double[] nd = m(n).data;
        double[] ad = m(a).data;
        double[] yd = m(y).data;
        double[] sd = m(s).data;
        int cols = n.cols();
        for (int r = 0; r < n.rows(); r++) {
            loss.delta(f, nd, ad, yd, sd, r * cols, cols);
        }
        return s;
    }

    @Override
    public DeviceMatrix accumulateMetrics(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            int firstSample, DeviceMatrix metrics) {
        MatrixShapes.requireMetrics(n, a, y, metrics);
        double[] nd = m(n).data;
        double[] ad = m(a).data;
        double[] yd = m(y).data;
        double[] md = m(metrics).data;
        int cols = n.cols();
        for (int r = 0; r < n.rows(); r++) {
            int offset = r * cols;
            double value = loss.value(f, nd, ad, yd, offset, cols);
            md[METRIC_LOSS] += value;
            if (ArgMax.of(ad, offset, cols) == ArgMax.of(yd, offset, cols)) {
                md[METRIC_CORRECT] += 1;
            }
            if (!Double.isFinite(value) && md[METRIC_FIRST_NON_FINITE] < 0) {
                md[METRIC_FIRST_NON_FINITE] = firstSample + r;
            }
        }
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
        double[] d = m(mask).data;
        int cols = mask.cols();
        if (RowRanges.large(mask)) {
            RowRanges.rowsInParallel(mask,
                    (from, to) -> RowRanges.maskRows(seed, counter, threshold, scale, d, from * cols, to * cols));
        } else {
            RowRanges.maskRows(seed, counter, threshold, scale, d, 0, mask.rows() * cols);
        }
        return mask;
    }

    @Override
    public DeviceMatrix multiply(DeviceMatrix x, DeviceMatrix y, DeviceMatrix out) {
        MatrixShapes.requireSame("multiply", x, y, out);
        double[] a = m(x).data;
        double[] b = m(y).data;
        double[] o = m(out).data;
        int cols = x.cols();
        if (RowRanges.large(x)) {
            RowRanges.rowsInParallel(x, (from, to) -> RowRanges.multiplyRange(a, b, o, from * cols, to * cols));
        } else {
            RowRanges.multiplyRange(a, b, o, 0, x.rows() * cols);
        }
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
        CpuConvolutions.maxPool(g, batch, m(input).data, indices(argmax), m(output).data);
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
        int depth = weights.length;
        double[][] w = new double[depth][];
        double[][] b = new double[depth][];
        int[] widths = new int[depth];
        int fanIn = x.cols();
        for (int k = 0; k < depth; k++) {
            if (weights[k].rows() != fanIn) {
                throw new IllegalArgumentException("layer " + (k + 1) + " has " + weights[k].rows()
                        + " inputs, expected " + fanIn);
            }
            MatrixShapes.requireRowVector("trainOnline", biases[k], weights[k]);
            w[k] = m(weights[k]).data;
            b[k] = m(biases[k]).data;
            widths[k] = weights[k].cols();
            fanIn = widths[k];
        }
        if (y.cols() != fanIn || y.rows() != x.rows()) {
            throw new IllegalArgumentException("targets " + MatrixShapes.shape(y) + " do not fit " + x.rows()
                    + " samples of " + fanIn + " outputs");
        }
        if (first < 0 || first + count > order.length()) {
            throw new IllegalArgumentException("samples " + first + ".." + (first + count) + " run past the "
                    + order.length() + " indices");
        }
        if (!(x instanceof EjmlMatrix)) {
            throw new IllegalArgumentException("matrix " + MatrixShapes.shape(x) + " belongs to another backend");
        }
        nonZeros = SampleNonZeros.of((EjmlMatrix) x, nonZeros);
        online.train(rule, loss, learningRate, activations, w, b, widths, ((EjmlMatrix) x).readOnlyData().data,
                x.cols(), nonZeros, m(y).data,
                ((EjmlIndices) order).values(), first, count, m(metrics).data);
    }

    @Override
    public void close() {
        // Heap memory only: nothing to release.
    }

    private static DMatrixRMaj m(DeviceMatrix matrix) {
        if (!(matrix instanceof EjmlMatrix)) {
            throw new IllegalArgumentException("matrix " + MatrixShapes.shape(matrix) + " belongs to another backend");
        }
        return ((EjmlMatrix) matrix).data();
    }
}
