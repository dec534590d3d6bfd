package io.github.mnistnn.data;

import java.io.IOException;
import java.util.Objects;

/**
 * A file that is not valid MNIST data. The message names the source, the place (1-based line and column for
 * CSV, byte offset for IDX), what was expected and what was found; the parts are also available one by one.
 *
 * <pre>{@code
 * try {
 *     Dataset train = MnistCsvReader.read(Path.of("mnist_train.csv"));
 * } catch (MnistFormatException e) {
 *     System.err.println(e.getMessage()); // mnist_train.csv, line 7, column 786: expected 785 columns, ...
 * }
 * }</pre>
 */
public final class MnistFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The value of {@link #line()}, {@link #column()} and {@link #byteOffset()} where they do not apply. */
    public static final long NOT_APPLICABLE = -1;

    private final String source;
    private final long line;
    private final long column;
    private final long byteOffset;
    private final String expected;
    private final String found;

    private MnistFormatException(String source, long line, long column, long byteOffset, String expected,
            String found) {
        super(message(source, line, column, byteOffset, expected, found));
        this.source = source;
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.expected = expected;
        this.found = found;
    }

    static MnistFormatException atLine(String source, long line, long column, String expected, String found) {
        return new MnistFormatException(source, line, column, NOT_APPLICABLE, expected, found);
    }

    static MnistFormatException atByte(String source, long byteOffset, String expected, String found) {
        return new MnistFormatException(source, NOT_APPLICABLE, NOT_APPLICABLE, byteOffset, expected, found);
    }

    static MnistFormatException of(String source, String expected, String found) {
        return new MnistFormatException(source, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, expected, found);
    }

    private static String message(String source, long line, long column, long byteOffset, String expected,
            String found) {
        StringBuilder m = new StringBuilder(Objects.requireNonNull(source, "source"));
        if (line != NOT_APPLICABLE) {
            m.append(", line ").append(line);
        }
        if (column != NOT_APPLICABLE) {
            m.append(", column ").append(column);
        }
        if (byteOffset != NOT_APPLICABLE) {
            m.append(", byte ").append(byteOffset);
        }
        return m.append(": expected ").append(expected).append(", found ").append(found).toString();
    }

    /**
     * The file or stream at fault, as given to the reader.
     *
     * @return its name
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based line, for text formats.
     *
     * @return the line, or {@link #NOT_APPLICABLE}
     */
    public long line() {
        return line;
    }

    /**
     * The 1-based column (the label is column 1, pixel {@code p0} column 2), for text formats.
     *
     * @return the column, or {@link #NOT_APPLICABLE} where the whole line or file is at fault
     */
    public long column() {
        return column;
    }

    /**
     * The 0-based byte offset, for binary formats.
     *
     * @return the offset, or {@link #NOT_APPLICABLE}
     */
    public long byteOffset() {
        return byteOffset;
    }

    /**
     * What a valid file has at this place.
     *
     * @return a short description
     */
    public String expected() {
        return expected;
    }

    /**
     * What this file has at this place.
     *
     * @return a short description
     */
    public String found() {
        return found;
    }
}
