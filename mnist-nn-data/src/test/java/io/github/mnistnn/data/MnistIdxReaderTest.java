package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistIdxReaderTest {
    private static final String IMAGES = "three-images-idx3-ubyte";
    private static final String LABELS = "three-labels-idx1-ubyte";

    @TempDir
    Path temp;

    /** A file in the temporary directory holding the given bytes. */
    private Path file(String name, byte[] bytes) throws IOException {
        Path p = temp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] threeImages() throws IOException {
        return Files.readAllBytes(Fixtures.path(IMAGES));
    }

    private static MnistFormatException readFails(Path images, Path labels) {
        return catchThrowableOfType(MnistFormatException.class, () -> MnistIdxReader.read(images, labels));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

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

    @Test
    void rejectsADirectoryAsTheImagesFileNamingIt() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("images-dir"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> MnistIdxReader.read(dir, Fixtures.path(LABELS)));

        assertThat(e.getFile()).isEqualTo(dir.toString());
        assertThat(e.getMessage()).isEqualTo(dir + ": is a directory, expected an IDX file");
    }

    @Test
    void rejectsADirectoryAsTheLabelsFileNamingIt() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("labels-dir"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> MnistIdxReader.read(Fixtures.path(IMAGES), dir));

        assertThat(e.getMessage()).contains(dir.toString(), "is a directory");
    }

    @Test
    void rejectsAMissingFileNamingIt() {
        Path missing = temp.resolve("no-such-images-idx3-ubyte");

        NoSuchFileException e = catchThrowableOfType(NoSuchFileException.class,
                () -> MnistIdxReader.read(missing, Fixtures.path(LABELS)));

        assertThat(e.getMessage()).isEqualTo(missing + ": no such file (expected an IDX file)");
    }

    @Test
    void rejectsTrailingGarbageAfterTheGzipStream() throws IOException {
        byte[] gz = IdxFixtureWriter.gzip(threeImages());
        Path images = file("images.gz", concat(gz, "garbage".getBytes(StandardCharsets.US_ASCII)));

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.source()).isEqualTo(images.toString());
        assertThat(e.byteOffset()).isEqualTo(gz.length);
        assertThat(e.getMessage()).contains(images.toString(), "byte " + gz.length,
                "the end of the file, or a further gzip member", "after member 1", "0x67 0x61");
    }

    @Test
    void rejectsZeroPaddingAfterTheGzipStream() throws IOException {
        Path images = file("padded.gz", concat(IdxFixtureWriter.gzip(threeImages()), new byte[512]));

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains(images.toString(), "after member 1", "0x00 0x00");
    }

    @Test
    void rejectsASingleStrayByteAfterTheGzipStream() throws IOException {
        Path images = file("stray.gz", concat(IdxFixtureWriter.gzip(threeImages()), new byte[] {0x1f}));

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains(images.toString(), "byte 0x1f, then the end of the file");
    }

    @Test
    void readsConcatenatedGzipMembersAsGunzipDoes() throws IOException {
        byte[] raw = threeImages();
        Path images = file("members.gz", concat(IdxFixtureWriter.gzip(Arrays.copyOf(raw, 1000)),
                IdxFixtureWriter.gzip(Arrays.copyOfRange(raw, 1000, raw.length))));

        assertIsTheThreeImageFixture(MnistIdxReader.read(images, Fixtures.path(LABELS)));
    }

    @Test
    void rejectsAGzipFileCutInsideItsHeaderWithAReason() throws IOException {
        Path images = file("cut-header.gz", new byte[] {0x1f, (byte) 0x8b, 8});

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains(images.toString(), "a complete gzip header", "truncated")
                .doesNotContain("null");
    }

    @Test
    void rejectsAGzipMemberWithAWrongCrc() throws IOException {
        byte[] gz = IdxFixtureWriter.gzip(threeImages());
        gz[gz.length - 8] ^= 0x01;
        Path images = file("bad-crc.gz", gz);

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.byteOffset()).isEqualTo(gz.length - 8);
        assertThat(e.getMessage()).contains(images.toString(), "CRC-32", "damaged data");
    }

    @Test
    void rejectsAGzipMemberWithAWrongLength() throws IOException {
        byte[] gz = IdxFixtureWriter.gzip(threeImages());
        gz[gz.length - 4] ^= 0x01;
        Path images = file("bad-length.gz", gz);

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains(images.toString(), "length", "damaged data");
    }

    @Test
    void rejectsDamagedDeflateData() throws IOException {
        byte[] gz = IdxFixtureWriter.gzip(threeImages());
        for (int i = 10; i < 30; i++) {
            gz[i] = (byte) 0xFF;
        }
        Path images = file("damaged.gz", gz);

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains(images.toString()).containsAnyOf("deflate", "CRC-32", "length")
                .doesNotContain("null");
    }

    @Test
    void hugeDeclaredCountsAreCheckedAgainstTheBytesPresentBeforeAllocating() throws IOException {
        int count = Integer.MAX_VALUE / Dataset.PIXELS; // 2.7 million images, 2 GiB promised
        Path images = file("huge-images", IdxFixtureWriter.images(0x803, count, 28, 28, new byte[Dataset.PIXELS]));
        Path labels = file("huge-labels", IdxFixtureWriter.labels(0x801, count, new byte[] {1}));

        MnistFormatException e = readFails(images, labels);

        assertThat(e.byteOffset()).isEqualTo(16 + Dataset.PIXELS);
        assertThat(e.getMessage()).contains("huge-images", "file truncated");
    }

    @Test
    void rejectsACountAboveWhatFitsInOneArray() throws IOException {
        int count = Integer.MAX_VALUE / Dataset.PIXELS + 1;
        Path images = file("too-many-images", IdxFixtureWriter.images(0x803, count, 28, 28, new byte[0]));
        Path labels = file("too-many-labels", IdxFixtureWriter.labels(0x801, count, new byte[0]));

        MnistFormatException e = readFails(images, labels);

        assertThat(e.byteOffset()).isEqualTo(4);
        assertThat(e.getMessage()).contains("too-many-images", "at most " + (count - 1) + " images");
    }

    @Test
    void rejectsANegativeCount() throws IOException {
        Path images = file("negative-images", IdxFixtureWriter.images(0x803, -5, 28, 28, new byte[0]));

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains("negative-images", "byte 4", "a non-negative item count", "found -5");
    }

    @Test
    void rejectsNegativeDimensions() throws IOException {
        Path images = file("negative-dims", IdxFixtureWriter.images(0x803, 1, -28, 28, new byte[0]));

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains("negative-dims", "expected 28x28 images", "found -28x28 images");
    }

    @Test
    void reportsADimensionCountByteAsUnsigned() throws IOException {
        Path images = file("dims-253", IdxFixtureWriter.images(0x8FD, 3, 28, 28, new byte[0]));

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains("found 253 dimensions");
    }

    @Test
    void rejectsAOneByteFile() throws IOException {
        Path images = file("one-byte", new byte[] {0});

        MnistFormatException e = readFails(images, Fixtures.path(LABELS));

        assertThat(e.getMessage()).contains("one-byte", "a file of 1 bytes (truncated)");
    }
}
