package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.Activation;
import org.junit.jupiter.api.Test;

/**
 * The float32 backend's branch-free ReLU gives what the plain float expressions give, bit for bit, on every
 * awkward float: {@code n > 0 ? n : 0} forward and {@code scale * (n > 0 ? 1 : 0) * grad} backward, with NaN
 * gradients still NaN and signed zeros kept.
 */
class Float32RowMathTest {
    private static final float[] AWKWARD = {
        0f, -0f, 1f, -1f, 0.5f, -2.5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7f800001), 1e-30f, -1e30f,
    };

    @Test
    void reluForwardAndBackwardAreThePlainExpressionsForEveryAwkwardInputAndGradient() {
        int cols = 3;
        int rows = (AWKWARD.length * AWKWARD.length + cols - 1) / cols;
        // Row 0 and row rows + 1 lie outside the rows worked on and must keep their 7s.
        int size = (rows + 2) * cols;
        float[] n = new float[size];
        float[] grad = new float[size];
        for (int i = 0; i < AWKWARD.length * AWKWARD.length; i++) {
            n[cols + i] = AWKWARD[i / AWKWARD.length];
            grad[cols + i] = AWKWARD[i % AWKWARD.length];
        }
        float[] a = new float[size];
        float[] out = new float[size];
        java.util.Arrays.fill(a, 7f);
        java.util.Arrays.fill(out, 7f);
        Float32RowMath.activateRows(Activation.RELU, n, a, cols, 1, rows + 1);
        Float32RowMath.backwardRows(Activation.RELU, n, a, -0.25f, grad, out, cols, 1, rows + 1);
        for (int i = cols; i < size - cols; i++) {
            assertThat(Float.floatToRawIntBits(a[i])).as("relu(%s)", n[i])
                    .isEqualTo(Float.floatToRawIntBits(n[i] > 0 ? n[i] : 0f));
            float expected = -0.25f * (n[i] > 0 ? 1f : 0f) * grad[i];
            assertThat(Float.floatToRawIntBits(out[i])).as("relu'(%s) * %s", n[i], grad[i])
                    .isEqualTo(Float.floatToRawIntBits(expected));
        }
        for (int i = 0; i < cols; i++) {
            assertThat(a[i]).isEqualTo(7f);
            assertThat(out[i]).isEqualTo(7f);
            assertThat(a[size - 1 - i]).isEqualTo(7f);
            assertThat(out[size - 1 - i]).isEqualTo(7f);
        }
    }
}
