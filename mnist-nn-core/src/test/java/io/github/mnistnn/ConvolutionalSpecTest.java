package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.contract.ConvolutionTrainingContract;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shapes inferred and checked for networks with convolutions, their errors, and their model files (version 2). */
class ConvolutionalSpecTest {
    @TempDir
    Path dir;

    static NetworkSpec published() {
        return NetworkSpec.builder(Shape.image(28, 28, 1))
                .conv2d(32, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
                .conv2d(64, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
                .conv2d(128, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
                .flatten()
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    @Test
    void inferesEveryShapeOfThePublishedNetworkAndCountsItsParameters() {
        NetworkSpec spec = published();
        assertThat(spec.outputShape(0)).isEqualTo(Shape.image(28, 28, 32));
        assertThat(spec.outputShape(1)).isEqualTo(Shape.image(14, 14, 32));
        assertThat(spec.outputShape(4)).isEqualTo(Shape.image(7, 7, 64));
        assertThat(spec.outputShape(7)).isEqualTo(Shape.image(3, 3, 128));
        assertThat(spec.outputShape(9)).isEqualTo(Shape.vector(1152));
        // (9*1+1)*32 + (9*32+1)*64 + (9*64+1)*128 + (1152+1)*10
        assertThat(spec.parameterCount()).isEqualTo(320 + 18_496 + 73_856 + 11_530);
        assertThat(spec.initializer()).isEqualTo(Initializer.HE);
        assertThat(NetworkSpec.builder(Shape.image(5, 5, 1)).conv2d(1, 2, 2, Padding.SAME, Activation.RELU).flatten()
                .dense(2, Activation.SOFTMAX).build().outputShape(0)).as("even kernel, stride 2, SAME")
                .isEqualTo(Shape.image(3, 3, 1));
        assertThat(NetworkSpec.builder(Shape.image(7, 7, 3)).conv2d(4, 3, 2, Padding.VALID, Activation.RELU)
                .maxPool2d(2).flatten().dense(2, Activation.SOFTMAX).build().outputShape(1))
                .isEqualTo(Shape.image(1, 1, 4));
    }

    @Test
    void refusesLayersThatDoNotFitNamingTheLayerAndTheShapes() {
        Shape digits = Shape.image(28, 28, 1);
        assertThatThrownBy(() -> NetworkSpec.builder(Shape.image(2, 2, 1)).conv2d(1, 3, Padding.VALID, Activation.RELU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 1")
                .hasMessageContaining("3x3 kernel is larger than the 2x2 image");
        assertThatThrownBy(() -> NetworkSpec.builder(Shape.image(3, 3, 8)).maxPool2d(2).maxPool2d(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 2 (maxPool2d(2, stride 2))")
                .hasMessageContaining("1x1x8").hasMessageContaining("leaves no pixels");
        assertThatThrownBy(() -> NetworkSpec.builder(digits).conv2d(4, 3, Padding.SAME, Activation.RELU)
                .dense(10, Activation.SOFTMAX)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 2 (dense(10, SOFTMAX)) needs a flat input")
                .hasMessageContaining("28x28x4").hasMessageContaining("flatten()");
        assertThatThrownBy(() -> NetworkSpec.builder(784).conv2d(4, 3, Padding.SAME, Activation.RELU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an image input")
                .hasMessageContaining("784").hasMessageContaining("Shape.image");
        assertThatThrownBy(() -> NetworkSpec.builder(digits).conv2d(4, 3, Padding.SAME, Activation.RELU).flatten()
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 2 is flatten, with nothing after it");
        assertThatThrownBy(() -> NetworkSpec.builder(digits).flatten().flatten())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 2 (flatten)")
                .hasMessageContaining("flat already");
        assertThatThrownBy(() -> NetworkSpec.builder(digits).conv2d(4, 3, Padding.SAME, Activation.SOFTMAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("element-wise");
        assertThatThrownBy(() -> NetworkSpec.builder(digits).dropout(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> NetworkSpec.builder(digits).conv2d(4, 0, Padding.SAME, Activation.RELU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 1");
        assertThatThrownBy(() -> NetworkSpec.builder(digits).conv2d(4, 1 << 20, Padding.SAME, Activation.RELU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more values than one array");
    }

    @Test
    void refusesDataThatIsNotTheInputImageAndDenseDropoutRatesOnACnn() {
        NetworkSpec spec = NetworkSpec.builder(Shape.image(4, 4, 1)).conv2d(2, 3, Padding.SAME, Activation.RELU)
                .flatten().dense(2, Activation.SOFTMAX).build();
        LabeledData wrong = LabeledData.of(new double[][] {new double[15]}, new int[] {0}, 2);
        assertThatThrownBy(() -> Trainer.builder().build().train(spec, wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15").hasMessageContaining("16")
                .hasMessageContaining("4x4x1 image");
        LabeledData right = LabeledData.of(new double[][] {new double[16]}, new int[] {0}, 2);
        assertThatThrownBy(() -> Trainer.builder().dropout(0.5).build().train(spec, right))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout(rate) layers");
    }

    private static Network trainedCnn() {
        NetworkSpec spec = NetworkSpec.builder(Shape.image(6, 6, 2)).conv2d(3, 3, Padding.SAME, Activation.RELU)
                .maxPool2d(2).dropout(0.2).conv2d(2, 2, 1, Padding.VALID, Activation.TANH).flatten()
                .dense(3, Activation.SOFTMAX).build();
        return Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(4).epochs(2).seed(3).build()
                .train(spec, samples(12));
    }

    private static LabeledData samples(int count) {
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[count][72];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 72; j++) {
                x[i][j] = random.nextDouble();
            }
            y[i] = i % 3;
        }
        return LabeledData.of(x, y, 3);
    }

    @Test
    void aCnnSavesInVersionTwoAndLoadsIdentically() throws IOException {
        Network network = trainedCnn();
        Path file = dir.resolve("cnn.mnn");
        ModelFile.save(network, file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(ByteBuffer.wrap(bytes, 8, 4).getInt()).isEqualTo(2);
        Network loaded = ModelFile.load(file);
        assertThat(loaded.inputShape()).isEqualTo(Shape.image(6, 6, 2));
        assertThat(loaded.layers()).hasSameSizeAs(network.layers());
        for (int k = 0; k < network.layers().size(); k++) {
            assertThat(loaded.layers().get(k).toString()).isEqualTo(network.layers().get(k).toString());
            assertThat(ConvolutionTrainingContract.parameters(loaded.layers().get(k))).containsExactly(
                    ConvolutionTrainingContract.parameters(network.layers().get(k)));
        }
        LabeledData data = samples(12);
        double[] x = new double[72];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, 0);
            assertThat(loaded.outputs(x)).containsExactly(network.outputs(x));
        }
        assertThat(loaded.provenance()).isPresent();
        assertThat(ModelFile.encode(loaded)).containsExactly(bytes);
    }

    @Test
    void mistakesOfACnnAreThoseOfItsBatchedClassification() {
        Network network = trainedCnn();
        LabeledData data = samples(40);
        int[] classes = network.predictAll(data);
        java.util.List<Integer> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (classes[i] != data.label(i)) {
                wrong.add(i);
            }
        }
        assertThat(wrong).isNotEmpty();
        assertThat(MistakeRanking.mostConfident(network, data, data.size())).extracting(Misclassification::index)
                .containsExactlyInAnyOrderElementsOf(wrong);
    }

    @Test
    void refusesHostileVersionTwoFilesBeforeAllocating() throws IOException {
        byte[] bytes = ModelFile.encode(trainedCnn());
        // The first layer's filter count sits right after its kind: make it huge.
        int at = indexOf(bytes, "conv2d") + "conv2d".length();
        ByteBuffer.wrap(bytes).putInt(at, Integer.MAX_VALUE / 2);
        assertThatThrownBy(() -> ModelFile.load(write("huge.mnn", resealed(bytes))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("huge.mnn");
        byte[] unknown = ModelFile.encode(trainedCnn());
        int flat = indexOf(unknown, "flatten");
        unknown[flat] = 'g';
        assertThatThrownBy(() -> ModelFile.load(write("kind.mnn", resealed(unknown))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("unknown kind 'glatten'");
        byte[] cut = java.util.Arrays.copyOf(ModelFile.encode(trainedCnn()), bytes.length - 100);
        assertThatThrownBy(() -> ModelFile.load(write("cut.mnn", resealed(cut))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("truncated");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Rewrites the checksum so that only the change under test is wrong. */
    private static byte[] resealed(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        return bytes;
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + t.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + t.length, t, 0, t.length)) {
                return i;
            }
        }
        throw new AssertionError(text + " not found");
    }
}
