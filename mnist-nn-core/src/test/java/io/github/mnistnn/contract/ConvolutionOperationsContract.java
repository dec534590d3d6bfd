package io.github.mnistnn.contract;

import static io.github.mnistnn.contract.HostMatrices.assertClose;
import static io.github.mnistnn.contract.HostMatrices.download;
import static io.github.mnistnn.contract.HostMatrices.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Padding;
import io.github.mnistnn.spi.ConvGeometry;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.PoolGeometry;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution and pooling primitives against their host definitions ({@link ConvGeometry},
 * {@link PoolGeometry}): 1x1, 2x2, 3x3 and 4x4 kernels, stride 1 and 2, SAME and VALID, odd sizes and channel
 * counts that are no work-group multiple; the adjoint identity of im2col and col2im; pooling ties, -Infinity
 * and NaN. Values are float32-representable so that every precision sees the same inputs.
 */
public abstract class ConvolutionOperationsContract extends BatchNormOperationsContract {
    private static final int BATCH = 3;

    static Stream<ConvGeometry> convolutions() {
        return Stream.of(ConvGeometry.of(5, 5, 1, 1, 1, Padding.VALID), ConvGeometry.of(6, 7, 3, 3, 1, Padding.SAME),
                ConvGeometry.of(7, 6, 5, 3, 2, Padding.SAME), ConvGeometry.of(9, 8, 2, 2, 2, Padding.VALID),
                ConvGeometry.of(8, 8, 17, 4, 1, Padding.SAME), ConvGeometry.of(5, 5, 33, 3, 2, Padding.VALID),
                ConvGeometry.of(4, 4, 2, 3, 3, Padding.SAME));
    }

    static Stream<PoolGeometry> poolings() {
        return Stream.of(PoolGeometry.of(4, 4, 1, 2, 2), PoolGeometry.of(7, 7, 3, 2, 2), PoolGeometry.of(6, 5, 33, 3, 1),
                PoolGeometry.of(9, 9, 2, 3, 2), PoolGeometry.of(5, 5, 4, 5, 5));
    }

    static double[] floats(SplittableRandom random, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (2 * random.nextDouble() - 1);
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("convolutions")
    void im2colCopiesEveryWindowAsTheReferenceDoes(ConvGeometry g) {
        double[] images = floats(new SplittableRandom(g.hashCode()), BATCH * g.imageSize());
        double[] expected = new double[g.columnRows(BATCH) * g.columnWidth()];
        g.im2col(images, BATCH, expected);
        try (DeviceMatrix x = upload(backend, BATCH, g.imageSize(), images);
                DeviceMatrix cols = backend.allocate(g.columnRows(BATCH), g.columnWidth())) {
            backend.fill(Double.NaN, cols);
            assertThat(backend.im2col(g, x, cols)).isSameAs(cols);
            assertThat(download(backend, cols)).containsExactly(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("convolutions")
    void col2imSumsEveryColumnBackAsTheReferenceDoes(ConvGeometry g) {
        double[] cols = floats(new SplittableRandom(g.hashCode() + 1), g.columnRows(BATCH) * g.columnWidth());
        double[] expected = new double[BATCH * g.imageSize()];
        g.col2im(cols, BATCH, expected);
        try (DeviceMatrix c = upload(backend, g.columnRows(BATCH), g.columnWidth(), cols);
                DeviceMatrix images = backend.allocate(BATCH * g.height() * g.width(), g.channels())) {
            backend.fill(Double.NaN, images);
            assertThat(backend.col2im(g, c, images)).isSameAs(images);
            assertClose(download(backend, images), expected, valueTolerance() * 10, "col2im " + g);
        }
    }

    @ParameterizedTest
    @MethodSource("convolutions")
    void col2imIsTheAdjointOfIm2col(ConvGeometry g) {
        SplittableRandom random = new SplittableRandom(g.hashCode() + 2);
        double[] x = floats(random, BATCH * g.imageSize());
        double[] c = floats(random, g.columnRows(BATCH) * g.columnWidth());
        try (DeviceMatrix dx = upload(backend, BATCH, g.imageSize(), x);
                DeviceMatrix dc = upload(backend, g.columnRows(BATCH), g.columnWidth(), c);
                DeviceMatrix cols = backend.allocate(g.columnRows(BATCH), g.columnWidth());
                DeviceMatrix images = backend.allocate(BATCH, g.imageSize())) {
            double left = dot(download(backend, backend.im2col(g, dx, cols)), c);
            double right = dot(x, download(backend, backend.col2im(g, dc, images)));
            assertThat(Math.abs(left - right)).as("<im2col x, c> = %s, <x, col2im c> = %s", left, right)
                    .isLessThanOrEqualTo(valueTolerance() * 100 * Math.max(1, Math.abs(left)));
        }
    }

    @ParameterizedTest
    @MethodSource("poolings")
    void maxPoolAndItsBackwardPassMatchTheReference(PoolGeometry g) {
        SplittableRandom random = new SplittableRandom(g.hashCode());
        double[] input = floats(random, BATCH * g.imageSize());
        double[] gradOut = floats(random, BATCH * g.outputSize());
        double[] expected = new double[BATCH * g.outputSize()];
        int[] argmax = new int[expected.length];
        g.forward(input, BATCH, expected, argmax);
        double[] expectedGrad = new double[input.length];
        g.backward(gradOut, argmax, BATCH, expectedGrad);
        try (DeviceMatrix x = upload(backend, BATCH, g.imageSize(), input);
                DeviceIndices from = backend.allocateIndices(expected.length);
                DeviceMatrix out = backend.allocate(BATCH * g.outHeight() * g.outWidth(), g.channels());
                DeviceMatrix dOut = upload(backend, BATCH, g.outputSize(), gradOut);
                DeviceMatrix dIn = backend.allocate(BATCH, g.imageSize())) {
            backend.fill(Double.NaN, dIn);
            assertThat(backend.maxPool(g, x, from, out)).isSameAs(out);
            assertThat(download(backend, out)).containsExactly(expected);
            assertThat(backend.maxPoolBackward(g, dOut, from, dIn)).isSameAs(dIn);
            assertClose(download(backend, dIn), expectedGrad, valueTolerance() * 10, "maxPoolBackward " + g);
        }
    }

    @Test
    void poolingTakesTheFirstMaximumOfATiePropagatesNaNAndKeepsMinusInfinity() {
        PoolGeometry g = PoolGeometry.of(2, 6, 1, 2, 2);
        double inf = Double.NEGATIVE_INFINITY;
        double nan = Double.NaN;
        // windows: {3 3 / 1 3} tie, {-inf -inf / -inf -inf}, {2 NaN / 5 NaN}
        double[] input = {3, 3, inf, inf, 2, nan, 1, 3, inf, inf, 5, nan};
        try (DeviceMatrix x = upload(backend, 1, 12, input);
                DeviceIndices from = backend.allocateIndices(3);
                DeviceMatrix out = backend.allocate(1, 3);
                DeviceMatrix dOut = upload(backend, 1, 3, new double[] {10, 20, 30});
                DeviceMatrix dIn = backend.allocate(1, 12)) {
            backend.maxPool(g, x, from, out);
            double[] pooled = download(backend, out);
            assertThat(pooled[0]).isEqualTo(3);
            assertThat(pooled[1]).isEqualTo(inf);
            assertThat(pooled[2]).isNaN();
            backend.maxPoolBackward(g, dOut, from, dIn);
            assertThat(download(backend, dIn)).containsExactly(10, 0, 20, 0, 0, 30, 0, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void overlappingWindowsSumTheirGradientsIntoTheSharedMaximum() {
        PoolGeometry g = PoolGeometry.of(3, 3, 1, 2, 1);
        double[] input = {0, 1, 0, 2, 9, 3, 0, 4, 0}; // 9 is the maximum of all four windows
        try (DeviceMatrix x = upload(backend, 1, 9, input);
                DeviceIndices from = backend.allocateIndices(4);
                DeviceMatrix out = backend.allocate(1, 4);
                DeviceMatrix dOut = upload(backend, 1, 4, new double[] {1, 2, 4, 8});
                DeviceMatrix dIn = backend.allocate(1, 9)) {
            backend.maxPool(g, x, from, out);
            assertThat(download(backend, out)).containsExactly(9, 9, 9, 9);
            backend.maxPoolBackward(g, dOut, from, dIn);
            assertThat(download(backend, dIn)).containsExactly(0, 0, 0, 0, 15, 0, 0, 0, 0);
        }
    }

    @Test
    void aReshapeViewsTheSameElements() {
        try (DeviceMatrix m = upload(backend, 6, 2, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
                DeviceMatrix ones = upload(backend, 4, 1, new double[] {1, 1, 1, 1});
                DeviceMatrix sums = backend.allocate(3, 1)) {
            DeviceMatrix view = backend.reshape(m, 3, 4);
            assertThat(view.rows()).isEqualTo(3);
            assertThat(view.cols()).isEqualTo(4);
            backend.gemm(false, false, 1, view, ones, 0, sums);
            assertThat(download(backend, sums)).containsExactly(10, 26, 42);
            backend.fill(7, view);
            view.close();
            assertThat(download(backend, m)).containsOnly(7.0);
            assertThatThrownBy(() -> backend.reshape(m, 5, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("6x2").hasMessageContaining("5x2");
            DeviceMatrix same = backend.reshape(m, 6, 2);
            DeviceMatrix square = backend.reshape(m, 2, 6);
            assertThat(same.sharesStorageWith(m)).isTrue();
            assertThat(ones.sharesStorageWith(m)).isFalse();
            assertThatThrownBy(() -> backend.gemm(false, false, 1, square, same, 0, m))
                    .as("a view is the matrix it views").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("alias");
        }
    }

    @Test
    void refusesOperandsThatDoNotFitTheGeometry() {
        ConvGeometry conv = ConvGeometry.of(4, 4, 2, 3, 1, Padding.SAME);
        PoolGeometry pool = PoolGeometry.of(4, 4, 2, 2, 2);
        try (DeviceMatrix x = backend.allocate(2, 32);
                DeviceMatrix odd = backend.allocate(1, 31);
                DeviceMatrix cols = backend.allocate(32, 18);
                DeviceMatrix wrong = backend.allocate(32, 17);
                DeviceIndices from = backend.allocateIndices(16);
                DeviceMatrix pooled = backend.allocate(2, 8)) {
            assertThatThrownBy(() -> backend.im2col(conv, odd, cols)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1x31").hasMessageContaining("4x4x2");
            assertThatThrownBy(() -> backend.im2col(conv, x, wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32x17").hasMessageContaining("32x18");
            assertThatThrownBy(() -> backend.col2im(conv, wrong, x)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> backend.maxPool(pool, odd, from, pooled))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> backend.maxPool(pool, x, from, cols)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32x18");
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
