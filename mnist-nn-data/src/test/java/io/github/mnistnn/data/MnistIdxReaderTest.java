package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MnistIdxReaderTest {
    private static final String IMAGES = "three-images-idx3-ubyte";
    private static final String LABELS = "three-labels-idx1-ubyte";

    private static MnistFormatException readFails(String images, String labels) {
        return catchThrowableOfType(MnistFormatException.class,
                () -> MnistIdxReader.read(Fixtures.path(images), Fixtures.path(labels)));
    }

    private static void assertIsTheThreeImageFixture(Dataset data) {
        assertThat(data.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(data.digit(i)).isEqualTo(FixtureGenerator.DIGITS[i]);
            byte[] image = data.image(i);
            for (int p = 0; p < Dataset.PIXELS; p++) {
                assertThat(image[p] & 0xFF).as("image %d pixel %d", i, p).isEqualTo(FixtureGenerator.pixel(i, p));
            }
        }
    }

    @Test
    void readsRawIdxPair() throws IOException {
        assertIsTheThreeImageFixture(MnistIdxReader.read(Fixtures.path(IMAGES), Fixtures.path(LABELS)));
    }

    @Test
    void readsGzippedIdxPair() throws IOException {
        assertIsTheThreeImageFixture(
                MnistIdxReader.read(Fixtures.path(IMAGES + ".gz"), Fixtures.path(LABELS + ".gz")));
    }

    @Test
    void recognisesGzipByContentNotByName() throws IOException {
        assertIsTheThreeImageFixture(MnistIdxReader.read(Fixtures.path("gzipped-three-images.bin"),
                Fixtures.path(LABELS)));
    }

    @Test
    void rejectsBadMagicNumber() {
        MnistFormatException e = readFails("bad-magic-images-idx3-ubyte", LABELS);

        assertThat(e.byteOffset()).isZero();
        assertThat(e.getMessage()).contains("bad-magic-images-idx3-ubyte", "byte 0",
                "expected magic number 0x00000803", "found 0x00000d03");
    }

    @Test
    void rejectsWrongDimensionCount() {
        MnistFormatException e = readFails("two-dims-images-idx3-ubyte", LABELS);

        assertThat(e.byteOffset()).isEqualTo(3);
        assertThat(e.getMessage()).contains("two-dims-images-idx3-ubyte", "expected 3 dimensions",
                "found 2 dimensions");
    }

    @Test
    void rejectsLabelsFileGivenAsImagesFile() {
        MnistFormatException e = readFails(LABELS, LABELS);

        assertThat(e.getMessage()).contains(LABELS, "expected 3 dimensions", "found 1 dimensions",
                "magic number 0x00000801");
    }

    @Test
    void rejectsTruncatedIdxFile() {
        MnistFormatException e = readFails("truncated-images-idx3-ubyte", LABELS);

        assertThat(e.byteOffset()).isEqualTo(16 + 2 * 784 + 300);
        assertThat(e.getMessage()).contains("truncated-images-idx3-ubyte", "expected 2368 bytes",
                "found only 1884 bytes (file truncated)");
    }

    @Test
    void rejectsTruncatedGzippedIdxFile() {
        MnistFormatException e = readFails("truncated-images-idx3-ubyte.gz", LABELS);

        assertThat(e.source()).endsWith("truncated-images-idx3-ubyte.gz");
        assertThat(e.getMessage()).containsAnyOf("truncated", "breaks off");
    }

    @Test
    void rejectsTruncatedHeader() {
        MnistFormatException e = readFails("truncated-header-images-idx3-ubyte", LABELS);

        assertThat(e.getMessage()).contains("truncated-header-images-idx3-ubyte", "truncated header");
    }

    @Test
    void rejectsImageLabelCountMismatch() {
        MnistFormatException e = readFails(IMAGES, "two-labels-idx1-ubyte");

        assertThat(e.getMessage()).contains(IMAGES, "two-labels-idx1-ubyte", "expected as many labels as images",
                "3 images in", "2 labels in");
    }

    @Test
    void rejectsLabelOutsideZeroToNine() {
        MnistFormatException e = readFails(IMAGES, "label-ten-labels-idx1-ubyte");

        assertThat(e.byteOffset()).isEqualTo(9);
        assertThat(e.getMessage()).contains("label-ten-labels-idx1-ubyte", "a label 0..9 for item 1", "found 10");
    }

    @Test
    void rejectsImagesThatAreNot28By28() {
        MnistFormatException e = readFails("27x28-images-idx3-ubyte", LABELS);

        assertThat(e.getMessage()).contains("27x28-images-idx3-ubyte", "expected 28x28 images",
                "found 27x28 images");
    }

    @Test
    void rejectsFileLongerThanItsHeaderSays() {
        MnistFormatException e = readFails("too-long-images-idx3-ubyte", LABELS);

        assertThat(e.byteOffset()).isEqualTo(16 + 3 * 784);
        assertThat(e.getMessage()).contains("too-long-images-idx3-ubyte", "the end of the file", "more bytes");
    }
}
