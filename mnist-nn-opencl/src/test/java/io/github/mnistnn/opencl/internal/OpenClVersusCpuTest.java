package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Padding;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.FusedOnlineTraining;
import io.github.mnistnn.spi.OptimizerStep;
import io.github.mnistnn.spi.PoolGeometry;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every SPI operation, OpenCL in float32 against the CPU backend, on seeded random inputs and the shapes 1x1,
 * 33x17 and 784x64. Values agree within {@value #VALUE_TOLERANCE} relative-or-absolute per element (a few float32
 * ulps: inputs are rounded to float on upload and each kernel adds a few roundings); products and sums within
 * {@value #VALUE_TOLERANCE} times the square root of their length, as rounding errors of a sum grow about that
 * fast. In float32 the convolution and pooling primitives run on float-representable inputs, so that rounding on
 * upload cannot make a tie that one backend sees and the other does not, and their copies (im2col, the pooled maxima
 * and their indices) agree exactly. In float64 they run on full doubles, whose sums depend on the order they are
 * added in, and agree bit for bit, sums included. The test counts what it compared, and checks it covered every
 * method of the SPI, so a new operation cannot slip past.
 */
@RequiresOpenClDevice
class OpenClVersusCpuTest {
    static final double VALUE_TOLERANCE = 2e-6;
    private static final int[][] SHAPES = {{1, 1}, {33, 17}, {784, 64}};
    private static final int BATCH = 4;
    /** Stride 1 SAME, stride 2 SAME with 17 channels, and a VALID stride 3 whose windows skip pixels. */
    private static final ConvGeometry[] CONVOLUTIONS = {ConvGeometry.of(6, 7, 3, 3, 1, Padding.SAME),
        ConvGeometry.of(9, 8, 17, 3, 2, Padding.SAME), ConvGeometry.of(11, 10, 5, 2, 3, Padding.VALID)};
    /** Disjoint windows over 17 channels, overlapping ones (stride below size), and a last column left unpooled. */
    private static final PoolGeometry[] POOLINGS = {PoolGeometry.of(8, 8, 17, 2, 2), PoolGeometry.of(7, 6, 3, 3, 1),
        PoolGeometry.of(9, 8, 2, 3, 2)};
    /** im2col and col2im per convolution; maxima, indices and the backward pass per pooling; one reshape. */
    private static final int CONVOLUTION_COMPARISONS = CONVOLUTIONS.length * 2 + POOLINGS.length * 3 + 1;
    /** Batch normalisation: a layer's 33x17, and 6,272 positions of 32 channels (a batch of 8 of 28x28 images). */
    private static final int[][] NORMALISED = {{33, 17}, {8 * 784, 32}};
    /** Per shape: the output, xHat, saved and running statistics; inference; dx and the two column sums. */
    private static final int BATCH_NORM_COMPARISONS = NORMALISED.length * 8;

    private final Set<String> covered = new TreeSet<>();
    private int compared;

    private void compare(BackendPair p, DeviceMatrix[] pair, double tolerance, String op, String what) {
        p.assertClose(pair, tolerance, op + " " + what);
        covered.add(op);
        compared++;
    }

    @Test
    void everyOperationAgreesWithTheCpuBackend() {
        try (BackendPair p = new BackendPair(Backends.open("cpu"), OpenClAvailability.open(Precision.FLOAT32))) {
            SplittableRandom random = new SplittableRandom(2026);
            for (int[] shape : SHAPES) {
                compareShape(p, random, shape[0], shape[1]);
            }
            compareLayerProducts(p, random);
            compareTrainOnline(p, random);
            compareConvolutions(p, random, false);
            compareBatchNorm(p, random);
        }
        Set<String> spi = Arrays.stream(Backend.class.getMethods()).map(Method::getName)
                .filter(n -> !n.equals("name") && !n.equals("close")).collect(Collectors.toCollection(TreeSet::new));
        Arrays.stream(FusedOnlineTraining.class.getMethods()).map(Method::getName).forEach(spi::add);
        assertThat(covered).as("operations compared").isEqualTo(spi);
        // upload, 4 gemm variants x 2 betas, addRowVector, sumRows, 6 activations forward and backward, 6 output
        // deltas plus softmax with MSE, 2 metrics, gatherRows, fill, 6 optimizer steps, a dropout mask, a product
        int perShape = 1 + 4 * 2 + 1 + 1 + 6 * 2 + 6 + 1 + 2 + 1 + 1 + 6 + 1 + 1;
        assertThat(compared).as("comparisons").isEqualTo(SHAPES.length * perShape + 4 + 2 + CONVOLUTION_COMPARISONS
                + BATCH_NORM_COMPARISONS);
    }

    @Test
    void convolutionAndPoolingAreBitForBitTheCpuBackendsInFloat64() {
        try (BackendPair p = new BackendPair(Backends.open("cpu"), OpenClAvailability.open(Precision.FLOAT64))) {
            compareConvolutions(p, new SplittableRandom(2027), true);
        }
        assertThat(compared).as("comparisons").isEqualTo(CONVOLUTION_COMPARISONS);
    }

    /**
     * im2col, col2im, max-pooling (its maxima, and its indices read through {@code gatherRows} of the numbers
     * 0, 1, 2, ...), its backward pass from those indices, and a write through a reshaped view. In float64 (full
     * doubles in) every value must be equal; in float32 (float-representable values in) the sums get
     * {@value #VALUE_TOLERANCE} times the most windows along one axis that hold a pixel, the square root of the most
     * terms one of them adds.
     */
    private void compareConvolutions(BackendPair p, SplittableRandom random, boolean float64) {
        for (ConvGeometry g : CONVOLUTIONS) {
            int rows = g.columnRows(BATCH);
            DeviceMatrix[] images = p.matrix(BATCH, g.imageSize(), values(random, float64, BATCH * g.imageSize()));
            DeviceMatrix[] cols = p.matrix(rows, g.columnWidth(), values(random, float64, rows * g.columnWidth()));
            p.run(cols, (be, i) -> be.im2col(g, images[i], cols[i]));
            compare(p, cols, 0, "im2col", g.toString());
            // Fresh columns: im2col's own would sum copies of one pixel, whose order cannot show.
            DeviceMatrix[] grads = p.matrix(rows, g.columnWidth(), values(random, float64, rows * g.columnWidth()));
            DeviceMatrix[] back = p.matrix(BATCH * g.height() * g.width(), g.channels(),
                    values(random, float64, BATCH * g.imageSize()));
            p.run(back, (be, i) -> be.col2im(g, grads[i], back[i]));
            int windowsPerAxis = -Math.floorDiv(-g.kernel(), g.stride());
            compare(p, back, float64 ? 0 : VALUE_TOLERANCE * windowsPerAxis, "col2im", g.toString());
        }
        for (PoolGeometry g : POOLINGS) {
            int in = BATCH * g.imageSize();
            int out = BATCH * g.outputSize();
            DeviceMatrix[] input = p.matrix(BATCH, g.imageSize(), values(random, float64, in));
            DeviceIndices[] argmax = p.indices(new int[out]);
            DeviceMatrix[] pooled = p.matrix(out, 1, new double[out]);
            p.run(pooled, (be, i) -> be.maxPool(g, input[i], argmax[i], pooled[i]));
            compare(p, pooled, 0, "maxPool", g.toString());
            double[] numbers = new double[in];
            Arrays.setAll(numbers, i -> i);
            DeviceMatrix[] iota = p.matrix(in, 1, numbers);
            DeviceMatrix[] indices = p.matrix(out, 1, new double[out]);
            p.run(indices, (be, i) -> be.gatherRows(iota[i], argmax[i], 0, indices[i]));
            compare(p, indices, 0, "maxPool", g + " argmax");
            DeviceMatrix[] gradOut = p.matrix(BATCH, g.outputSize(), values(random, float64, out));
            DeviceMatrix[] gradIn = p.matrix(BATCH, g.imageSize(), values(random, float64, in));
            p.run(gradIn, (be, i) -> be.maxPoolBackward(g, gradOut[i], argmax[i], gradIn[i]));
            int windowsPerAxis = -Math.floorDiv(-g.size(), g.stride());
            compare(p, gradIn, float64 ? 0 : VALUE_TOLERANCE * windowsPerAxis, "maxPoolBackward", g.toString());
        }
        DeviceMatrix[] m = p.matrix(6, 10, values(random, float64, 60));
        DeviceMatrix[] view = {p.cpu.reshape(m[0], 15, 4), p.cl.reshape(m[1], 15, 4)};
        p.run(view, (be, i) -> be.multiply(view[i], view[i], view[i]));
        compare(p, m, float64 ? 0 : VALUE_TOLERANCE, "reshape", "6x10 squared through a 15x4 view");
    }

    /**
     * Batch normalisation's training forward pass (twice, so the running statistics accumulate), prediction and
     * backward pass, on inputs with a mean of 2 (so that the centring matters). Every value is a sum over the rows
     * or divided by one, and normalised values are O(1): {@value #VALUE_TOLERANCE} times 4 sqrt(rows).
     */
    private void compareBatchNorm(BackendPair p, SplittableRandom random) {
        for (int[] shape : NORMALISED) {
            int rows = shape[0];
            int cols = shape[1];
            double tolerance = VALUE_TOLERANCE * 4 * Math.sqrt(rows);
            double[] x = values(random, false, rows * cols);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (2 + x[i]);
            }
            DeviceMatrix[] input = p.matrix(rows, cols, x);
            DeviceMatrix[] gamma = p.matrix(1, cols, values(random, false, cols));
            DeviceMatrix[] beta = p.matrix(1, cols, values(random, false, cols));
            double[] stats = new double[2 * cols];
            Arrays.fill(stats, cols, 2 * cols, 1);
            DeviceMatrix[] running = p.matrix(2, cols, stats);
            DeviceMatrix[] saved = p.matrix(2, cols, new double[2 * cols]);
            DeviceMatrix[] xHat = p.matrix(rows, cols, new double[rows * cols]);
            DeviceMatrix[] y = p.matrix(rows, cols, new double[rows * cols]);
            BatchNormStep step = new BatchNormStep(1e-5, 0.3);
            for (int t = 0; t < 2; t++) {
                p.run(y, (be, i) -> be.batchNorm(step, input[i], gamma[i], beta[i], running[i], saved[i], xHat[i],
                        y[i]));
            }
            String what = rows + "x" + cols;
            compare(p, y, tolerance, "batchNorm", what + " output");
            compare(p, xHat, tolerance, "batchNorm", what + " xHat");
            compare(p, saved, tolerance, "batchNorm", what + " saved");
            compare(p, running, tolerance, "batchNorm", what + " running");
            DeviceMatrix[] predicted = p.matrix(rows, cols, new double[rows * cols]);
            p.run(predicted, (be, i) -> be.batchNormInference(step, input[i], gamma[i], beta[i], running[i],
                    predicted[i]));
            compare(p, predicted, tolerance, "batchNormInference", what);
            DeviceMatrix[] dy = p.matrix(rows, cols, values(random, false, rows * cols));
            DeviceMatrix[] sumDy = p.matrix(1, cols, new double[cols]);
            DeviceMatrix[] sumDyXHat = p.matrix(1, cols, new double[cols]);
            DeviceMatrix[] dx = p.matrix(rows, cols, new double[rows * cols]);
            p.run(dx, (be, i) -> be.batchNormBackward(dy[i], xHat[i], gamma[i], saved[i], sumDy[i], sumDyXHat[i],
                    dx[i]));
            compare(p, dx, tolerance, "batchNormBackward", what + " dx");
            compare(p, sumDy, tolerance, "batchNormBackward", what + " sum dy");
            compare(p, sumDyXHat, tolerance, "batchNormBackward", what + " sum dy xHat");
        }
    }

    /** Values in [-1, 1): full doubles, or ones that float32 holds exactly. */
    private static double[] values(SplittableRandom random, boolean doubles, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            double x = 2 * random.nextDouble() - 1;
            v[i] = doubles ? x : (float) x;
        }
        return v;
    }

    private void compareShape(BackendPair p, SplittableRandom random, int rows, int cols) {
        String shape = rows + "x" + cols;
        DeviceMatrix[] m = p.random(random, rows, cols, 3);
        compare(p, m, 1e-7, "upload", shape);
        covered.add("download");
        covered.add("allocate");
        int k = 33;
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0;
            boolean tb = (variant & 2) != 0;
            DeviceMatrix[] a = ta ? p.random(random, k, rows, 1) : p.random(random, rows, k, 1);
            DeviceMatrix[] b = tb ? p.random(random, cols, k, 1) : p.random(random, k, cols, 1);
            for (double beta : new double[] {0, 0.5}) {
                DeviceMatrix[] c = p.random(random, rows, cols, 1);
                p.run(c, (be, i) -> be.gemm(ta, tb, -0.75, a[i], b[i], beta, c[i]));
                compare(p, c, VALUE_TOLERANCE * Math.sqrt(k), "gemm", shape + " " + ta + " " + tb + " beta " + beta);
            }
        }
        DeviceMatrix[] bias = p.random(random, 1, cols, 1);
        p.run(m, (be, i) -> be.addRowVector(bias[i], m[i]));
        compare(p, m, VALUE_TOLERANCE, "addRowVector", shape);
        DeviceMatrix[] sums = p.random(random, 1, cols, 1);
        p.run(sums, (be, i) -> be.sumRows(0.3, m[i], -2, sums[i]));
        compare(p, sums, VALUE_TOLERANCE * Math.sqrt(rows), "sumRows", shape);
        for (Activation f : Activation.values()) {
            DeviceMatrix[] a = p.matrix(rows, cols, new double[rows * cols]);
            p.run(a, (be, i) -> be.activate(f, m[i], a[i]));
            compare(p, a, VALUE_TOLERANCE, "activate", shape + " " + f);
            DeviceMatrix[] grad = p.random(random, rows, cols, 1);
            p.run(grad, (be, i) -> be.activationBackward(f, m[i], a[i], 2, grad[i], grad[i]));
            compare(p, grad, VALUE_TOLERANCE * Math.sqrt(cols), "activationBackward", shape + " " + f);
        }
        DeviceMatrix[] y = p.matrix(rows, cols, oneHot(random, rows, cols));
        for (Activation f : Activation.values()) {
            DeviceMatrix[] a = p.matrix(rows, cols, new double[rows * cols]);
            p.run(a, (be, i) -> be.activate(f, m[i], a[i]));
            Loss loss = f == Activation.SOFTMAX ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MEAN_SQUARED_ERROR;
            DeviceMatrix[] s = p.matrix(rows, cols, new double[rows * cols]);
            p.run(s, (be, i) -> be.outputDelta(loss, f, m[i], a[i], y[i], s[i]));
            compare(p, s, VALUE_TOLERANCE * Math.sqrt(cols), "outputDelta", shape + " " + f + " " + loss);
            if (f == Activation.SOFTMAX || f == Activation.SIGMOID) {
                if (f == Activation.SOFTMAX) {
                    DeviceMatrix[] s2 = p.matrix(rows, cols, new double[rows * cols]);
                    p.run(s2, (be, i) -> be.outputDelta(Loss.MEAN_SQUARED_ERROR, f, m[i], a[i], y[i], s2[i]));
                    compare(p, s2, VALUE_TOLERANCE * Math.sqrt(cols), "outputDelta", shape + " softmax MSE");
                }
                DeviceMatrix[] metrics = p.matrix(1, Backend.METRIC_COUNT, new double[] {0.5, 1, -1});
                p.run(metrics, (be, i) -> be.accumulateMetrics(loss, f, m[i], a[i], y[i], 7, metrics[i]));
                // Loss sums: float32 relative error grows with the rows summed; the correct count is exact.
                compare(p, metrics, VALUE_TOLERANCE * 10 * Math.sqrt(rows * cols), "accumulateMetrics",
                        shape + " " + loss);
            }
        }
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = random.nextInt(rows);
        }
        DeviceIndices[] idx = p.indices(order);
        covered.add("allocateIndices");
        DeviceMatrix[] gathered = p.matrix(Math.max(1, rows / 2), cols, new double[Math.max(1, rows / 2) * cols]);
        p.run(gathered, (be, i) -> be.gatherRows(m[i], idx[i], rows - gathered[0].rows(), gathered[i]));
        compare(p, gathered, VALUE_TOLERANCE, "gatherRows", shape);
        DeviceMatrix[] filled = p.matrix(rows, cols, new double[rows * cols]);
        p.run(filled, (be, i) -> be.fill(-0.25, filled[i]));
        compare(p, filled, 0, "fill", shape);
        compareUpdates(p, random, rows, cols);
    }

    /** Every optimizer's step (two steps, so the state is used), a dropout mask and an element-wise product. */
    private void compareUpdates(BackendPair p, SplittableRandom random, int rows, int cols) {
        String shape = rows + "x" + cols;
        for (int rule = OptimizerStep.SGD; rule <= OptimizerStep.RMSPROP; rule++) {
            DeviceMatrix[] param = p.random(random, rows, cols, 1);
            DeviceMatrix[] m = p.matrix(rows, cols, new double[rows * cols]);
            DeviceMatrix[] v = p.matrix(rows, cols, new double[rows * cols]);
            for (int t = 1; t <= 2; t++) {
                DeviceMatrix[] grad = p.random(random, rows, cols, 0.5);
                OptimizerStep step = new OptimizerStep(rule, 0.01, 0.9, 0.999, 1e-8, 1e-3, 1e-2,
                        1 - Math.pow(0.9, t), 1 - Math.pow(0.999, t));
                p.run(param, (be, i) -> be.applyGradient(step, grad[i], m[i], v[i], param[i]));
            }
            compare(p, param, VALUE_TOLERANCE * 10, "applyGradient", shape + " rule " + rule);
        }
        DeviceMatrix[] mask = p.matrix(rows, cols, new double[rows * cols]);
        p.run(mask, (be, i) -> be.dropoutMask(0.4, 99, 5, mask[i]));
        compare(p, mask, VALUE_TOLERANCE, "dropoutMask", shape);
        DeviceMatrix[] x = p.random(random, rows, cols, 2);
        p.run(x, (be, i) -> be.multiply(x[i], mask[i], x[i]));
        compare(p, x, VALUE_TOLERANCE, "multiply", shape);
    }

    private static double[] oneHot(SplittableRandom random, int rows, int cols) {
        double[] y = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            y[r * cols + random.nextInt(cols)] = 1;
        }
        return y;
    }

    /** The products of a 784-64 layer as online training runs them: forward, backward and the update. */
    private void compareLayerProducts(BackendPair p, SplittableRandom random) {
        DeviceMatrix[] x = p.random(random, 1, 784, 1);
        DeviceMatrix[] w = p.random(random, 784, 64, 0.5);
        DeviceMatrix[] s = p.random(random, 1, 64, 0.1);
        DeviceMatrix[] n = p.matrix(1, 64, new double[64]);
        p.run(n, (be, i) -> be.gemm(false, false, 1, x[i], w[i], 0, n[i]));
        compare(p, n, VALUE_TOLERANCE * Math.sqrt(784), "gemm", "1x784 by 784x64");
        DeviceMatrix[] back = p.matrix(1, 784, new double[784]);
        p.run(back, (be, i) -> be.gemm(false, true, 1, s[i], w[i], 0, back[i]));
        compare(p, back, VALUE_TOLERANCE * Math.sqrt(64), "gemm", "1x64 by (784x64)^T");
        p.run(w, (be, i) -> be.gemm(true, false, -0.01, x[i], s[i], 1, w[i]));
        compare(p, w, VALUE_TOLERANCE, "gemm", "(1x784)^T by 1x64 into 784x64");
        DeviceMatrix[] batch = p.random(random, 100, 784, 1);
        DeviceMatrix[] nb = p.matrix(100, 64, new double[100 * 64]);
        p.run(nb, (be, i) -> be.gemm(false, false, 1, batch[i], w[i], 0, nb[i]));
        compare(p, nb, VALUE_TOLERANCE * Math.sqrt(784), "gemm", "100x784 by 784x64");
    }

    /** The fused online path of both backends over 30 samples, each rule, on a 784-64-16-5 network. */
    private void compareTrainOnline(BackendPair p, SplittableRandom random) {
        int samples = 30;
        DeviceMatrix[] x = p.random(random, samples, 784, 0.5);
        DeviceMatrix[] y = p.matrix(samples, 5, oneHot(random, samples, 5));
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = (i * 7) % samples;
        }
        DeviceIndices[] idx = p.indices(order);
        Activation[] acts = {Activation.SIGMOID, Activation.TANH, Activation.SOFTMAX};
        for (Backend be : new Backend[] {p.cpu, p.cl}) {
            assertThat(((FusedOnlineTraining) be).canTrainOnline(784, new int[] {64, 16, 5}))
                    .as("%s takes 784-64-16-5", be.name()).isTrue();
        }
        covered.add("canTrainOnline");
        for (BackpropRule rule : BackpropRule.values()) {
            DeviceMatrix[][] w = {p.random(random, 784, 64, 0.1), p.random(random, 64, 16, 0.3),
                p.random(random, 16, 5, 0.3)};
            DeviceMatrix[][] b = {p.random(random, 1, 64, 0.1), p.random(random, 1, 16, 0.1),
                p.random(random, 1, 5, 0.1)};
            DeviceMatrix[] metrics = p.matrix(1, Backend.METRIC_COUNT, new double[] {0, 0, -1});
            for (int i = 0; i < 2; i++) {
                Backend be = i == 0 ? p.cpu : p.cl;
                DeviceMatrix[] wi = {w[0][i], w[1][i], w[2][i]};
                DeviceMatrix[] bi = {b[0][i], b[1][i], b[2][i]};
                ((FusedOnlineTraining) be).trainOnline(rule, Loss.SOFTMAX_CROSS_ENTROPY, 0.05, acts, wi, bi, x[i],
                        y[i], idx[i], 0, samples, metrics[i]);
            }
            p.assertClose(w[0], 1e-4, rule + " trainOnline W1");
            p.assertClose(w[2], 1e-4, rule + " trainOnline W3");
            compare(p, metrics, 1e-4, "trainOnline", rule + " metrics");
        }
    }
}
