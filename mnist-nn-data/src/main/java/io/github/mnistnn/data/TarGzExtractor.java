package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Extracts chosen regular files from a gzipped tar archive (such as an npm package tarball). It reads ustar
 * headers, including the name prefix and GNU long names, and skips everything it was not asked for. Each
 * wanted file goes to a path the caller chose, never to a path built from the archive, so a hostile archive
 * cannot write elsewhere; and each wanted file has a size known in advance, so an entry that declares another
 * size is refused before a byte of it is written. Size fields that are negative, not octal, unterminated or
 * too large for a {@code long} are refused, naming the archive and the entry. The gzip layer is read strictly
 * to its end ({@link GzipMembersInputStream}): its CRC-32 is checked, and bytes after the last gzip member
 * that do not form a further member are refused.
 */
final class TarGzExtractor {
    private static final int BLOCK = 512;
    private static final int SIZE_AT = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int MAX_LONG_NAME = 1 << 16;
    private static final int SHOWN_NAME_CHARS = 200;

    /**
     * Where a wanted entry goes and the size it must have.
     *
     * @param target the file to write (replaced if it exists)
     * @param size the entry's expected size in bytes; an entry declaring another size is refused
     */
    record WantedEntry(Path target, long size) {
        WantedEntry {
            Objects.requireNonNull(target, "target");
            if (size < 0) {
                throw new IllegalArgumentException("negative expected size " + size + " for " + target);
            }
        }
    }

    private TarGzExtractor() {
    }

    /**
     * Extracts the wanted entries, then reads the archive to its end.
     *
     * @param archive the {@code .tgz} file
     * @param wanted entry name (as in the archive, such as {@code package/data/x}) to where it goes and its size
     * @return the entry names found and written
     * @throws MnistFormatException if the gzip layer is damaged, truncated or followed by other bytes
     * @throws IOException if the archive cannot be read, a tar header is damaged, or a wanted entry has another
     *         size than expected (the message names the archive and the entry)
     */
    static Set<String> extract(Path archive, Map<String, WantedEntry> wanted) throws IOException {
        Map<String, WantedEntry> remaining = new HashMap<>(wanted);
        Set<String> written = new HashSet<>();
        try (InputStream in = new GzipMembersInputStream(InputFiles.open(archive, "a gzipped tar archive"),
                archive.toString())) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (!remaining.isEmpty()) {
                if (!readBlock(in, header, archive)) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                char type = (char) header[156];
                String name = longName != null ? longName : entryName(header);
                longName = null;
                long size = parseSize(header, archive, name);
                if (type == 'L') {
                    byte[] data = readData(in, size, archive, name);
                    longName = trimAtNul(data, 0, data.length);
                    continue;
                }
                WantedEntry entry = (type == '0' || type == '\0') ? remaining.remove(name) : null;
                if (entry != null) {
                    if (size != entry.size()) {
                        throw damaged(archive, name, "declares " + size + " bytes, expected exactly "
                                + entry.size() + "; nothing of it was written");
                    }
                    write(in, entry.target(), size, archive, name);
                    written.add(name);
                } else {
                    skip(in, size, archive, name);
                }
                skip(in, padding(size), archive, name);
            }
            in.transferTo(OutputStream.nullOutputStream()); // to the gzip trailer: its CRC, any trailing bytes
        }
        return written;
    }

    private static boolean readBlock(InputStream in, byte[] block, Path archive) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException(archive + ": ends inside a tar header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String entryName(byte[] h) {
        String name = trimAtNul(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        if (ustar && h[345] != 0) {
            return trimAtNul(h, 345, 155) + "/" + name;
        }
        return name;
    }

    private static String trimAtNul(byte[] b, int from, int length) {
        int end = from;
        while (end < from + length && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }

    /**
     * The entry size: octal digits after optional leading spaces, ended by a NUL or a space with only NULs and
     * spaces after it; or GNU base-256 (first byte 0x80, then a big-endian number that fits a {@code long}).
     */
    static long parseSize(byte[] h, Path archive, String name) throws IOException {
        int end = SIZE_AT + SIZE_LENGTH;
        if ((h[SIZE_AT] & 0x80) != 0) {
            if ((h[SIZE_AT] & 0x40) != 0) {
                throw damaged(archive, name, "has a negative base-256 size field (" + field(h) + ")");
            }
            if (h[SIZE_AT] != (byte) 0x80 || h[SIZE_AT + 1] != 0 || h[SIZE_AT + 2] != 0 || h[SIZE_AT + 3] != 0
                    || (h[SIZE_AT + 4] & 0x80) != 0) {
                throw damaged(archive, name,
                        "has a base-256 size field too large for 63 bits (" + field(h) + ")");
            }
            long size = 0;
            for (int i = SIZE_AT + 4; i < end; i++) {
                size = (size << 8) | (h[i] & 0xFF);
            }
            return size;
        }
        int i = SIZE_AT;
        while (i < end && h[i] == ' ') {
            i++;
        }
        int digits = i;
        long size = 0;
        while (i < end && h[i] >= '0' && h[i] <= '7') {
            size = size * 8 + (h[i] - '0'); // at most 12 digits, 36 bits: no overflow
            i++;
        }
        if (i == digits) {
            throw damaged(archive, name, "has a size field without octal digits (" + field(h) + ")");
        }
        if (i == end) {
            throw damaged(archive, name, "has an unterminated size field (" + field(h) + ")");
        }
        for (; i < end; i++) {
            if (h[i] != 0 && h[i] != ' ') {
                throw damaged(archive, name, "has a size field that is not octal (" + field(h) + ")");
            }
        }
        return size;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static byte[] readData(InputStream in, long size, Path archive, String name) throws IOException {
        if (size > MAX_LONG_NAME) {
            throw damaged(archive, name, "has a long name of " + size + " bytes, more than " + MAX_LONG_NAME);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw damaged(archive, name,
                    "has only " + data.length + " of its " + size + " bytes (archive truncated)");
        }
        skip(in, padding(size), archive, name);
        return data;
    }

    /** Writes exactly {@code size} bytes to the target; on failure deletes what was written. */
    private static void write(InputStream in, Path target, long size, Path archive, String name)
            throws IOException {
        try {
            try (OutputStream out = Files.newOutputStream(target)) {
                copy(in, out, size, archive, name);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive, String name)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw damaged(archive, name, "has only " + (size - left) + " of its " + size
                        + " bytes (archive truncated)");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size, Path archive, String name) throws IOException {
        long left = size;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw damaged(archive, name, "has only " + (size - left) + " of its " + size
                            + " bytes (archive truncated)");
                }
                n = 1;
            }
            left -= n;
        }
    }

    private static IOException damaged(Path archive, String name, String what) {
        return new IOException(archive + ": tar entry " + shown(name) + " " + what);
    }

    /** The entry name for a message: control characters escaped, at most 200 characters. */
    private static String shown(String name) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < name.length() && i < SHOWN_NAME_CHARS; i++) {
            char c = name.charAt(i);
            s.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.append(name.length() > SHOWN_NAME_CHARS ? "...\"" : "\"").toString();
    }

    /** The size field's 12 bytes, printable ASCII as is and the rest as hex escapes. */
    private static String field(byte[] h) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = SIZE_AT; i < SIZE_AT + SIZE_LENGTH; i++) {
            int b = h[i] & 0xFF;
            boolean plain = b >= 0x20 && b < 0x7f && b != '\\';
            s.append(plain ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return s.append('"').toString();
    }
}
