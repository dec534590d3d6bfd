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
        return SeededClusters.of(12, 6, 3, 0.3, 77);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("outputs")) {
            writeOutputs(ModelFile.load(Path.of(args[1])), Path.of(args[2]));
            return;
        }
        Path dir = Path.of(args[0]);
        LabeledData data = SeededClusters.of(90, 6, 3, 0.3, 76);
        NetworkSpec spec = NetworkSpec.builder(6).layer(5, Activation.TANH).layer(4, Activation.LEAKY_RELU)
                .layer(3, Activation.SOFTMAX).initializer(Initializer.XAVIER).build();
        Network network = Trainer.builder().rule(BackpropRule.UHB).learningRate(0.05).epochs(3).seed(SEED).build()
                .train(spec, data);
        String name = "golden-v" + ModelFile.FORMAT_VERSION;
        ModelFile.save(network, dir.resolve(name + ".mnn"));
        writeOutputs(network, dir.resolve(name + "-outputs.txt"));
    }

    private static void writeOutputs(Network network, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        LabeledData probes = probes();
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
