package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Batch normalisation in the version-2 model format: every value kept, and a hostile file refused. */
class BatchNormModelFileTest {
    private static final Shape IMAGE = Shape.image(6, 6, 1);

    private static Network trained() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[40][IMAGE.size()];
        int[] y = new int[40];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 2;
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = random.nextDouble() + (j < 18 ? y[i] : 0);
            }
        }
        NetworkSpec spec = NetworkSpec.builder(IMAGE).conv2d(3, 3, Padding.SAME, Activation.RELU).batchNorm()
                .maxPool2d(2).flatten().dense(4, Activation.RELU).batchNorm(1e-3, 0.01).dense(2, Activation.SOFTMAX)
                .build();
        return Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(8).epochs(2).seed(4)
                .build().train(spec, LabeledData.of(x, y, 2));
    }

    @Test
    void keepsScalesShiftsRunningStatisticsAndSettingsExactly() throws IOException {
        Network network = trained();
        Network loaded = ModelFile.load(new ByteArrayInputStream(ModelFile.encode(network)), "bn.mnn");
        for (int k : new int[] {1, 5}) {
            BatchNormLayer saved = (BatchNormLayer) network.layers().get(k);
            BatchNormLayer read = (BatchNormLayer) loaded.layers().get(k);
            assertThat(saved.runningMean()).as("layer %d trained its statistics", k).isNotEqualTo(new double[saved.features()]);
            assertThat(read.gamma()).containsExactly(saved.gamma());
            assertThat(read.beta()).containsExactly(saved.beta());
            assertThat(read.runningMean()).containsExactly(saved.runningMean());
            assertThat(read.runningVariance()).containsExactly(saved.runningVariance());
            assertThat(read.settings()).isEqualTo(saved.settings());
        }
        assertThat(((BatchNormLayer) loaded.layers().get(5)).settings().momentum()).isEqualTo(0.01);
        double[] image = new double[IMAGE.size()];
        Arrays.fill(image, 0.5);
        assertThat(loaded.outputs(image)).containsExactly(network.outputs(image));
    }

    @Test
    void refusesANegativeRunningVarianceOrATruncatedFile() throws IOException {
        byte[] bytes = ModelFile.encode(trained());
        // Back from the end: the checksum (8 bytes), the output layer (4 x 2 weights and 2 biases),
        // then the second normalisation's 4 running variances.
        int variance = bytes.length - 8 - 8 * (4 * 2 + 2) - 8 * 4;
        byte[] hostile = bytes.clone();
        ByteBuffer.wrap(hostile).putDouble(variance, -1.0);
        CRC32C crc = new CRC32C();
        crc.update(hostile, 0, hostile.length - 8);
        ByteBuffer.wrap(hostile).putLong(hostile.length - 8, crc.getValue());
        assertThatThrownBy(() -> ModelFile.load(new ByteArrayInputStream(hostile), "hostile.mnn"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("hostile.mnn")
                .hasMessageContaining("running variance 0 is -1.0");
        for (int length : new int[] {bytes.length - 9, bytes.length - 8 - 8 * 20, bytes.length / 2}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> ModelFile.load(new ByteArrayInputStream(cut), "cut.mnn")).as("cut at %d", length)
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining("cut.mnn");
        }
    }

    @Test
    void refusesSettingsOutOfRangeNamingTheLayer() {
        assertThatThrownBy(() -> NetworkSpec.builder(4).dense(3, Activation.RELU).batchNorm(0, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 2 (batchNorm")
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> NetworkSpec.builder(4).batchNorm(1e-5, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
        assertThat(NetworkSpec.builder(IMAGE).batchNorm().flatten().dense(2, Activation.SOFTMAX).build()
                .parameterCount()).isEqualTo(2 + 37 * 2);
    }
}
