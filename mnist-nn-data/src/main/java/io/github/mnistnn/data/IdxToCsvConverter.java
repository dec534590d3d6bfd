package io.github.mnistnn.data;

import io.github.mnistnn.internal.io.AtomicFile;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Converts a pair of IDX files into the CSV format the reference project uses ({@code digit,p0,...,p783}, no
 * header, {@code \n} line ends), so the full {@code mnist_train.csv} and {@code mnist_test.csv} can be made from
 * the original files. The CSV is written to a temporary file beside the target (with a short name, and the
 * permissions any new file gets) and moved into place when complete, so an interrupted conversion never leaves a
 * short CSV behind. Also runnable from the command line:
 * {@code java -m io.github.mnistnn.data/io.github.mnistnn.data.IdxToCsvConverter IMAGES LABELS CSV}.
 *
 * <pre>{@code
 * Path dir = MnistFetcher.defaultCache().fetch();
 * IdxToCsvConverter.convert(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"),
 *         Path.of("mnist_train.csv"));
 * }</pre>
 */
public final class IdxToCsvConverter {
    private IdxToCsvConverter() {
    }

    /**
     * Reads an IDX pair and writes it as CSV.
     *
     * @param images the IDX images file, raw or gzipped
     * @param labels the IDX labels file, raw or gzipped
     * @param csv the CSV file to write (replaced if it exists)
     * @return the number of images written
     * @throws MnistFormatException if the IDX files are not valid MNIST data
     * @throws java.nio.file.NoSuchFileException if an IDX file, or the directory the CSV goes in, does not
     *         exist (the message names it)
     * @throws FileSystemException if a path given is a directory, or a file cannot be opened (the message
     *         names it and says why); nothing is written
     * @throws IOException if a file cannot be read or written
     */
    public static int convert(Path images, Path labels, Path csv) throws IOException {
        Objects.requireNonNull(csv, "csv");
        Path absolute = csv.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(csv.toString(), null, "is a directory, expected the CSV file to write");
        }
        Path parent = absolute.getParent();
        if (!Files.isDirectory(parent)) {
            throw new NoSuchFileException(parent.toString(), null, "no such directory to write " + csv + " in");
        }
        Dataset data = MnistIdxReader.read(images, labels);
        AtomicFile.replace(absolute, "CSV", out -> MnistCsvWriter.write(data, out));
        return data.size();
    }

    /**
     * Converts from the command line.
     *
     * @param args the images file, the labels file and the CSV file
     * @throws IOException if a file cannot be read or written, or is not valid MNIST data
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: IdxToCsvConverter IMAGES_IDX LABELS_IDX OUTPUT_CSV");
        }
        convert(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }
}
