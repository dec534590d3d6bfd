package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxToCsvConverterTest {

    @Test
    void idxToCsvToDatasetGivesBackTheSameImagesAndLabels(@TempDir Path dir) throws IOException {
        Dataset original = ShippedMnist.subset().test();
        Path images = dir.resolve("images-idx3-ubyte.gz");
        Path labels = dir.resolve("labels-idx1-ubyte");
        IdxFixtureWriter.write(images, IdxFixtureWriter.gzip(IdxFixtureWriter.images(original)));
        IdxFixtureWriter.write(labels, IdxFixtureWriter.labels(original));
        Path csv = dir.resolve("out.csv");

        int written = IdxToCsvConverter.convert(images, labels, csv);
        Dataset back = MnistCsvReader.read(csv);

        assertThat(written).isEqualTo(200);
        assertThat(back.size()).isEqualTo(original.size());
        for (int i = 0; i < original.size(); i++) {
            assertThat(back.digit(i)).isEqualTo(original.digit(i));
            assertThat(back.image(i)).isEqualTo(original.image(i));
        }
        assertThat(back.fingerprint()).isEqualTo(original.fingerprint());
    }

    @Test
    void convertsTheIdxFixtureToTheCsvFixture(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("three.csv");

        IdxToCsvConverter.convert(Fixtures.path("three-images-idx3-ubyte"), Fixtures.path("three-labels-idx1-ubyte"),
                csv);

        assertThat(Files.readAllBytes(csv)).isEqualTo(Files.readAllBytes(Fixtures.path("three.csv")));
    }

    @Test
    void aLongLegalNameWorksAndTheCsvGetsTheUsualPermissions(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("c".repeat(246) + ".csv");
        Path usual = Files.createFile(dir.resolve("usual"));

        IdxToCsvConverter.convert(Fixtures.path("three-images-idx3-ubyte"), Fixtures.path("three-labels-idx1-ubyte"),
                csv);

        assertThat(Files.readAllBytes(csv)).isEqualTo(Files.readAllBytes(Fixtures.path("three.csv")));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(csv)).isEqualTo(Files.getPosixFilePermissions(usual));
        }
    }

    @Test
    void brokenIdxLeavesNoCsvBehind(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out.csv");

        assertThatThrownBy(() -> IdxToCsvConverter.convert(Fixtures.path("truncated-images-idx3-ubyte"),
                Fixtures.path("three-labels-idx1-ubyte"), csv)).isInstanceOf(MnistFormatException.class);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesADirectoryAsTheCsvAndLeavesItAlone(@TempDir Path dir) throws IOException {
        Path csv = Files.createDirectories(dir.resolve("out.csv"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class, () -> IdxToCsvConverter.convert(
                Fixtures.path("three-images-idx3-ubyte"), Fixtures.path("three-labels-idx1-ubyte"), csv));

        assertThat(e.getMessage()).isEqualTo(csv + ": is a directory, expected the CSV file to write");
        assertThat(csv).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(csv);
        }
    }

    @Test
    void refusesADirectoryAsTheImagesFileAndWritesNothing(@TempDir Path dir) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path csv = dir.resolve("out.csv");

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> IdxToCsvConverter.convert(images, Fixtures.path("three-labels-idx1-ubyte"), csv));

        assertThat(e.getMessage()).contains(images.toString(), "is a directory, expected an IDX file");
        assertThat(csv).doesNotExist();
    }

    @Test
    void refusesACsvInAMissingDirectoryNamingIt(@TempDir Path dir) {
        Path csv = dir.resolve("no-such-dir").resolve("out.csv");

        NoSuchFileException e = catchThrowableOfType(NoSuchFileException.class, () -> IdxToCsvConverter.convert(
                Fixtures.path("three-images-idx3-ubyte"), Fixtures.path("three-labels-idx1-ubyte"), csv));

        assertThat(e.getMessage()).contains(dir.resolve("no-such-dir").toString(), "no such directory",
                csv.toString());
    }
}
