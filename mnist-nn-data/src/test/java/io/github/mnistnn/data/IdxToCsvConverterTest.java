package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
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
    void brokenIdxLeavesNoCsvBehind(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out.csv");

        assertThatThrownBy(() -> IdxToCsvConverter.convert(Fixtures.path("truncated-images-idx3-ubyte"),
                Fixtures.path("three-labels-idx1-ubyte"), csv)).isInstanceOf(MnistFormatException.class);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
