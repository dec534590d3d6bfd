package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.spi.OptimizerStep;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void stepExponentialAndCosineFollowTheirFormulas() {
        LearningRateSchedule step = LearningRateSchedule.step(3, 0.1);
        assertThat(new double[] {step.factor(1), step.factor(3), step.factor(4), step.factor(7)})
                .containsExactly(new double[] {1, 1, 0.1, 0.01}, within(1e-15));
        LearningRateSchedule exponential = LearningRateSchedule.exponential(0.5);
        assertThat(exponential.factor(1)).isEqualTo(1);
        assertThat(exponential.factor(4)).isEqualTo(0.125);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(5, 0.1);
        // t = (epoch - 1) / 4; factor = 0.1 + 0.9 * (1 + cos(pi t)) / 2
        assertThat(cosine.factor(1)).isEqualTo(1.0);
        assertThat(cosine.factor(3)).isCloseTo(0.55, within(1e-15));
        assertThat(cosine.factor(5)).isCloseTo(0.1, within(1e-15));
        assertThat(cosine.factor(9)).as("held after the decay").isCloseTo(0.1, within(1e-15));
        assertThat(LearningRateSchedule.constant().factor(50)).isEqualTo(1);
        assertThat(step.toString()).isEqualTo("step(every=3, factor=0.1)");
    }

    @Test
    void rejectsSchedulesThatWouldNotDecay() {
        assertThatThrownBy(() -> LearningRateSchedule.step(0, 0.5)).hasMessageContaining("everyEpochs");
        assertThatThrownBy(() -> LearningRateSchedule.exponential(1.5)).hasMessageContaining("gamma")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(10, -0.1)).hasMessageContaining("minFactor");
    }

    @Test
    void optimizerKindsAreTheStepCodesAndConstantsAreChecked() {
        assertThat(Optimizer.Kind.SGD.ordinal()).isEqualTo(OptimizerStep.SGD);
        assertThat(Optimizer.Kind.MOMENTUM.ordinal()).isEqualTo(OptimizerStep.MOMENTUM);
        assertThat(Optimizer.Kind.NESTEROV.ordinal()).isEqualTo(OptimizerStep.NESTEROV);
        assertThat(Optimizer.Kind.ADAM.ordinal()).isEqualTo(OptimizerStep.ADAM);
        assertThat(Optimizer.Kind.ADAMW.ordinal()).isEqualTo(OptimizerStep.ADAMW);
        assertThat(Optimizer.Kind.RMSPROP.ordinal()).isEqualTo(OptimizerStep.RMSPROP);
        assertThatThrownBy(() -> Optimizer.momentum(1)).hasMessageContaining("momentum").hasMessageContaining("1.0");
        assertThatThrownBy(() -> Optimizer.adam(0.9, 0.999, 0)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> Optimizer.adamW(-1e-4)).hasMessageContaining("weightDecay");
        assertThat(Optimizer.adamW(1e-4).toString()).isEqualTo("ADAMW(beta1=0.9, beta2=0.999, epsilon=1.0E-8, weightDecay=1.0E-4)");
    }

    @Test
    void adamsFirstStepIsTheLearningRateTimesTheSignOfTheGradient() {
        // m = 0.1 g, v = 0.001 g^2; m / c1 = g, v / c2 = g^2, so the step is lr g / (|g| + eps).
        OptimizerStep step = Optimizer.adam().step(0.01, 0, true, 1);
        double[] p = {1, 1};
        step.apply(p, new double[] {0.5, -2}, new double[2], new double[2], 2);
        assertThat(p[0]).isCloseTo(1 - 0.01 * 0.5 / (0.5 + 1e-8), within(1e-15));
        assertThat(p[1]).isCloseTo(1 + 0.01 * 2 / (2 + 1e-8), within(1e-15));
    }
}
