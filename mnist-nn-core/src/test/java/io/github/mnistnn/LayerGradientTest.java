package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The host layer's backward pass against central differences of a scalar function of its output. */
class LayerGradientTest {
    private static final double H = 1e-6;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesFiniteDifferences(Activation f) {
        SplittableRandom random = new SplittableRandom(f.ordinal() + 1);
        double[][] w = new double[4][3];
        double[] b = new double[3];
        double[] x = new double[4];
        double[] c = new double[3];
        for (int i = 0; i < 4; i++) {
            x[i] = random.nextDouble() * 2 - 1;
            for (int j = 0; j < 3; j++) {
                w[i][j] = random.nextDouble() * 2 - 1;
            }
        }
        for (int j = 0; j < 3; j++) {
            b[j] = random.nextDouble() - 0.5;
            c[j] = random.nextDouble() * 2 - 1;
        }
        DenseLayer layer = Layer.dense(w, b, f);
        double[] n = new double[3];
        double[] a = new double[3];
        layer.forward(x, n, a);
        double[] delta = new double[3];
        double[] gradInput = new double[4];
        double[] gradWeights = new double[12];
        // L = c . a, so dL/da = c.
        layer.backward(x, n, a, c, delta, gradInput, gradWeights);
        for (int i = 0; i < 4; i++) {
            double keep = x[i];
            x[i] = keep + H;
            double up = objective(Layer.dense(w, b, f), x, c);
            x[i] = keep - H;
            double down = objective(Layer.dense(w, b, f), x, c);
            x[i] = keep;
            assertThat(gradInput[i]).as("dL/dx[%d]", i).isCloseTo((up - down) / (2 * H), within(1e-8));
            for (int j = 0; j < 3; j++) {
                double kw = w[i][j];
                w[i][j] = kw + H;
                double wu = objective(Layer.dense(w, b, f), x, c);
                w[i][j] = kw - H;
                double wd = objective(Layer.dense(w, b, f), x, c);
                w[i][j] = kw;
                assertThat(gradWeights[i * 3 + j]).as("dL/dW[%d][%d]", i, j).isCloseTo((wu - wd) / (2 * H), within(1e-8));
            }
        }
        for (int j = 0; j < 3; j++) {
            double kb = b[j];
            b[j] = kb + H;
            double up = objective(Layer.dense(w, b, f), x, c);
            b[j] = kb - H;
            double down = objective(Layer.dense(w, b, f), x, c);
            b[j] = kb;
            assertThat(delta[j]).as("dL/db[%d]", j).isCloseTo((up - down) / (2 * H), within(1e-8));
        }
    }

    private static double objective(DenseLayer layer, double[] x, double[] c) {
        double[] n = new double[3];
        double[] a = new double[3];
        layer.forward(x, n, a);
        return c[0] * a[0] + c[1] * a[1] + c[2] * a[2];
    }
}
