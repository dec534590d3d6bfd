package io.github.mnistnn.contract;

import static io.github.mnistnn.contract.HostMatrices.assertClose;
import static io.github.mnistnn.contract.HostMatrices.download;
import static io.github.mnistnn.contract.HostMatrices.random;
import static io.github.mnistnn.contract.HostMatrices.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.DropoutNoise;
import io.github.mnistnn.spi.OptimizerStep;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optimizer, dropout and element-wise product primitives against their host definitions. */
public abstract class UpdateOperationsContract extends BackendOperationsContract {
    @ParameterizedTest
    @ValueSource(ints = {OptimizerStep.SGD, OptimizerStep.MOMENTUM, OptimizerStep.NESTEROV, OptimizerStep.ADAM,
        OptimizerStep.ADAMW, OptimizerStep.RMSPROP})
    void appliesEveryOptimizerStepLikeTheHostRule(int rule) {
        SplittableRandom random = new SplittableRandom(rule + 31);
        for (int[] shape : SHAPES) {
            int count = shape[0] * shape[1];
            double[] p = random(random, count, 1);
            double[] m = new double[count];
            double[] v = new double[count];
            try (DeviceMatrix dp = upload(backend, shape[0], shape[1], p);
                    DeviceMatrix dm = backend.allocate(shape[0], shape[1]);
                    DeviceMatrix dv = backend.allocate(shape[0], shape[1]);
                    DeviceMatrix dg = backend.allocate(shape[0], shape[1])) {
                for (int t = 1; t <= 3; t++) {
                    double[] g = random(random, count, 0.5);
                    OptimizerStep step = new OptimizerStep(rule, 0.05, 0.9, 0.999, 1e-8, 0.01, 0.02,
                            1 - Math.pow(0.9, t), 1 - Math.pow(0.999, t));
                    step.apply(p, g, m, v, count);
                    backend.upload(g, 0, dg);
                    assertThat(backend.applyGradient(step, dg, dm, dv, dp)).isSameAs(dp);
                }
                assertClose(download(backend, dp), p, valueTolerance() * 10, "rule " + rule + " parameters");
                assertClose(download(backend, dm), m, valueTolerance() * 10, "rule " + rule + " first state");
                assertClose(download(backend, dv), v, valueTolerance() * 10, "rule " + rule + " second state");
            }
        }
    }

    @Test
    void drawsTheDropoutMaskOfTheCounterHash() {
        double rate = 0.3;
        int threshold = DropoutNoise.threshold(rate);
        try (DeviceMatrix mask = backend.allocate(120, 100)) {
            backend.dropoutMask(rate, 42, 7, mask);
            double[] got = download(backend, mask);
            double[] expected = new double[got.length];
            int dropped = 0;
            for (int i = 0; i < got.length; i++) {
                expected[i] = DropoutNoise.mask(42, 7, i, threshold, 1 / (1 - rate));
                dropped += expected[i] == 0 ? 1 : 0;
                assertThat(got[i] == 0).as("element %d dropped", i).isEqualTo(expected[i] == 0);
            }
            assertClose(got, expected, valueTolerance(), "dropout mask");
            assertThat(dropped / (double) got.length).isCloseTo(rate, org.assertj.core.data.Offset.offset(0.02));
            backend.dropoutMask(rate, 42, 8, mask);
            assertThat(download(backend, mask)).as("another counter, another mask").isNotEqualTo(got);
            backend.dropoutMask(0, 42, 8, mask);
            assertThat(download(backend, mask)).as("rate 0 keeps everything").containsOnly(1.0);
            assertThatThrownBy(() -> backend.dropoutMask(1, 42, 8, mask)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[0, 1)");
        }
    }

    @Test
    void multipliesElementwiseInPlace() {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] shape : SHAPES) {
            int count = shape[0] * shape[1];
            double[] x = random(random, count, 2);
            double[] y = random(random, count, 2);
            double[] product = new double[count];
            for (int i = 0; i < count; i++) {
                product[i] = x[i] * y[i];
            }
            try (DeviceMatrix dx = upload(backend, shape[0], shape[1], x);
                    DeviceMatrix dy = upload(backend, shape[0], shape[1], y)) {
                assertThat(backend.multiply(dx, dy, dx)).isSameAs(dx);
                assertClose(download(backend, dx), product, valueTolerance(), "multiply " + shape[0] + "x" + shape[1]);
            }
        }
        try (DeviceMatrix a = backend.allocate(2, 3); DeviceMatrix b = backend.allocate(3, 2)) {
            assertThatThrownBy(() -> backend.multiply(a, b, a)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2x3").hasMessageContaining("3x2");
        }
    }
}
