package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One epoch of the reference experiment (784-64-32-16-5, sigmoid and softmax, online, learning rate 0.01, one
 * seed) on OpenCL in float32 and on the CPU: the networks agree within {@value #WEIGHT_TOLERANCE} per weight
 * (relative-or-absolute; a thousand online steps each round to float32, and the rounding errors add up rather than
 * cancel) and reach the same accuracy within 0.5 %, both on the epoch's own metrics and on held-out data.
 *
 * <p>The data is the shipped stratified MNIST subset (1,000 training and 200 test images) on the reference's task,
 * digits 0-3 plus "none".
 */
@RequiresOpenClDevice
class ReferenceEpochAgreementTest {
    static final double WEIGHT_TOLERANCE = 1e-3;

    @ParameterizedTest
    @EnumSource(BackpropRule.class)
    void oneReferenceEpochOnOpenClMatchesTheCpu(BackpropRule rule) {
        TrainAndTest data = ShippedMnist.subset().digitTask(0, 1, 2, 3);
        LabeledData train = data.training();
        LabeledData test = data.test();
        Trainer.Builder trainer = Trainer.builder().rule(rule).learningRate(0.01).epochs(1).seed(7);
        Network cpu = trainer.backend("cpu").build().train(NetworkSpec.reference(5), train);
        Network cl;
        try (Backend backend = OpenClAvailability.open(Precision.FLOAT32)) {
            cl = trainer.backend(backend).build().train(NetworkSpec.reference(5), train);
        }
        for (int k = 0; k < cpu.layers().size(); k++) {
            double[][] w = ((DenseLayer) cpu.layers().get(k)).weights();
            double[][] v = ((DenseLayer) cl.layers().get(k)).weights();
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    assertThat(v[i][j]).as("layer %d W[%d][%d]", k + 1, i, j)
                            .isCloseTo(w[i][j], within(WEIGHT_TOLERANCE * Math.max(1, Math.abs(w[i][j]))));
                }
            }
        }
        assertThat(cl.provenance().orElseThrow().trainingAccuracy()).as("training accuracy")
                .isCloseTo(cpu.provenance().orElseThrow().trainingAccuracy(), within(0.005));
        assertThat(cl.evaluate(test).accuracy()).as("held-out accuracy")
                .isCloseTo(cpu.evaluate(test).accuracy(), within(0.005));
        assertThat(cpu.evaluate(test).accuracy()).as("the epoch taught something").isGreaterThan(0.5);
    }
}
