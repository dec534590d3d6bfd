package io.github.mnistnn.contract;

import static io.github.mnistnn.contract.HostMatrices.assertClose;
import static io.github.mnistnn.contract.HostMatrices.download;
import static io.github.mnistnn.contract.HostMatrices.random;
import static io.github.mnistnn.contract.HostMatrices.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour of every {@link Backend} primitive, specified once against host arithmetic. A backend's test
 * extends {@link BackendContract} (which adds the training behaviour) and supplies {@link #openBackend()}.
 */
public abstract class BackendOperationsContract {
    /** Shapes every operation is tried on: 1x1, sizes that are no tile or work-group multiple, and a layer. */
    protected static final int[][] SHAPES = {{1, 1}, {33, 17}, {17, 33}, {5, 64}, {128, 10}};

    /** The backend under test, opened before and closed after each test. */
    protected Backend backend;

    /**
     * Opens a fresh backend.
     *
     * @return the backend
     */
    protected abstract Backend openBackend();

    /**
     * How far a computed value may be from the double-precision host result, relative to its size where that
     * is above 1.
     *
     * @return the tolerance; 1e-12 by default (double precision)
     */
    protected double valueTolerance() {
        return 1e-12;
    }

    @BeforeEach
    void open() {
        backend = openBackend();
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) { // null when openBackend aborted (skipped) or failed
            backend.close();
            backend = null;
        }
    }

    @Test
    void uploadsAndDownloadsRowsExactly() {
        double[] values = {1, -2.5, 3, 4, 0.125, -6};
        try (DeviceMatrix m = backend.allocate(3, 2)) {
            assertThat(download(backend, m)).containsOnly(0.0);
            backend.upload(new double[] {7, 8}, 2, m);
            assertThat(download(backend, m)).containsExactly(0, 0, 0, 0, 7, 8);
            backend.upload(values, 0, m);
            assertThat(download(backend, m)).containsExactly(values);
            assertThatThrownBy(() -> backend.upload(new double[] {1, 2, 3}, 0, m))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole rows");
            assertThatThrownBy(() -> backend.upload(new double[] {1, 2}, 3, m))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x2");
        }
    }

    @Test
    void gemmMatchesTheDefinitionForEveryTransposeAndShape() {
        SplittableRandom random = new SplittableRandom(11);
        int compared = 0;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = 7 + m % 5;
            for (int variant = 0; variant < 4; variant++) {
                boolean ta = (variant & 1) != 0;
                boolean tb = (variant & 2) != 0;
                int aRows = ta ? k : m;
                int aCols = ta ? m : k;
                int bRows = tb ? n : k;
                int bCols = tb ? k : n;
                double[] a = random(random, aRows * aCols, 1);
                double[] b = random(random, bRows * bCols, 1);
                double[] c = random(random, m * n, 1);
                for (double[] ab : new double[][] {{1, 0}, {-0.5, 1}, {2, 0.25}}) {
                    try (DeviceMatrix da = upload(backend, aRows, aCols, a);
                            DeviceMatrix db = upload(backend, bRows, bCols, b);
                            DeviceMatrix dc = upload(backend, m, n, ab[1] == 0 ? fillNaN(m * n) : c)) {
                        // As stored: a float backend rounds on upload; unchanged means unchanged on the device.
                        double[] aStored = download(backend, da);
                        double[] bStored = download(backend, db);
                        assertThat(backend.gemm(ta, tb, ab[0], da, db, ab[1], dc)).isSameAs(dc);
                        double[] expected = HostMatrices.gemm(ta, tb, ab[0], a, aRows, aCols, b, bRows, bCols, ab[1], c);
                        assertClose(download(backend, dc), expected, valueTolerance() * k,
                                "gemm " + m + "x" + n + " transA=" + ta + " transB=" + tb);
                        assertThat(download(backend, da)).as("a unchanged").containsExactly(aStored);
                        assertThat(download(backend, db)).as("b unchanged").containsExactly(bStored);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(SHAPES.length * 4 * 3);
    }

    /** Products big enough for a backend's large-product path (a GPU's register-blocked kernel), odd edges. */
    @Test
    void gemmOfLargeShapesMatchesTheDefinition() {
        SplittableRandom random = new SplittableRandom(12);
        for (int[] mnk : new int[][] {{64, 64, 16}, {130, 70, 37}, {65, 200, 300}}) {
            int m = mnk[0];
            int n = mnk[1];
            int k = mnk[2];
            for (int variant = 0; variant < 4; variant++) {
                boolean ta = (variant & 1) != 0;
                boolean tb = (variant & 2) != 0;
                double[] a = random(random, m * k, 1);
                double[] b = random(random, k * n, 1);
                double[] c = random(random, m * n, 1);
                double beta = variant == 3 ? 0.5 : 0;
                try (DeviceMatrix da = upload(backend, ta ? k : m, ta ? m : k, a);
                        DeviceMatrix db = upload(backend, tb ? n : k, tb ? k : n, b);
                        DeviceMatrix dc = upload(backend, m, n, beta == 0 ? fillNaN(m * n) : c)) {
                    backend.gemm(ta, tb, -0.5, da, db, beta, dc);
                    double[] expected = HostMatrices.gemm(ta, tb, -0.5, download(backend, da), ta ? k : m, ta ? m : k,
                            download(backend, db), tb ? n : k, tb ? k : n, beta, c);
                    assertClose(download(backend, dc), expected, valueTolerance() * k,
                            "gemm " + m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb);
                }
            }
        }
    }

    private static double[] fillNaN(int count) {
        double[] v = new double[count];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    @Test
    void gemmRefusesMismatchedShapesAndAliasing() {
        try (DeviceMatrix a = backend.allocate(2, 3); DeviceMatrix b = backend.allocate(4, 2);
                DeviceMatrix c = backend.allocate(2, 2); DeviceMatrix square = backend.allocate(2, 2)) {
            assertThatThrownBy(() -> backend.gemm(false, false, 1, a, b, 0, c))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x3").hasMessageContaining("4x2");
            assertThatThrownBy(() -> backend.gemm(false, false, 1, square, square, 0, square))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alias");
        }
    }

    @Test
    void addsRowVectorsAndSumsRows() {
        SplittableRandom random = new SplittableRandom(5);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[] m = random(random, rows * cols, 3);
            double[] bias = random(random, cols, 3);
            double[] old = random(random, cols, 3);
            double[] sums = new double[cols];
            double[] added = m.clone();
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    added[r * cols + j] += bias[j];
                    sums[j] += m[r * cols + j];
                }
            }
            double[] expected = new double[cols];
            for (int j = 0; j < cols; j++) {
                expected[j] = -0.5 * sums[j] + 2 * old[j];
            }
            try (DeviceMatrix dm = upload(backend, rows, cols, m); DeviceMatrix db = upload(backend, 1, cols, bias);
                    DeviceMatrix dout = upload(backend, 1, cols, old)) {
                assertThat(backend.sumRows(-0.5, dm, 2, dout)).isSameAs(dout);
                assertClose(download(backend, dout), expected, valueTolerance() * rows, "sumRows " + rows + "x" + cols);
                assertThat(backend.addRowVector(db, dm)).isSameAs(dm);
                assertClose(download(backend, dm), added, valueTolerance(), "addRowVector " + rows + "x" + cols);
            }
            try (DeviceMatrix dm = backend.allocate(rows, cols); DeviceMatrix wide = backend.allocate(1, cols + 1)) {
                assertThatThrownBy(() -> backend.addRowVector(wide, dm)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("1x" + cols);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activatesAndDifferentiatesLikeTheHostRule(Activation f) {
        SplittableRandom random = new SplittableRandom(f.ordinal());
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[] n = random(random, rows * cols, 4);
            double[] grad = random(random, rows * cols, 1);
            double[] a = new double[n.length];
            double[] out = new double[n.length];
            for (int r = 0; r < rows; r++) {
                f.forward(n, a, r * cols, cols);
                f.backward(n, a, 2, grad, out, r * cols, cols);
            }
            try (DeviceMatrix dn = upload(backend, rows, cols, n); DeviceMatrix da = backend.allocate(rows, cols);
                    DeviceMatrix dg = upload(backend, rows, cols, grad)) {
                double[] nStored = download(backend, dn);
                assertThat(backend.activate(f, dn, da)).isSameAs(da);
                assertClose(download(backend, da), a, valueTolerance(), f + " forward " + rows + "x" + cols);
                assertThat(backend.activationBackward(f, dn, da, 2, dg, dg)).as("in place").isSameAs(dg);
                assertClose(download(backend, dg), out, valueTolerance() * cols, f + " backward " + rows + "x" + cols);
                assertThat(download(backend, dn)).as("n unchanged").containsExactly(nStored);
            }
        }
    }

    @Test
    void softmaxStaysFiniteForHugeInputs() {
        double[] n = {1000, 0, -1000, -1000, 999, 1000};
        try (DeviceMatrix dn = upload(backend, 2, 3, n); DeviceMatrix da = backend.allocate(2, 3)) {
            double[] a = download(backend, backend.activate(Activation.SOFTMAX, dn, da));
            assertClose(a, new double[] {1, 0, 0, 0, 1 / (1 + Math.E), Math.E / (1 + Math.E)}, valueTolerance(),
                    "softmax of +-1000");
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void computesOutputDeltasAndMetricsLikeTheHostRule(Loss loss) {
        SplittableRandom random = new SplittableRandom(17 + loss.ordinal());
        Activation f = loss == Loss.SOFTMAX_CROSS_ENTROPY ? Activation.SOFTMAX : Activation.SIGMOID;
        int rows = 33;
        int cols = 5;
        double[] n = random(random, rows * cols, 3);
        double[] a = new double[n.length];
        double[] y = new double[n.length];
        double[] s = new double[n.length];
        double lossSum = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            f.forward(n, a, r * cols, cols);
            y[r * cols + random.nextInt(cols)] = 1;
            loss.delta(f, n, a, y, s, r * cols, cols);
            lossSum += loss.value(f, n, a, y, r * cols, cols);
            correct += argMax(a, r * cols, cols) == argMax(y, r * cols, cols) ? 1 : 0;
        }
        try (DeviceMatrix dn = upload(backend, rows, cols, n); DeviceMatrix da = upload(backend, rows, cols, a);
                DeviceMatrix dy = upload(backend, rows, cols, y); DeviceMatrix ds = backend.allocate(rows, cols);
                DeviceMatrix metrics = upload(backend, 1, Backend.METRIC_COUNT, new double[] {1, 2, -1})) {
            assertThat(backend.outputDelta(loss, f, dn, da, dy, ds)).isSameAs(ds);
            assertClose(download(backend, ds), s, valueTolerance(), loss + " delta");
            backend.accumulateMetrics(loss, f, dn, da, dy, 40, metrics);
            assertClose(download(backend, metrics), new double[] {1 + lossSum, 2 + correct, -1},
                    valueTolerance() * rows, loss + " metrics");
        }
    }

    private static int argMax(double[] v, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            best = v[offset + i] > v[offset + best] ? i : best;
        }
        return best;
    }

    @Test
    void metricsRecordTheFirstSampleWithANonFiniteLoss() {
        double[] n = {0, 1, Double.NaN, 0, 2, 1, Double.POSITIVE_INFINITY, 0};
        double[] y = {1, 0, 1, 0, 1, 0, 0, 1};
        try (DeviceMatrix dn = upload(backend, 4, 2, n); DeviceMatrix da = backend.allocate(4, 2);
                DeviceMatrix dy = upload(backend, 4, 2, y);
                DeviceMatrix metrics = upload(backend, 1, Backend.METRIC_COUNT, new double[] {0, 0, -1})) {
            backend.activate(Activation.SOFTMAX, dn, da);
            backend.accumulateMetrics(Loss.SOFTMAX_CROSS_ENTROPY, Activation.SOFTMAX, dn, da, dy, 10, metrics);
            assertThat(download(backend, metrics)[Backend.METRIC_FIRST_NON_FINITE]).isEqualTo(11.0);
            backend.accumulateMetrics(Loss.SOFTMAX_CROSS_ENTROPY, Activation.SOFTMAX, dn, da, dy, 0, metrics);
            assertThat(download(backend, metrics)[Backend.METRIC_FIRST_NON_FINITE]).as("first one kept").isEqualTo(11.0);
        }
    }

    @Test
    void gathersRowsInTheGivenOrder() {
        double[] src = {0, 1, 10, 11, 20, 21, 30, 31};
        try (DeviceMatrix dsrc = upload(backend, 4, 2, src); DeviceIndices order = backend.allocateIndices(4);
                DeviceMatrix dst = backend.allocate(3, 2)) {
            backend.upload(new int[] {3, 1, 0, 2}, order);
            assertThat(backend.gatherRows(dsrc, order, 1, dst)).isSameAs(dst);
            assertThat(download(backend, dst)).containsExactly(10, 11, 0, 1, 20, 21);
            assertThatThrownBy(() -> backend.gatherRows(dsrc, order, 2, dst))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run past");
        }
    }

    @Test
    void fillsEveryElement() {
        try (DeviceMatrix m = backend.allocate(33, 17)) {
            backend.fill(-1.5, m);
            assertThat(download(backend, m)).hasSize(33 * 17).containsOnly(-1.5);
        }
    }

    @Test
    void refusesEmptyMatrices() {
        assertThatThrownBy(() -> backend.allocate(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x3");
    }
}
