package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads MNIST in the widely shared CSV format: one image a line, {@code label,p0,...,p783}, the label 0..9 and
 * each pixel an integer 0..255 (as in {@code mnist_train.csv} / {@code mnist_test.csv}). An optional header line
 * (a first line starting with a letter or a quote, such as {@code label,1x1,1x2,...}), CRLF line ends and blank
 * lines at the very end are accepted; anything else that is not an image line is an error naming the line and
 * column, and no partial dataset is returned. A line longer than 1 MiB is refused without reading it further.
 *
 * <p>The file is streamed through a byte buffer and its digits are parsed by hand, without regular
 * expressions or per-line strings, so the 60,000-line training file parses in about a second.
 *
 * <pre>{@code
 * Dataset train = MnistCsvReader.read(Path.of("mnist_train.csv"));
 * Dataset test = MnistCsvReader.read(Path.of("mnist_test.csv"));
 * }</pre>
 */
public final class MnistCsvReader {
    /** The number of columns of an image line: the label and 784 pixels. */
    static final int COLUMNS = 1 + Dataset.PIXELS;
    private static final String EXPECTED_COLUMNS = COLUMNS + " columns (a label and 784 pixels)";
    /** The buffer, and so the longest line read: a valid line has at most 785 * 4 bytes, except leading zeros. */
    private static final int BUFFER_BYTES = 1 << 20;
    /** The most images allocated up front from the file size; more grow the arrays as they arrive. */
    private static final int MAX_PREALLOCATED_IMAGES = 1 << 16;
    private static final int TYPICAL_LINE_BYTES = 1_500;
    private static final int SHOWN_CELL_CHARS = 40;
    private static final String FILE_KIND = "a CSV file";

    private final String source;
    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int start;
    private int end;
    private long line;
    private long firstBlankLine;
    private byte[] pixels;
    private byte[] digits;
    private int count;

    private MnistCsvReader(InputStream in, String source, long sizeHint) {
        this.in = in;
        this.source = source;
        int images = (int) Math.min(MAX_PREALLOCATED_IMAGES, Math.max(16, sizeHint / TYPICAL_LINE_BYTES));
        this.pixels = new byte[images * Dataset.PIXELS];
        this.digits = new byte[images];
    }

    /**
     * Reads a CSV file.
     *
     * @param file the file; its name appears in error messages
     * @return the images with their digits as labels
     * @throws MnistFormatException if the file is empty, has no image lines or any line is not an image line
     * @throws java.nio.file.NoSuchFileException if the file does not exist (the message names it)
     * @throws java.nio.file.FileSystemException if the path is a directory or cannot be opened (the message
     *         names it and says why)
     * @throws IOException if the file cannot be read (the message names it)
     */
    public static Dataset read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = InputFiles.requireFile(file, FILE_KIND).size();
        try (InputStream in = InputFiles.open(file, FILE_KIND)) {
            return new MnistCsvReader(in, file.toString(), size).readAll();
        }
    }

    /**
     * Reads CSV from a stream, which is read to its end but not closed.
     *
     * @param in the CSV bytes
     * @param sourceName what error messages call the stream, such as a resource name
     * @return the images with their digits as labels
     * @throws MnistFormatException if the stream is empty, has no image lines or any line is not an image line
     *         (including a line over 1 MiB)
     * @throws IOException if the stream cannot be read
     */
    public static Dataset read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        return new MnistCsvReader(in, sourceName, 0).readAll();
    }

    private Dataset readAll() throws IOException {
        boolean eof = false;
        boolean sawAnyLine = false;
        int searched = 0; // bytes after start already known to hold no newline
        while (true) {
            int nl = indexOfNewline(start + searched, end);
            if (nl < 0) {
                searched = end - start;
                if (eof) {
                    if (start < end) {
                        sawAnyLine = true;
                        processLine(start, end);
                        start = end;
                    }
                    break;
                }
                eof = fill();
                continue;
            }
            sawAnyLine = true;
            int lineEnd = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
            processLine(start, lineEnd);
            start = nl + 1;
            searched = 0;
        }
        if (!sawAnyLine) {
            throw MnistFormatException.of(source, "image lines of " + EXPECTED_COLUMNS, "an empty file");
        }
        if (count == 0) {
            throw MnistFormatException.of(source, "image lines of " + EXPECTED_COLUMNS,
                    firstBlankLine == 1 ? "only blank lines" : "only a header line");
        }
        return Dataset.ofDigits(Arrays.copyOf(pixels, count * Dataset.PIXELS), Arrays.copyOf(digits, count));
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread bytes to the front and reads more; refuses a line that fills the whole buffer. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            throw MnistFormatException.atLine(source, line + 1, MnistFormatException.NOT_APPLICABLE,
                    "a line of at most " + BUFFER_BYTES + " bytes", "a longer line");
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return true;
        }
        end += n;
        return false;
    }

    private void processLine(int s, int e) throws MnistFormatException {
        line++;
        if (line == 1 && e - s >= 3 && buf[s] == (byte) 0xEF && buf[s + 1] == (byte) 0xBB && buf[s + 2] == (byte) 0xBF) {
            s += 3; // a UTF-8 byte order mark, as some spreadsheet programs write
        }
        if (s == e) {
            if (firstBlankLine == 0) {
                firstBlankLine = line;
            }
            return;
        }
        if (firstBlankLine != 0) {
            throw MnistFormatException.atLine(source, firstBlankLine, MnistFormatException.NOT_APPLICABLE,
                    "an image line of " + EXPECTED_COLUMNS + " (blank lines only at the end)", "a blank line");
        }
        if (line == 1 && isHeaderStart(buf[s])) {
            int columns = 1 + countCommas(s, e);
            if (columns != COLUMNS) {
                throw MnistFormatException.atLine(source, 1, MnistFormatException.NOT_APPLICABLE,
                        "a header of " + EXPECTED_COLUMNS, "a header of " + columns + " columns");
            }
            return;
        }
        parseImageLine(s, e);
    }

    private static boolean isHeaderStart(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '"';
    }

    private int countCommas(int s, int e) {
        int commas = 0;
        for (int i = s; i < e; i++) {
            if (buf[i] == ',') {
                commas++;
            }
        }
        return commas;
    }

    private void parseImageLine(int s, int e) throws MnistFormatException {
        if (count == digits.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE / Dataset.PIXELS, count * 2L);
            if (grown == count) {
                throw MnistFormatException.atLine(source, line, MnistFormatException.NOT_APPLICABLE,
                        "at most " + count + " images", "more");
            }
            digits = Arrays.copyOf(digits, grown);
            pixels = Arrays.copyOf(pixels, grown * Dataset.PIXELS);
        }
        final byte[] b = buf;
        final byte[] px = pixels;
        int base = count * Dataset.PIXELS - 2; // column c (1-based, pixels from 2) goes to base + c
        int column = 1;
        int pos = s;
        while (true) {
            int cellStart = pos;
            int value = 0;
            boolean digitsOnly = true;
            while (pos < e) {
                int c = b[pos];
                if (c == ',') {
                    break;
                }
                int d = c - '0';
                if (d >= 0 && d <= 9) {
                    if (value < 1000) {
                        value = value * 10 + d;
                    }
                } else {
                    digitsOnly = false;
                }
                pos++;
            }
            if (!digitsOnly || pos == cellStart) {
                throw badCell(column, cellStart, pos);
            }
            if (column == 1) {
                if (value > 9) {
                    throw MnistFormatException.atLine(source, line, column, "a label 0..9", cellText(cellStart, pos));
                }
                digits[count] = (byte) value;
            } else {
                if (value > 255) {
                    throw MnistFormatException.atLine(source, line, column, "pixel p" + (column - 2)
                            + " in 0..255", cellText(cellStart, pos));
                }
                px[base + column] = (byte) value;
            }
            if (pos == e) {
                break;
            }
            pos++;
            column++;
            if (column > COLUMNS) {
                throw MnistFormatException.atLine(source, line, column, EXPECTED_COLUMNS,
                        (COLUMNS + 1 + countCommas(pos, e)) + " columns");
            }
        }
        if (column < COLUMNS) {
            throw MnistFormatException.atLine(source, line, column + 1, EXPECTED_COLUMNS, column + " columns");
        }
        count++;
    }

    private MnistFormatException badCell(int column, int from, int to) {
        String what = column == 1 ? "an integer label 0..9" : "pixel p" + (column - 2) + " as an integer 0..255";
        String found = from == to ? "an empty cell" : '"' + cellText(from, to) + '"';
        return MnistFormatException.atLine(source, line, column, what, found);
    }

    private String cellText(int from, int to) {
        int shown = Math.min(to - from, SHOWN_CELL_CHARS);
        String text = new String(buf, from, shown, StandardCharsets.UTF_8);
        return shown < to - from ? text + "..." : text;
    }
}
