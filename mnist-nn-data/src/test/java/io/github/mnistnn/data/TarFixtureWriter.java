package io.github.mnistnn.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small ustar {@code .tgz} archives, like an npm package tarball, for the fetcher and extractor tests,
 * and the raw parts (headers with any size field) that hostile archives are built from.
 */
final class TarFixtureWriter {
    private TarFixtureWriter() {
    }

    /** Writes the entries, in iteration order, as regular files. */
    static void write(Path tgz, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] data = e.getValue();
                out.write(header(e.getKey(), data.length));
                out.write(data);
                out.write(new byte[(512 - data.length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
    }

    /** A regular-file header declaring {@code size} bytes in octal. */
    static byte[] header(String name, long size) {
        byte[] field = new byte[12];
        byte[] octal = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(octal, 0, field, 0, octal.length);
        return header(name, field);
    }

    /** A regular-file header whose 12-byte size field is exactly {@code sizeField}, with a valid checksum. */
    static byte[] header(String name, byte[] sizeField) {
        if (sizeField.length != 12) {
            throw new IllegalArgumentException("a tar size field has 12 bytes, not " + sizeField.length);
        }
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        System.arraycopy(sizeField, 0, h, 124, 12);
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    /** Zero bytes that pad {@code size} bytes of data to a whole 512-byte block. */
    static byte[] padding(long size) {
        return new byte[(int) ((512 - size % 512) % 512)];
    }

    /** The two zero blocks that end a tar archive. */
    static byte[] end() {
        return new byte[1024];
    }

    /** Writes the parts, concatenated, as one gzip member. */
    static void writeGzipped(Path tgz, byte[]... parts) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
    }

    private static void put(byte[] h, int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
