package io.github.mnistnn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the committed fixtures under {@code src/test/resources/fixtures}: three small valid images and their
 * broken variants, as IDX and CSV. Re-run from the module directory with
 * {@code java -cp ../mnist-nn-core/target/classes:target/classes:target/test-classes io.github.mnistnn.data.FixtureGenerator src/test/resources/fixtures}.
 */
final class FixtureGenerator {
    /** The digits of the three fixture images. */
    static final byte[] DIGITS = {7, 2, 1};

    private FixtureGenerator() {
    }

    /** Pixel {@code p} of fixture image {@code i}: covers 0 and 255 and differs between images. */
    static int pixel(int i, int p) {
        return (i * 31 + p * 7) % 256;
    }

    static byte[] pixels(int images) {
        byte[] body = new byte[images * Dataset.PIXELS];
        for (int i = 0; i < images; i++) {
            for (int p = 0; p < Dataset.PIXELS; p++) {
                body[i * Dataset.PIXELS + p] = (byte) pixel(i, p);
            }
        }
        return body;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        byte[] body = pixels(3);
        byte[] images = IdxFixtureWriter.images(0x803, 3, 28, 28, body);
        byte[] labels = IdxFixtureWriter.labels(0x801, 3, DIGITS);
        IdxFixtureWriter.write(dir.resolve("three-images-idx3-ubyte"), images);
        IdxFixtureWriter.write(dir.resolve("three-labels-idx1-ubyte"), labels);
        IdxFixtureWriter.write(dir.resolve("three-images-idx3-ubyte.gz"), IdxFixtureWriter.gzip(images));
        IdxFixtureWriter.write(dir.resolve("three-labels-idx1-ubyte.gz"), IdxFixtureWriter.gzip(labels));
        IdxFixtureWriter.write(dir.resolve("gzipped-three-images.bin"), IdxFixtureWriter.gzip(images));
        IdxFixtureWriter.write(dir.resolve("bad-magic-images-idx3-ubyte"),
                IdxFixtureWriter.images(0x00000d03, 3, 28, 28, body));
        byte[] twoDims = IdxFixtureWriter.labels(0x802, 3, new byte[4 + body.length]);
        IdxFixtureWriter.write(dir.resolve("two-dims-images-idx3-ubyte"), twoDims);
        IdxFixtureWriter.write(dir.resolve("truncated-images-idx3-ubyte"),
                IdxFixtureWriter.images(0x803, 3, 28, 28, Arrays.copyOf(body, 2 * Dataset.PIXELS + 300)));
        byte[] gz = IdxFixtureWriter.gzip(images);
        IdxFixtureWriter.write(dir.resolve("truncated-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        IdxFixtureWriter.write(dir.resolve("truncated-header-images-idx3-ubyte"), Arrays.copyOf(images, 10));
        IdxFixtureWriter.write(dir.resolve("too-long-images-idx3-ubyte"),
                IdxFixtureWriter.images(0x803, 3, 28, 28, Arrays.copyOf(body, body.length + 5)));
        IdxFixtureWriter.write(dir.resolve("27x28-images-idx3-ubyte"),
                IdxFixtureWriter.images(0x803, 3, 27, 28, Arrays.copyOf(body, 3 * 27 * 28)));
        IdxFixtureWriter.write(dir.resolve("two-labels-idx1-ubyte"), IdxFixtureWriter.labels(0x801, 2, new byte[] {7, 2}));
        IdxFixtureWriter.write(dir.resolve("label-ten-labels-idx1-ubyte"),
                IdxFixtureWriter.labels(0x801, 3, new byte[] {7, 10, 1}));

        String[] lines = {csvLine(0), csvLine(1), csvLine(2)};
        writeCsv(dir.resolve("three.csv"), String.join("\n", lines) + "\n");
        writeCsv(dir.resolve("three-header-crlf.csv"), header() + "\r\n" + String.join("\r\n", lines) + "\r\n\r\n");
        writeCsv(dir.resolve("short-line.csv"), lines[0] + "\n" + lines[1].substring(0, lines[1].lastIndexOf(','))
                + "\n" + lines[2] + "\n");
        writeCsv(dir.resolve("long-line.csv"), lines[0] + "\n" + lines[1] + ",0\n" + lines[2] + "\n");
        writeCsv(dir.resolve("pixel-256.csv"), lines[0] + "\n" + lines[1] + "\n" + replaceCell(lines[2], 99, "256")
                + "\n");
        writeCsv(dir.resolve("label-10.csv"), lines[0] + "\n" + replaceCell(lines[1], 0, "10") + "\n" + lines[2]
                + "\n");
        writeCsv(dir.resolve("non-numeric.csv"), lines[0] + "\n" + replaceCell(lines[1], 49, "x7") + "\n");
        writeCsv(dir.resolve("blank-line-inside.csv"), lines[0] + "\n\n" + lines[1] + "\n");
        writeCsv(dir.resolve("empty.csv"), "");
        writeCsv(dir.resolve("header-only.csv"), header() + "\n");
    }

    static String csvLine(int i) {
        StringBuilder line = new StringBuilder().append(DIGITS[i]);
        for (int p = 0; p < Dataset.PIXELS; p++) {
            line.append(',').append(pixel(i, p));
        }
        return line.toString();
    }

    private static String header() {
        StringBuilder line = new StringBuilder("label");
        for (int r = 1; r <= 28; r++) {
            for (int c = 1; c <= 28; c++) {
                line.append(',').append(r).append('x').append(c);
            }
        }
        return line.toString();
    }

    /** Replaces the 0-based cell {@code index} (0 is the label). */
    private static String replaceCell(String line, int index, String value) {
        String[] cells = line.split(",", -1);
        cells[index] = value;
        return String.join(",", cells);
    }

    private static void writeCsv(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
