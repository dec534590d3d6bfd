package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mnistnn.internal.io.AtomicFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.csv and the PNG plots go through one atomic writer: its permissions, names and failures. */
class TrainingHistoryTest {
    @TempDir
    Path dir;

    private static TrainingHistory twoEpochs() {
        TrainingHistory history = new TrainingHistory();
        history.add(new EpochRecord(1, 0.5, 0.8, 0.75, 1.25));
        history.add(new EpochRecord(2, 0.25, 0.9, 0.85, 1.5));
        return history;
    }

    @Test
    void writesOneLinePerEpochAndNothingElseInTheFolder() throws IOException {
        Path file = dir.resolve("history.csv");
        twoEpochs().writeCsv(file);
        assertThat(Files.readAllLines(file)).containsExactly("epoch,loss,train_accuracy,test_accuracy,seconds",
                "1,0.500000,0.800000,0.750000,1.250", "2,0.250000,0.900000,0.850000,1.500");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aNewHistoryGetsThePermissionsOfAnyNewFileAndAReplacedOneKeepsItsOwn() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("history.csv");
        twoEpochs().writeCsv(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(file, chosen);
        twoEpochs().writeCsv(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(chosen);
    }

    @Test
    void aLongButLegalFileNameIsWritten() throws IOException {
        Path file = dir.resolve("h".repeat(246) + ".csv");
        twoEpochs().writeCsv(file);
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void aDirectoryIsRefusedByNameAndLeftAsItWas() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("history.csv").resolve("inside")).getParent();
        assertThatThrownBy(() -> twoEpochs().writeCsv(folder)).isInstanceOf(FileSystemException.class)
                .hasMessage(folder + ": is a directory; the history must be saved to a file in it");
        assertThatThrownBy(() -> twoEpochs().writeCsv(dir.getRoot())).isInstanceOf(FileSystemException.class)
                .hasMessageStartingWith(dir.getRoot() + ": is a directory");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(folder);
        }
        assertThat(folder.resolve("inside")).isDirectory();
    }

    @Test
    void aFailedWriteNamesTheFileKeepsTheOldOneAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("history.csv"), "old");
        assertThatThrownBy(() -> AtomicFile.replace(file, "history", out -> {
            out.write(new byte[10_000]);
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessage("cannot write the history " + file + ": IOException: No space left on device");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aPngIsWrittenCompleteThroughTheSameWriter() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0x123456);
        Path file = dir.resolve("plot.png");
        PngFile.write(image, file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(List.of(read.getWidth(), read.getHeight(), read.getRGB(2, 1) & 0xFFFFFF))
                .containsExactly(3, 2, 0x123456);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
