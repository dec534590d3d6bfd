package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mnistnn.contract.SeededClusters;
import io.github.mnistnn.spi.ArgMax;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Network trained() {
        LabeledData data = SeededClusters.of(60, 5, 3, 0.3, 1);
        return Trainer.builder().learningRate(0.1).epochs(2).seed(4).build()
                .train(NetworkSpec.builder(5).layer(4, Activation.SIGMOID).layer(3, Activation.SOFTMAX).build(), data);
    }

    @Test
    void roundTripKeepsEveryWeightAndTheProvenanceExactly() throws IOException {
        Network network = trained();
        Path file = dir.resolve("m.mnn");
        ModelFile.save(network, file);
        Network loaded = ModelFile.load(file);
        for (int k = 0; k < network.layers().size(); k++) {
            assertThat(((DenseLayer) loaded.layers().get(k)).weights()).isDeepEqualTo(((DenseLayer) network.layers().get(k)).weights());
            assertThat(((DenseLayer) loaded.layers().get(k)).biases()).containsExactly(((DenseLayer) network.layers().get(k)).biases());
            assertThat(((DenseLayer) loaded.layers().get(k)).activation()).isEqualTo(((DenseLayer) network.layers().get(k)).activation());
        }
        assertThat(loaded.provenance()).isEqualTo(network.provenance());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theVersionOneGoldenModelStillLoadsAndPredictsIdentically() throws IOException {
        Path golden = dir.resolve("golden-v1.mnn");
        try (InputStream in = getClass().getResourceAsStream("golden-v1.mnn")) {
            Files.copy(in, golden);
        }
        Network network = ModelFile.load(golden);
        // The outputs are StrictMath's, so the same bits on every JDK (CI runs this on 17 and 25).
        List<double[]> expected = outputs("golden-v1-outputs.txt");
        // Recorded on JDK 17 while the math went through the Math intrinsics, which differ between JDKs.
        List<double[]> beforeStrictMath = outputs("golden-v1-outputs-jdk17-math.txt");
        LabeledData probes = GoldenModelGenerator.probes();
        assertThat(expected).hasSize(probes.size());
        for (int i = 0; i < probes.size(); i++) {
            double[] got = network.outputs(probes.features(i));
            assertThat(got).as("probe %d", i).containsExactly(expected.get(i));
            assertThat(network.predict(probes.features(i))).as("probe %d's class", i)
                    .isEqualTo(ArgMax.of(beforeStrictMath.get(i), 0, beforeStrictMath.get(i).length));
            for (int j = 0; j < got.length; j++) {
                assertThat(got[j]).as("probe %d, output %d, against JDK 17's Math", i, j)
                        .isCloseTo(beforeStrictMath.get(i)[j], within(2 * Math.ulp(got[j])));
            }
        }
        TrainingProvenance p = network.provenance().orElseThrow();
        assertThat(p.seed()).isEqualTo(GoldenModelGenerator.SEED);
        assertThat(p.rule()).isEqualTo(BackpropRule.UHB);
        assertThat(p.epochs()).isEqualTo(3);
    }

    @Test
    void theVersionTwoGoldenModelLoadsAndPredictsIdentically() throws IOException {
        Path golden = dir.resolve("golden-v2.mnn");
        try (InputStream in = getClass().getResourceAsStream("golden-v2.mnn")) {
            Files.copy(in, golden);
        }
        Network network = ModelFile.load(golden);
        assertThat(network.inputShape()).isEqualTo(Shape.image(6, 6, 1));
        assertThat(network.layers()).extracting(Object::toString).containsExactly(
                "conv2d(3, 3x3, stride 1, SAME, RELU)", "maxPool2d(2, stride 2)", "dropout(0.2)",
                "conv2d(4, 2x2, stride 1, VALID, TANH)", "flatten", "dense(3, SOFTMAX)");
        List<double[]> expected = outputs("golden-v2-outputs.txt");
        LabeledData probes = GoldenModelGenerator.probes(36);
        assertThat(expected).hasSize(probes.size());
        for (int i = 0; i < probes.size(); i++) {
            assertThat(network.outputs(probes.features(i))).as("probe %d", i).containsExactly(expected.get(i));
        }
        TrainingProvenance p = network.provenance().orElseThrow();
        assertThat(p.seed()).isEqualTo(GoldenModelGenerator.SEED);
        assertThat(p.batchSize()).isEqualTo(10);
        assertThat(p.epochs()).isEqualTo(3);
        Path again = dir.resolve("again.mnn");
        ModelFile.save(network, again);
        assertThat(ModelFile.load(again).outputs(probes.features(0))).containsExactly(expected.get(0));
    }

    @Test
    void loadsFromAStreamAsFromAFileAndRefusesADamagedOne() throws IOException {
        LabeledData probes = GoldenModelGenerator.probes(36);
        List<double[]> expected = outputs("golden-v2-outputs.txt");
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("golden-v2.mnn")) {
            bytes = in.readAllBytes();
        }
        Network network = ModelFile.load(new java.io.ByteArrayInputStream(bytes), "models/golden-v2.mnn");
        assertThat(network.outputs(probes.features(3))).containsExactly(expected.get(3));
        byte[] damaged = bytes.clone();
        damaged[damaged.length / 2] ^= 1;
        assertThatThrownBy(() -> ModelFile.load(new java.io.ByteArrayInputStream(damaged), "models/golden-v2.mnn"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("models/golden-v2.mnn")
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> ModelFile.load(new java.io.ByteArrayInputStream(Arrays.copyOf(bytes, 10)),
                "cut.mnn")).isInstanceOf(ModelFormatException.class).hasMessageContaining("cut.mnn");
        assertThatThrownBy(() -> ModelFile.load(null, "x.mnn")).isInstanceOf(IllegalArgumentException.class);
    }

    private List<double[]> outputs(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n"))
                    .map(line -> Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray())
                    .toList();
        }
    }

    @Test
    void refusesWrongMagicBytes() throws IOException {
        Path file = dir.resolve("not-a-model.mnn");
        Files.writeString(file, "label,p0,p1\n");
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("magic");
    }

    @Test
    void refusesAnUnknownFormatVersion() throws IOException {
        byte[] bytes = ModelFile.encode(trained());
        ByteBuffer.wrap(bytes).putInt(8, 3);
        Path file = write("v3.mnn", resealed(bytes));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("format version 3 is unknown").hasMessageContaining("versions 1 and 2");
    }

    @Test
    void refusesATruncatedFileAtAnyLength() throws IOException {
        byte[] bytes = ModelFile.encode(trained());
        for (int length : new int[] {0, 5, 12, 20, bytes.length / 2, bytes.length - 9, bytes.length - 1}) {
            Path file = write("cut" + length + ".mnn", Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> ModelFile.load(file)).as("cut at %d", length)
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining(file.toString());
        }
    }

    @Test
    void refusesAChecksumMismatch() throws IOException {
        byte[] bytes = ModelFile.encode(trained());
        bytes[bytes.length - 40] ^= 1;
        Path file = write("flipped.mnn", bytes);
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void refusesAnUnknownActivationEvenWithAValidChecksum() throws IOException {
        byte[] bytes = ModelFile.encode(trained());
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("SIGMOID", "SIGMOIX");
        Path file = write("odd.mnn", resealed(text.getBytes(StandardCharsets.ISO_8859_1)));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("unknown activation 'SIGMOIX'");
    }

    @Test
    void savingToADirectoryIsRefusedNamingItAndLeavesIt() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("inside"));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        for (Path folder : new Path[] {target, empty}) {
            assertThatThrownBy(() -> ModelFile.save(trained(), folder)).isInstanceOf(FileSystemException.class)
                    .hasMessage(folder + ": is a directory; the model must be saved to a file in it");
        }
        assertThat(target.resolve("inside")).isDirectory();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, empty);
        }
    }

    @Test
    void savingToTheRootIsRefusedNamingIt() {
        Path root = dir.getRoot();
        assertThatThrownBy(() -> ModelFile.save(trained(), root)).isInstanceOf(FileSystemException.class)
                .hasMessageStartingWith(root + ": is a directory");
    }

    @Test
    void savingUnderARegularFileIsRefusedNamingTheTarget() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "text");
        Path target = file.resolve("m.mnn");
        assertThatThrownBy(() -> ModelFile.save(trained(), target)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write the model " + target + ": ");
        assertThat(Files.readString(file)).isEqualTo("text");
    }

    @Test
    void aSingleFileNameIsSavedInTheWorkingDirectory() throws IOException {
        Path name = Path.of("model-file-test-" + ProcessHandle.current().pid() + ".mnn");
        assertThat(name.getParent()).isNull();
        try {
            ModelFile.save(trained(), name);
            assertThat(ModelFile.load(name.toAbsolutePath()).layers()).hasSize(2);
        } finally {
            Files.deleteIfExists(name);
        }
    }

    @Test
    void aLongButLegalFileNameIsSaved() throws IOException {
        Path file = dir.resolve("m".repeat(246) + ".mnn");
        assertThat(file.getFileName().toString()).hasSize(250);
        ModelFile.save(trained(), file);
        assertThat(ModelFile.load(file).layers()).hasSize(2);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aNewModelGetsThePermissionsOfAnyNewFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("m.mnn");
        ModelFile.save(trained(), file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aReplacedModelKeepsThePermissionsOfTheFileItReplaces() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = Files.writeString(dir.resolve("m.mnn"), "old");
        Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, chosen);
        ModelFile.save(trained(), file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(chosen);
        assertThat(ModelFile.load(file).layers()).hasSize(2);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] resealed(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        return bytes;
    }
}
