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

/**
 * The CPU backend in float32, named {@value #NAME}: every matrix a {@code float[]} ({@link Float32Matrix}), values
 * rounded to float on upload and widened on download, as the OpenCL backend's float32 precision does, and every
 * operation computed in float, with float accumulators. Half the bytes per value and twice the values per vector
 * make it faster than the double-precision {@code "cpu"} backend, which stays the reference. Matrix products go
 * through {@link Sgemm#create()} (the Vector API kernels where {@link VectorKernels} enables them), or through
 * a product that skips zeros ({@code VectorSparseSgemm}, or {@link LoopSgemm} without the Vector API) where the
 * left factor has enough zeros for that to be faster ({@link ZeroShare#sparseFaster}); element-wise work on large
 * matrices, the convolutions and the products run on {@link CpuWorkers}, with results that do not depend on the
 * thread count;
 * online runs take the fused path of {@link Float32OnlineTrainer}.
 * Shapes are checked by {@link MatrixShapes} as the double backend checks them, before anything is written, so
 * both refuse the same calls with the same messages. Not thread-safe.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder().backend("cpu-float32").build();
 * }</pre>
 */
final class Float32CpuBackend implements Backend, FusedOnlineTraining {
    static final String NAME = "cpu-float32";

    private final Sgemm dense;
    private final Sgemm sparse;
    private final MaxPoolWindows pool;
    private final Rectifier relu;
    private final Float32OnlineTrainer online;
    private final Float32ColumnSums columnSums = new Float32ColumnSums();

    /** The backend with the fastest product this JVM runs ({@link Sgemm#create()}). */
    Float32CpuBackend() {
        this(Sgemm.create(), MaxPoolWindows.create(), Rectifier.create(), Float32OnlineLoops.create());
    }

    /**
     * The backend with the given kernels, so tests can run the contract on each implementation.
     *
     * @param dense the product of factors that are not mostly zeros
     * @param pool the pooling forward pass
     * @param relu the ReLU forward and backward
     * @param online the loops of the fused online path
     */
    Float32CpuBackend(Sgemm dense, MaxPoolWindows pool, Rectifier relu, Float32OnlineLoops online) {
        this.dense = dense;
        this.pool = pool;
        this.relu = relu;
        this.online = new Float32OnlineTrainer(online);
        this.sparse = dense instanceof LoopSgemm loops ? loops : VectorKernels.sparseSgemm();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeviceMatrix allocate(int rows, int cols) {
        return new Float32Matrix(rows, cols);
    }

    @Override
    public DeviceIndices allocateIndices(int length) {
        return new EjmlIndices(length);
    }

    @Override
    public void upload(double[] src, int firstRow, DeviceMatrix dst) {
        MatrixShapes.requireUpload(src, firstRow, dst);
        matrix(dst).write(src, firstRow * dst.cols());
    }

    @Override
    public void upload(int[] src, DeviceIndices dst) {
        if (src.length != dst.length()) {
            throw new IllegalArgumentException("upload: " + src.length + " indices into a vector of " + dst.length());
        }
        System.arraycopy(src, 0, indices(dst), 0, src.length);
    }

    @Override
    public void download(DeviceMatrix src, double[] dst) {
        Float32Matrix s = matrix(src);
        int count = src.rows() * src.cols();
        if (dst.length < count) {
            throw new IllegalArgumentException("download: " + MatrixShapes.shape(src) + " needs " + count
                    + " values, the array holds " + dst.length);
        }
        s.read(dst, count);
    }

    @Override
    public DeviceMatrix gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b,
            double beta, DeviceMatrix c) {
        MatrixShapes.requireGemm(transA, transB, a, b, c);
        float[] x = values(a);
        float[] y = values(b);
        float[] z = values(c);
        int inner = transA ? a.rows() : a.cols();
        Sgemm product = ZeroShare.sparseFaster(x, a.rows() * a.cols(), c.cols()) ? sparse : dense;
        product.multiply(transA, transB, c.rows(), c.cols(), inner, (float) alpha, x, y, (float) beta, z);
        return c;
    }

    @Override
    public DeviceMatrix addRowVector(DeviceMatrix bias, DeviceMatrix m) {
        MatrixShapes.requireRowVector("addRowVector", bias, m);
        float[] b = values(bias);
        float[] d = values(m);
        int cols = m.cols();
        byRows(m, (from, to) -> Float32RowMath.addRows(b, d, cols, from, to));
        return m;
    }

    @Override
    public DeviceMatrix sumRows(double alpha, DeviceMatrix m, double beta, DeviceMatrix out) {
        MatrixShapes.requireRowVector("sumRows", out, m);
        columnSums.sum((float) alpha, values(m), m.rows(), m.cols(), (float) beta, values(out));
        return out;
    }

    @Override
    public DeviceMatrix activate(Activation f, DeviceMatrix n, DeviceMatrix a) {
        MatrixShapes.requireSame("activate", n, a);
        float[] nd = values(n);
        float[] ad = values(a);
        int cols = n.cols();
        if (f == Activation.RELU) {
            byRows(n, (from, to) -> relu.forward(nd, ad, from * cols, to * cols));
        } else {
            byRows(n, (from, to) -> Float32RowMath.activateRows(f, nd, ad, cols, from, to));
        }
        return a;
    }

    @Override
    public DeviceMatrix activationBackward(Activation f, DeviceMatrix n, DeviceMatrix a, double scale,
            DeviceMatrix grad, DeviceMatrix out) {
        MatrixShapes.requireSame("activationBackward", n, a, grad, out);
        float[] nd = values(n);
        float[] ad = values(a);
        float[] gd = values(grad);
        float[] od = values(out);
        float s = (float) scale;
        int cols = n.cols();
        if (f == Activation.RELU) {
            byRows(n, (from, to) -> relu.backward(nd, s, gd, od, from * cols, to * cols));
        } else {
            byRows(n, (from, to) -> Float32RowMath.backwardRows(f, nd, ad, s, gd, od, cols, from, to));
        }
        return out;
    }

    @Override
    public DeviceMatrix outputDelta(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            DeviceMatrix s) {
        MatrixShapes.requireSame("outputDelta", n, a, y, s);
        Float32RowMath.deltaRows(loss, f, values(n), values(a), values(y), values(s), n.rows(), n.cols());
        return s;
    }

    @Override
    public DeviceMatrix accumulateMetrics(Loss loss, Activation f, DeviceMatrix n, DeviceMatrix a, DeviceMatrix y,
            int firstSample, DeviceMatrix metrics) {
        MatrixShapes.requireMetrics(n, a, y, metrics);
        Float32RowMath.accumulateMetrics(loss, values(n), values(a), values(y), n.rows(), n.cols(), firstSample,
                values(metrics));
        return metrics;
    }

    @Override
    public DeviceMatrix gatherRows(DeviceMatrix src, DeviceIndices order, int offset, DeviceMatrix dst) {
        MatrixShapes.requireGather(src, order, offset, dst);
        matrix(dst).gather(matrix(src), indices(order), offset);
        return dst;
    }

    @Override
    public DeviceMatrix applyGradient(OptimizerStep step, DeviceMatrix grad, DeviceMatrix m, DeviceMatrix v,
            DeviceMatrix param) {
        MatrixShapes.requireSame("applyGradient", param, grad, m, v);
        float[] p = values(param);
        float[] g = values(grad);
        float[] first = values(m);
        float[] second = values(v);
        int cols = param.cols();
        byRows(param, (from, to) -> Float32Updates.apply(step, p, g, first, second, from * cols, to * cols));
        return param;
    }

    @Override
    public DeviceMatrix dropoutMask(double rate, long seed, long counter, DeviceMatrix mask) {
        MatrixShapes.requireRate(rate);
        int threshold = DropoutNoise.threshold(rate);
        float scale = (float) (1 / (1 - rate));
        float[] d = values(mask);
        int cols = mask.cols();
        byRows(mask, (from, to) -> Float32Updates.maskRange(seed, counter, threshold, scale, d, from * cols,
                to * cols));
        return mask;
    }

    @Override
    public DeviceMatrix multiply(DeviceMatrix x, DeviceMatrix y, DeviceMatrix out) {
        MatrixShapes.requireSame("multiply", x, y, out);
        float[] a = values(x);
        float[] b = values(y);
        float[] o = values(out);
        int cols = x.cols();
        byRows(x, (from, to) -> Float32Updates.multiplyRange(a, b, o, from * cols, to * cols));
        return out;
    }

    @Override
    public DeviceMatrix fill(double value, DeviceMatrix m) {
        java.util.Arrays.fill(values(m), 0, m.rows() * m.cols(), (float) value);
        return m;
    }

    @Override
    public DeviceMatrix im2col(ConvGeometry g, DeviceMatrix images, DeviceMatrix cols) {
        int batch = MatrixShapes.requireIm2col("im2col", g, images, cols);
        Float32Convolutions.im2col(g, batch, values(images), values(cols));
        return cols;
    }

    @Override
    public DeviceMatrix col2im(ConvGeometry g, DeviceMatrix cols, DeviceMatrix images) {
        int batch = MatrixShapes.requireIm2col("col2im", g, images, cols);
        Float32Convolutions.col2im(g, batch, values(cols), values(images));
        return images;
    }

    @Override
    public DeviceMatrix maxPool(PoolGeometry g, DeviceMatrix input, DeviceIndices argmax, DeviceMatrix output) {
        int batch = MatrixShapes.requirePool("maxPool", g, input, argmax, output);
        Float32Convolutions.maxPool(pool, g, batch, values(input), indices(argmax), values(output));
        return output;
    }

    @Override
    public DeviceMatrix maxPoolBackward(PoolGeometry g, DeviceMatrix gradOutput, DeviceIndices argmax,
            DeviceMatrix gradInput) {
        int batch = MatrixShapes.requirePool("maxPoolBackward", g, gradInput, argmax, gradOutput);
        Float32Convolutions.maxPoolBackward(g, batch, values(gradOutput), indices(argmax), values(gradInput));
        return gradInput;
    }

    @Override
    public DeviceMatrix batchNorm(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma, DeviceMatrix beta,
            DeviceMatrix running, DeviceMatrix saved, DeviceMatrix xHat, DeviceMatrix y) {
        MatrixShapes.requireBatchNorm(x, gamma, beta, running, saved, xHat, y);
        Float32BatchNorm.forward(step, values(x), x.rows(), x.cols(), values(gamma), values(beta), values(running),
                values(saved), values(xHat), values(y));
        return y;
    }

    @Override
    public DeviceMatrix batchNormInference(BatchNormStep step, DeviceMatrix x, DeviceMatrix gamma,
            DeviceMatrix beta, DeviceMatrix running, DeviceMatrix y) {
        MatrixShapes.requireBatchNormInference(x, gamma, beta, running, y);
        Float32BatchNorm.inference(step, values(x), x.rows(), x.cols(), values(gamma), values(beta), values(running),
                values(y));
        return y;
    }

    @Override
    public DeviceMatrix batchNormBackward(DeviceMatrix dy, DeviceMatrix xHat, DeviceMatrix gamma,
            DeviceMatrix saved, DeviceMatrix sumDy, DeviceMatrix sumDyXHat, DeviceMatrix dx) {
        MatrixShapes.requireBatchNormBackward(dy, xHat, gamma, saved, sumDy, sumDyXHat, dx);
        Float32BatchNorm.backward(values(dy), values(xHat), dy.rows(), dy.cols(), values(gamma), values(saved),
                values(sumDy), values(sumDyXHat), values(dx));
        return dx;
    }

    @Override
    public DeviceMatrix reshape(DeviceMatrix m, int rows, int cols) {
        MatrixShapes.requireReshape(m, rows, cols);
        return matrix(m).view(rows, cols);
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

    /**
     * Element-wise work on rows, split over the workers for a large matrix (each element is independent, so the
     * results are the serial ones).
     */
    private static void byRows(DeviceMatrix m, RowRanges.RowRange body) {
        if (RowRanges.large(m)) {
            RowRanges.rowsInParallel(m, body);
        } else {
            body.run(0, m.rows());
        }
    }

    static Float32Matrix matrix(DeviceMatrix matrix) {
        if (!(matrix instanceof Float32Matrix)) {
            throw new IllegalArgumentException("matrix " + MatrixShapes.shape(matrix) + " belongs to another backend");
        }
        return (Float32Matrix) matrix;
    }

    private static float[] values(DeviceMatrix matrix) {
        return matrix(matrix).values();
    }

    static int[] indices(DeviceIndices v) {
        if (!(v instanceof EjmlIndices)) {
            throw new IllegalArgumentException("an index vector of " + v.length() + " belongs to another backend");
        }
        return ((EjmlIndices) v).values();
    }
}
