package io.github.mnistnn.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files, valid or deliberately broken, for fixtures and round-trip tests. */
final class IdxFixtureWriter {
    private IdxFixtureWriter() {
    }

    /** An images file: the given magic, then count, rows and cols, then the body bytes as given. */
    static byte[] images(int magic, int count, int rows, int cols, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(body);
        return bytes.toByteArray();
    }

    /** A labels file: the given magic, then count, then the labels as given. */
    static byte[] labels(int magic, int count, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.write(labels);
        return bytes.toByteArray();
    }

    /** A valid images file for a dataset. */
    static byte[] images(Dataset data) throws IOException {
        byte[] body = new byte[data.size() * Dataset.PIXELS];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.image(i), 0, body, i * Dataset.PIXELS, Dataset.PIXELS);
        }
        return images(0x803, data.size(), 28, 28, body);
    }

    /** A valid labels file for a dataset's digits. */
    static byte[] labels(Dataset data) throws IOException {
        byte[] digits = new byte[data.size()];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (byte) data.digit(i);
        }
        return labels(0x801, digits.length, digits);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }
}
