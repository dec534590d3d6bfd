package io.github.mnistnn.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes MNIST in the reference's CSV format: no header, one image a line as {@code digit,p0,...,p783} with
 * pixels 0..255, and {@code \n} line ends. The first column is always the original digit, also for a dataset
 * labelled by {@link Dataset#digitTask}, so nothing is lost; {@link MnistCsvReader} reads the file back.
 *
 * <pre>{@code
 * MnistCsvWriter.write(ShippedMnist.small().training(), Path.of("mnist_train_100.csv"));
 * }</pre>
 */
public final class MnistCsvWriter {
    private MnistCsvWriter() {
    }

    /**
     * Writes a dataset to a file, replacing it if it exists.
     *
     * @param data the images to write
     * @param file the CSV file
     * @throws IOException if the file cannot be written
     */
    public static void write(Dataset data, Path file) throws IOException {
        Objects.requireNonNull(data, "data");
        try (OutputStream out = Files.newOutputStream(file)) {
            write(data, out);
        }
    }

    /**
     * Writes a dataset to a stream, which is flushed but not closed.
     *
     * @param data the images to write
     * @param out where the CSV bytes go
     * @throws IOException if the stream cannot be written
     */
    public static void write(Dataset data, OutputStream out) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        byte[] line = new byte[MnistCsvReader.COLUMNS * 4];
        for (int i = 0; i < data.size(); i++) {
            byte[] image = data.image(i);
            int n = 0;
            line[n++] = (byte) ('0' + data.digit(i));
            for (byte p : image) {
                line[n++] = ',';
                n = putUnsigned(p & 0xFF, line, n);
            }
            line[n++] = '\n';
            buffered.write(line, 0, n);
        }
        buffered.flush();
    }

    private static int putUnsigned(int v, byte[] dst, int at) {
        if (v >= 100) {
            dst[at++] = (byte) ('0' + v / 100);
        }
        if (v >= 10) {
            dst[at++] = (byte) ('0' + v / 10 % 10);
        }
        dst[at++] = (byte) ('0' + v % 10);
        return at;
    }
}
