package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceExperimentTest {
    @TempDir
    Path dir;

    @Test
    void runsOnTheShippedSetAndWritesHistoryAndPlots() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReferenceExperiment.run(new String[] {"--data", "small", "--epochs", "4", "--lr", "0.1", "--out",
            dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        assertThat(text).contains("100 training and 10 test images", "epoch    4/4", "confusion matrix", "macro F1",
                "most confidently misclassified test images", "misclassified.png");
        List<String> history = Files.readAllLines(dir.resolve("history.csv"));
        assertThat(history).hasSize(5);
        assertThat(history.get(0)).isEqualTo("epoch,loss,train_accuracy,test_accuracy,seconds");
        assertThat(history.get(4)).startsWith("4,");
        BufferedImage curves = ImageIO.read(dir.resolve("curves.png").toFile());
        BufferedImage confusion = ImageIO.read(dir.resolve("confusion.png").toFile());
        assertThat(curves.getWidth()).isEqualTo(1040);
        assertThat(confusion.getWidth()).isEqualTo(confusion.getHeight()).isEqualTo(2 * 90 + 5 * 70);
        BufferedImage gallery = ImageIO.read(dir.resolve("misclassified.png").toFile());
        assertThat(gallery.getWidth()).isEqualTo(2 * 16 + 6 * 150);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("history.csv", "curves.png",
                    "confusion.png", "misclassified.png", "model.mnn");
        }
        Network model = ModelFile.load(dir.resolve("model.mnn"));
        assertThat(model.outputWidth()).isEqualTo(5);
        assertThat(model.provenance().orElseThrow().epochs()).isEqualTo(4);
        assertThat(model.provenance().orElseThrow().learningRate()).isEqualTo(0.1);
    }
}
