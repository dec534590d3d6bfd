package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fused online path against the EJML primitive path on the reference network and MNIST-like sparse data. */
class OnlineCpuTrainerTest {
    /** 784 inputs, about 80 % of them zero, as in MNIST; five classes tied to which block of pixels is lit. */
    private static LabeledData sparseImages(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[count][784];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = random.nextInt(5);
            for (int j = 0; j < 784; j++) {
                boolean lit = random.nextDouble() < (j / 157 == y[i] ? 0.6 : 0.1);
                x[i][j] = lit ? random.nextInt(1, 256) / 255.0 : 0;
            }
        }
        return LabeledData.of(x, y, 5);
    }

    @ParameterizedTest
    @EnumSource(BackpropRule.class)
    void givesTheSameWeightsAsThePrimitivePathAfterAnEpoch(BackpropRule rule) {
        LabeledData data = sparseImages(3000, 4);
        Trainer.Builder builder = Trainer.builder().rule(rule).learningRate(rule == BackpropRule.CB ? 0.01 : 0.001)
                .seed(8);
        Network fused = builder.fusedKernels(true).build().train(NetworkSpec.reference(5), data);
        Network primitive = builder.fusedKernels(false).build().train(NetworkSpec.reference(5), data);
        double largest = 0;
        for (int k = 0; k < 4; k++) {
            double[][] wf = ((DenseLayer) fused.layers().get(k)).weights();
            double[][] wp = ((DenseLayer) primitive.layers().get(k)).weights();
            for (int i = 0; i < wf.length; i++) {
                for (int j = 0; j < wf[i].length; j++) {
                    largest = Math.max(largest, Math.abs(wf[i][j] - wp[i][j]));
                }
            }
            double[] bf = ((DenseLayer) fused.layers().get(k)).biases();
            double[] bp = ((DenseLayer) primitive.layers().get(k)).biases();
            for (int j = 0; j < bf.length; j++) {
                largest = Math.max(largest, Math.abs(bf[j] - bp[j]));
            }
        }
        assertThat(largest).isLessThan(1e-12);
        assertThat(fused.provenance().orElseThrow().trainingAccuracy())
                .isEqualTo(primitive.provenance().orElseThrow().trainingAccuracy());
        assertThat(fused.provenance().orElseThrow().trainingAccuracy()).isGreaterThan(0.3);
    }
}
