package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistCsvReaderTest {

    private static MnistFormatException readFails(String fixture) {
        return catchThrowableOfType(MnistFormatException.class,
                () -> MnistCsvReader.read(Fixtures.path(fixture)));
    }

    @Test
    void readsDigitsAndPixelsOfEveryLine() throws IOException {
        Dataset data = MnistCsvReader.read(Fixtures.path("three.csv"));

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.classCount()).isEqualTo(10);
        for (int i = 0; i < 3; i++) {
            assertThat(data.digit(i)).isEqualTo(FixtureGenerator.DIGITS[i]);
            assertThat(data.label(i)).isEqualTo(FixtureGenerator.DIGITS[i]);
            byte[] image = data.image(i);
            for (int p = 0; p < Dataset.PIXELS; p++) {
                assertThat(image[p] & 0xFF).as("image %d pixel %d", i, p).isEqualTo(FixtureGenerator.pixel(i, p));
            }
        }
    }

    @Test
    void acceptsHeaderCrlfAndTrailingBlankLine() throws IOException {
        Dataset plain = MnistCsvReader.read(Fixtures.path("three.csv"));
        Dataset withHeader = MnistCsvReader.read(Fixtures.path("three-header-crlf.csv"));

        assertThat(withHeader.size()).isEqualTo(3);
        assertThat(withHeader.fingerprint()).isEqualTo(plain.fingerprint());
    }

    @Test
    void acceptsLastLineWithoutNewlineAndByteOrderMark() throws IOException {
        String text = "\uFEFF" + FixtureGenerator.csvLine(0) + "\n" + FixtureGenerator.csvLine(1);
        Dataset data = MnistCsvReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "s");

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.digit(1)).isEqualTo(FixtureGenerator.DIGITS[1]);
    }

    @Test
    void rejectsLineWith784Values() {
        MnistFormatException e = readFails("short-line.csv");

        assertThat(e.source()).endsWith("short-line.csv");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(785);
        assertThat(e.getMessage()).contains("short-line.csv", "line 2", "column 785", "expected 785 columns",
                "found 784 columns");
    }

    @Test
    void rejectsLineWith786Values() {
        MnistFormatException e = readFails("long-line.csv");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(786);
        assertThat(e.getMessage()).contains("long-line.csv", "expected 785 columns", "found 786 columns");
    }

    @Test
    void rejectsPixelOf256() {
        MnistFormatException e = readFails("pixel-256.csv");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(100);
        assertThat(e.getMessage()).contains("pixel-256.csv", "line 3", "column 100", "pixel p98 in 0..255",
                "found 256");
    }

    @Test
    void rejectsLabelOf10() {
        MnistFormatException e = readFails("label-10.csv");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).contains("label-10.csv", "line 2", "column 1", "a label 0..9", "found 10");
    }

    @Test
    void rejectsNonNumericCell() {
        MnistFormatException e = readFails("non-numeric.csv");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(50);
        assertThat(e.expected()).isEqualTo("pixel p48 as an integer 0..255");
        assertThat(e.found()).isEqualTo("\"x7\"");
        assertThat(e.getMessage()).contains("non-numeric.csv", "line 2", "column 50");
    }

    @Test
    void rejectsEmptyFile() {
        MnistFormatException e = readFails("empty.csv");

        assertThat(e.getMessage()).contains("empty.csv", "found an empty file");
    }

    @Test
    void rejectsHeaderOnlyFile() {
        MnistFormatException e = readFails("header-only.csv");

        assertThat(e.getMessage()).contains("header-only.csv", "image lines", "found only a header line");
    }

    @Test
    void rejectsBlankLineBetweenImages() {
        MnistFormatException e = readFails("blank-line-inside.csv");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("blank-line-inside.csv", "line 2", "found a blank line");
    }

    @Test
    void rejectsHeaderWithWrongColumnCount() {
        String text = "label,a,b\n" + FixtureGenerator.csvLine(0) + "\n";

        MnistFormatException e = catchThrowableOfType(MnistFormatException.class, () -> MnistCsvReader.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "header.csv"));

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("header.csv", "a header of 785 columns", "found a header of 3 columns");
    }

    @Test
    void namesTheStreamSourceInErrors() {
        byte[] bytes = "1,2,3\n".getBytes(StandardCharsets.US_ASCII);

        MnistFormatException e = catchThrowableOfType(MnistFormatException.class,
                () -> MnistCsvReader.read(new ByteArrayInputStream(bytes), "resource:my.csv"));

        assertThat(e.source()).isEqualTo("resource:my.csv");
        assertThat(e.getMessage()).startsWith("resource:my.csv, line 1, column 4: expected 785 columns");
    }

    @Test
    void readsTheSameWhateverTheStreamChunkSize() throws IOException {
        Dataset subset = ShippedMnist.subset().training();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        MnistCsvWriter.write(subset, csv);

        Dataset trickled = MnistCsvReader.read(new TricklingStream(new ByteArrayInputStream(csv.toByteArray())),
                "trickled");

        assertThat(trickled.size()).isEqualTo(1000);
        assertThat(trickled.fingerprint()).isEqualTo(subset.fingerprint());
    }

    @Test
    void writerOutputMatchesTheShippedReferenceFormat(@TempDir Path dir) throws IOException {
        Path written = dir.resolve("again.csv");
        MnistCsvWriter.write(ShippedMnist.small().training(), written);

        byte[] shipped;
        try (InputStream in = ShippedMnist.class.getResourceAsStream(ShippedMnist.SMALL_TRAINING)) {
            shipped = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(written)).isEqualTo(shipped);
        assertThat(MnistCsvReader.read(written).fingerprint())
                .isEqualTo(ShippedMnist.small().training().fingerprint());
    }

    @Test
    void rejectsADirectoryNamingIt(@TempDir Path dir) throws IOException {
        Path csv = Files.createDirectories(dir.resolve("mnist_train.csv"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class, () -> MnistCsvReader.read(csv));

        assertThat(e.getFile()).isEqualTo(csv.toString());
        assertThat(e.getReason()).isEqualTo("is a directory, expected a CSV file");
        assertThat(e.getMessage()).isEqualTo(csv + ": is a directory, expected a CSV file");
    }

    @Test
    void rejectsAMissingFileNamingIt(@TempDir Path dir) {
        Path csv = dir.resolve("missing.csv");

        NoSuchFileException e = catchThrowableOfType(NoSuchFileException.class, () -> MnistCsvReader.read(csv));

        assertThat(e.getMessage()).isEqualTo(csv + ": no such file (expected a CSV file)");
    }

    @Test
    void rejectsALineLongerThanOneMebibyteWithoutGrowingWithIt(@TempDir Path dir) throws IOException {
        byte[] line = new byte[(1 << 20) + 10];
        Arrays.fill(line, (byte) '0');
        Path csv = dir.resolve("one-long-line.csv");
        Files.write(csv, line);

        MnistFormatException e = readFailsAt(csv);

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("one-long-line.csv", "line 1", "a line of at most 1048576 bytes",
                "found a longer line");
    }

    @Test
    void rejectsALongLineAfterValidOnesAtItsLineNumber() throws IOException {
        byte[] first = (FixtureGenerator.csvLine(0) + "\n" + FixtureGenerator.csvLine(1) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(first, first.length + (3 << 20));
        Arrays.fill(bytes, first.length, bytes.length, (byte) '7');

        MnistFormatException e = catchThrowableOfType(MnistFormatException.class,
                () -> MnistCsvReader.read(new ByteArrayInputStream(bytes), "long.csv"));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("long.csv, line 3", "a longer line");
    }

    @Test
    void aHugeSparseFileIsNotPreallocatedFromItsSize(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("sparse.csv");
        try (RandomAccessFile file = new RandomAccessFile(csv.toFile(), "rw")) {
            file.setLength(8L << 30); // 8 GiB of NUL bytes, no disk used
        }

        MnistFormatException e = readFailsAt(csv);

        assertThat(e.getMessage()).contains("sparse.csv", "line 1");
    }

    private static MnistFormatException readFailsAt(Path csv) {
        return catchThrowableOfType(MnistFormatException.class, () -> MnistCsvReader.read(csv));
    }

    /** Hands out at most 7 bytes a read, so lines and cells straddle every kind of read boundary. */
    private static final class TricklingStream extends FilterInputStream {
        TricklingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 7));
        }
    }
}
