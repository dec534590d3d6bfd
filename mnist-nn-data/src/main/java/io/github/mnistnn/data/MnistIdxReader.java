package io.github.mnistnn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the original MNIST IDX files ({@code train-images-idx3-ubyte} with {@code train-labels-idx1-ubyte}, and
 * the {@code t10k} pair), raw or gzipped: a file starting with the gzip magic bytes is decompressed whatever its
 * name. The reader checks the magic numbers ({@code 0x00000803} for images, {@code 0x00000801} for labels), the
 * dimension count, the 28x28 image size, that both files hold as many items, every label, and that neither file
 * is truncated or longer than its header says. A gzipped file is read strictly: concatenated gzip members are
 * read in turn, as {@code gunzip} does, but bytes after the last member that do not form a further complete
 * member (trailing garbage, zero padding) are an error, as is a wrong CRC-32 or length in a member's trailer.
 * No array is sized from a header's count before the bytes it promises have arrived.
 *
 * <pre>{@code
 * Dataset test = MnistIdxReader.read(Path.of("t10k-images-idx3-ubyte.gz"), Path.of("t10k-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class MnistIdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_IMAGES = Integer.MAX_VALUE / Dataset.PIXELS;
    private static final int READ_CHUNK = 1 << 22;

    private MnistIdxReader() {
    }

    /**
     * Reads a pair of IDX files.
     *
     * @param images the images file, raw or gzipped
     * @param labels the labels file, raw or gzipped
     * @return the images with their digits as labels
     * @throws MnistFormatException if a file is not valid MNIST IDX data (or not valid gzip) or the files
     *         disagree on the count
     * @throws java.nio.file.NoSuchFileException if a file does not exist (the message names it)
     * @throws java.nio.file.FileSystemException if a path is a directory or cannot be opened (the message
     *         names it and says why)
     * @throws IOException if a file cannot be read (the message names it)
     */
    public static Dataset read(Path images, Path labels) throws IOException {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        String imagesName = images.toString();
        String labelsName = labels.toString();
        try (InputStream imageIn = open(images); InputStream labelIn = open(labels)) {
            int imageCount = readHeader(imageIn, imagesName, IMAGES_MAGIC, 3)[0];
            int[] imageDims = new int[] {readInt(imageIn, imagesName, 8), readInt(imageIn, imagesName, 12)};
            int[] labelHeader = readHeader(labelIn, labelsName, LABELS_MAGIC, 1);
            int labelCount = labelHeader[0];
            if (imageDims[0] != Dataset.IMAGE_SIDE || imageDims[1] != Dataset.IMAGE_SIDE) {
                throw MnistFormatException.atByte(imagesName, 8, "28x28 images",
                        imageDims[0] + "x" + imageDims[1] + " images");
            }
            if (imageCount > MAX_IMAGES) {
                throw MnistFormatException.atByte(imagesName, 4, "at most " + MAX_IMAGES + " images",
                        imageCount + " images");
            }
            if (imageCount != labelCount) {
                throw MnistFormatException.of(imagesName + " and " + labelsName, "as many labels as images",
                        imageCount + " images in " + imagesName + " but " + labelCount + " labels in " + labelsName);
            }
            byte[] pixels = readBody(imageIn, imagesName, 16, (long) imageCount * Dataset.PIXELS,
                    imageCount + " images of 784 bytes");
            byte[] digits = readBody(labelIn, labelsName, 8, labelCount, labelCount + " labels of 1 byte");
            for (int i = 0; i < digits.length; i++) {
                if (digits[i] < 0 || digits[i] >= Dataset.DIGITS) {
                    throw MnistFormatException.atByte(labelsName, 8L + i, "a label 0..9 for item " + i,
                            Integer.toString(digits[i] & 0xFF));
                }
            }
            return Dataset.ofDigits(pixels, digits);
        }
    }

    /**
     * Opens a file, decompressing it if it starts with the gzip magic bytes 0x1f 0x8b. Gzip is read strictly
     * (see {@link GzipMembersInputStream}): concatenated members are read in turn, and any byte after the last
     * member that does not start a further valid member is refused.
     */
    private static InputStream open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(InputFiles.open(file, "an IDX file"), 2);
        try {
            byte[] magic = in.readNBytes(2);
            in.unread(magic);
            if (magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b) {
                return new GzipMembersInputStream(in, file.toString());
            }
            return new BufferedInputStream(in, 1 << 16);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads the magic number and the first dimension (the item count). */
    private static int[] readHeader(InputStream in, String name, int magic, int dims) throws IOException {
        byte[] m = readUpTo(in, name, 0, 4);
        if (m.length < 4) {
            throw MnistFormatException.atByte(name, m.length, "a 4-byte magic number " + hex(magic),
                    "a file of " + m.length + " bytes (truncated)");
        }
        int found = ((m[0] & 0xFF) << 24) | ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
        if (m[0] != 0 || m[1] != 0 || m[2] != UNSIGNED_BYTE) {
            throw MnistFormatException.atByte(name, 0, "magic number " + hex(magic) + " (unsigned bytes, " + dims
                    + (dims == 1 ? " dimension" : " dimensions") + ")", hex(found));
        }
        if (m[3] != dims) {
            throw MnistFormatException.atByte(name, 3, dims + (dims == 1 ? " dimension" : " dimensions")
                    + " (magic number " + hex(magic) + ")",
                    (m[3] & 0xFF) + " dimensions (magic number " + hex(found) + ")");
        }
        int count = readInt(in, name, 4);
        if (count < 0) {
            throw MnistFormatException.atByte(name, 4, "a non-negative item count", Integer.toString(count));
        }
        return new int[] {count};
    }

    private static int readInt(InputStream in, String name, long offset) throws IOException {
        byte[] b = readUpTo(in, name, offset, 4);
        if (b.length < 4) {
            throw MnistFormatException.atByte(name, offset + b.length, "a 4-byte header field",
                    "the end of the file (truncated header)");
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** Reads exactly {@code length} bytes after the header, then checks the file ends there. */
    private static byte[] readBody(InputStream in, String name, long offset, long length, String what)
            throws IOException {
        byte[] body = readUpTo(in, name, offset, (int) length);
        if (body.length < length) {
            throw MnistFormatException.atByte(name, offset + body.length, (offset + length) + " bytes (header, then "
                    + what + ")", "only " + (offset + body.length) + " bytes (file truncated)");
        }
        int extra = in.read();
        if (extra >= 0) {
            throw MnistFormatException.atByte(name, offset + length, "the end of the file after " + what,
                    "more bytes (the header's count is too small)");
        }
        return body;
    }

    /**
     * Reads up to {@code length} bytes, growing the array as data arrives so that a header promising more
     * than the file holds cannot make it allocate the promised size.
     */
    private static byte[] readUpTo(InputStream in, String name, long offset, int length) throws IOException {
        byte[] out = new byte[Math.min(length, READ_CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(length, out.length * 2L));
            }
            int n = in.read(out, filled, out.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled == out.length ? out : Arrays.copyOf(out, filled);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
