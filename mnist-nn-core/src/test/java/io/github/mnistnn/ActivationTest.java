package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The row-wise {@link Activation#forward} is the element-wise {@link Activation#value}, and the row-wise
 * {@link Activation#backward} is {@code scale * derivative * grad}, bit for bit.
 */
class ActivationTest {
    private static final double[] AWKWARD = {
        0.0, -0.0, 1.0, -1.0, 0.5, -2.5, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0xfff8000000000000L), Double.longBitsToDouble(0x7ff0000000000001L), 1e-300, -1e300,
    };

    @ParameterizedTest
    @EnumSource(value = Activation.class, mode = EnumSource.Mode.EXCLUDE, names = "SOFTMAX")
    void forwardGivesValueForEveryAwkwardInput(Activation activation) {
        double[] n = new double[AWKWARD.length + 2];
        System.arraycopy(AWKWARD, 0, n, 1, AWKWARD.length);
        double[] a = new double[n.length];
        a[0] = 7;
        a[n.length - 1] = 7;
        activation.forward(n, a, 1, AWKWARD.length);
        for (int i = 0; i < AWKWARD.length; i++) {
            assertThat(Double.doubleToRawLongBits(a[i + 1])).as("%s(%s)", activation, AWKWARD[i])
                    .isEqualTo(Double.doubleToRawLongBits(activation.value(AWKWARD[i])));
        }
        assertThat(a[0]).as("before the row").isEqualTo(7);
        assertThat(a[n.length - 1]).as("after the row").isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, mode = EnumSource.Mode.EXCLUDE, names = "SOFTMAX")
    void backwardGivesScaleTimesDerivativeTimesGradForEveryAwkwardInputAndGradient(Activation activation) {
        int count = AWKWARD.length * AWKWARD.length;
        double[] n = new double[count];
        double[] grad = new double[count];
        for (int i = 0; i < count; i++) {
            n[i] = AWKWARD[i / AWKWARD.length];
            grad[i] = AWKWARD[i % AWKWARD.length];
        }
        double[] a = new double[count];
        activation.forward(n, a, 0, count);
        for (double scale : new double[] {1.0, -0.25, 1e-3}) {
            double[] out = new double[count];
            activation.backward(n, a, scale, grad, out, 0, count);
            for (int i = 0; i < count; i++) {
                double expected = scale * activation.derivative(n[i], a[i]) * grad[i];
                assertThat(Double.doubleToRawLongBits(out[i]))
                        .as("%s'(%s) * %s * %s", activation, n[i], scale, grad[i])
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
    }

    @Test
    void reluForwardWorksInPlaceOnLongRowsOfMixedSigns() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double[] n = new double[1031];
        for (int i = 0; i < n.length; i++) {
            n[i] = random.nextDouble(-1, 1);
        }
        double[] expected = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            expected[i] = n[i] > 0 ? n[i] : 0.0;
        }
        Activation.RELU.forward(n, n, 0, n.length);
        assertThat(n).containsExactly(expected);
    }
}
