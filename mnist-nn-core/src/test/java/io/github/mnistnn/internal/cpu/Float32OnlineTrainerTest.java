package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The float32 fused online path against the float32 backend's primitive path on the reference network
 * (784-64-32-16-5) and MNIST-like sparse data, for an epoch of 3,000 samples, and against the double backend.
 *
 * <p>Tolerance, and why: both float32 paths round every operation to float, but not the same operations (the
 * fused loops form each product and sum as one fused multiply-add in row order; the primitive products may skip
 * zeros and tile their sums), so they differ by a few ulps per step, and 3,000 steps of online learning carry
 * those differences forward: 3e-7 (CB) and 1e-7 (UHB) measured, a few ulps of weights near 1. The bound,
 * {@value #FLOAT32_PATHS}, is 30 times that and still five orders of magnitude below what learning changes (the
 * largest weight moves by about 1 over the epoch). Against the double backend, where every input and every step
 * also carries float rounding against double's, 2.2e-6 was measured and {@value #FLOAT32_AGAINST_DOUBLE} is the
 * bound, so a float32 path that lost precision somewhere (a sum in the wrong type, a value rounded twice) fails.
 */
class Float32OnlineTrainerTest {
    private static final double FLOAT32_PATHS = 1e-5;
    private static final double FLOAT32_AGAINST_DOUBLE = 1e-4;

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

    private static double largestDifference(Network one, Network other) {
        double largest = 0;
        for (int k = 0; k < one.layers().size(); k++) {
            double[][] wa = ((DenseLayer) one.layers().get(k)).weights();
            double[][] wb = ((DenseLayer) other.layers().get(k)).weights();
            for (int i = 0; i < wa.length; i++) {
                for (int j = 0; j < wa[i].length; j++) {
                    largest = Math.max(largest, Math.abs(wa[i][j] - wb[i][j]));
                }
            }
            double[] ba = ((DenseLayer) one.layers().get(k)).biases();
            double[] bb = ((DenseLayer) other.layers().get(k)).biases();
            for (int j = 0; j < ba.length; j++) {
                largest = Math.max(largest, Math.abs(ba[j] - bb[j]));
            }
        }
        return largest;
    }

    private static Trainer.Builder trainer(BackpropRule rule) {
        return Trainer.builder().rule(rule).learningRate(rule == BackpropRule.CB ? 0.01 : 0.001).seed(8);
    }

    @ParameterizedTest
    @EnumSource(BackpropRule.class)
    void givesTheWeightsOfThePrimitivePathToFloatRounding(BackpropRule rule) {
        LabeledData data = sparseImages(3000, 4);
        Trainer.Builder builder = trainer(rule).backend(Float32CpuBackend.NAME);
        Network start = Network.initialize(NetworkSpec.reference(5), 8);
        Network fused = builder.fusedKernels(true).build().train(start, data);
        Network primitive = builder.fusedKernels(false).build().train(start, data);
        assertThat(largestDifference(fused, primitive)).isLessThan(FLOAT32_PATHS);
        assertThat(largestDifference(fused, start)).as("learning moved the weights").isGreaterThan(0.1);
        assertThat(fused.provenance().orElseThrow().trainingAccuracy())
                .isCloseTo(primitive.provenance().orElseThrow().trainingAccuracy(), within(1.0 / 3000));
        assertThat(fused.provenance().orElseThrow().trainingAccuracy()).isGreaterThan(0.3);
    }

    @Test
    void learnsWhatTheDoubleBackendLearns() {
        LabeledData data = sparseImages(3000, 4);
        Network float32 = trainer(BackpropRule.CB).backend(Float32CpuBackend.NAME).build()
                .train(NetworkSpec.reference(5), data);
        Network reference = trainer(BackpropRule.CB).build().train(NetworkSpec.reference(5), data);
        assertThat(largestDifference(float32, reference)).isLessThan(FLOAT32_AGAINST_DOUBLE);
        assertThat(float32.provenance().orElseThrow().trainingAccuracy())
                .isCloseTo(reference.provenance().orElseThrow().trainingAccuracy(), within(0.01));
    }
}
