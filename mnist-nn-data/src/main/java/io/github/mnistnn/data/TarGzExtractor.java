package io.github.mnistnn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Extracts chosen regular files from a gzipped tar archive (such as an npm package tarball). It reads ustar
 * headers, including the name prefix and GNU long names, and skips everything it was not asked for. Each
 * wanted file goes to a path the caller chose, never to a path built from the archive, so a hostile archive
 * cannot write elsewhere.
 */
final class TarGzExtractor {
    private static final int BLOCK = 512;

    private TarGzExtractor() {
    }

    /**
     * Extracts the wanted entries.
     *
     * @param archive the {@code .tgz} file
     * @param wanted entry name (as in the archive, such as {@code package/data/x}) to the file to write
     * @return the entry names found and written
     * @throws IOException if the archive cannot be read or is damaged
     */
    static Set<String> extract(Path archive, Map<String, Path> wanted) throws IOException {
        Map<String, Path> remaining = new HashMap<>(wanted);
        Set<String> written = new HashSet<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16),
                1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (!remaining.isEmpty()) {
                if (!readBlock(in, header, archive)) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                long size = parseSize(header, archive);
                char type = (char) header[156];
                String name = longName != null ? longName : entryName(header);
                longName = null;
                if (type == 'L') {
                    byte[] data = readData(in, size, archive);
                    longName = trimAtNul(data, 0, data.length);
                    continue;
                }
                Path target = (type == '0' || type == '\0') ? remaining.remove(name) : null;
                if (target != null) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size, archive);
                    }
                    written.add(name);
                } else {
                    skip(in, size, archive);
                }
                skip(in, padding(size), archive);
            }
        } catch (ZipException | EOFException e) {
            throw new IOException(archive + " is not a complete gzipped tar archive: " + e.getMessage(), e);
        }
        return written;
    }

    private static boolean readBlock(InputStream in, byte[] block, Path archive) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException(archive + " ends inside a tar header");
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

    private static long parseSize(byte[] h, Path archive) throws IOException {
        if ((h[124] & 0x80) != 0) { // base-256, for sizes of 8 GiB and more
            long size = h[124] & 0x7F;
            for (int i = 125; i < 136; i++) {
                size = (size << 8) | (h[i] & 0xFF);
            }
            return size;
        }
        long size = 0;
        for (int i = 124; i < 136; i++) {
            int c = h[i];
            if (c == 0 || c == ' ') {
                if (size > 0 || i > 124) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException(archive + " has a damaged tar header (size field)");
            }
            size = size * 8 + (c - '0');
        }
        return size;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static byte[] readData(InputStream in, long size, Path archive) throws IOException {
        if (size > 1 << 16) {
            throw new IOException(archive + " has a tar long name of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new IOException(archive + " ends inside a tar entry");
        }
        skip(in, padding(size), archive);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(archive + " ends inside a tar entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size, Path archive) throws IOException {
        long left = size;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException(archive + " ends inside a tar entry");
                }
                n = 1;
            }
            left -= n;
        }
    }
}
