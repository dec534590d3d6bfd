package io.github.mnistnn;

import io.github.mnistnn.contract.SeededClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the golden model of a format version and the outputs it must keep giving. Run once per new format
 * version; the files it wrote for earlier versions stay committed and must keep loading.
 * Argument: the directory to write into ({@code src/test/resources/io/github/mnistnn}). With the arguments
 * {@code outputs MODEL FILE} it writes only the outputs that today's code gives for an existing golden model (once,
 * when the arithmetic changed on purpose, as when {@link StrictMath} made the outputs the same on every JDK).
 */
final class GoldenModelGenerator {
    static final long SEED = 20261123L;

    private GoldenModelGenerator() {
    }

    static LabeledData probes() {
        return probes(6);
    }

    /** The probes of a golden model of {@code width} inputs. */
    static LabeledData probes(int width) {
        return SeededClusters.of(12, width, 3, 0.3, 77);
    }

    /** The version-2 golden model's network: a small CNN with every layer kind. */
    static NetworkSpec convolutional() {
        return NetworkSpec.builder(Shape.image(6, 6, 1)).conv2d(3, 3, Padding.SAME, Activation.RELU).maxPool2d(2)
                .dropout(0.2).conv2d(4, 2, 1, Padding.VALID, Activation.TANH).flatten().dense(3, Activation.SOFTMAX)
                .build();
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("outputs")) {
            writeOutputs(ModelFile.load(Path.of(args[1])), Path.of(args[2]));
            return;
        }
        Path dir = Path.of(args[0]);
        // Version 1 was written by a dense network: 6-5-4-3 (tanh, leaky ReLU, softmax, Xavier), UHB at lr 0.05,
        // 3 epochs on SeededClusters.of(90, 6, 3, 0.3, 76). Version 2 is the first with layers of other kinds.
        LabeledData data = SeededClusters.of(90, 36, 3, 0.3, 76);
        Network network = Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(10).epochs(3)
                .seed(SEED).build().train(convolutional(), data);
        String name = "golden-v" + ModelFile.FORMAT_VERSION;
        ModelFile.save(network, dir.resolve(name + ".mnn"));
        writeOutputs(network, dir.resolve(name + "-outputs.txt"));
    }

    private static void writeOutputs(Network network, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        LabeledData probes = probes(network.inputWidth());
        for (int i = 0; i < probes.size(); i++) {
            StringBuilder line = new StringBuilder();
            for (double v : network.outputs(probes.features(i))) {
                line.append(line.length() == 0 ? "" : " ").append(Double.toHexString(v));
            }
            lines.add(line.toString());
        }
        Files.write(file, lines);
    }
}
