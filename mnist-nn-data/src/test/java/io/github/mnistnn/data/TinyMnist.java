package io.github.mnistnn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four MNIST files in miniature for the fetcher tests: real names and valid IDX content (three training
 * images, two test images), pinned by SHA-256 both uncompressed and gzipped, so a fetch can be followed by a
 * load.
 */
final class TinyMnist {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Uncompressed content by file name, in the fetcher's order. */
    static final Map<String, byte[]> FILES = files();
    /** Pins of size and SHA-256, uncompressed and gzipped. */
    static final List<PinnedFile> PINS = FILES.entrySet().stream().map(e -> pin(e.getKey(), e.getValue())).toList();
    /** Pins of the uncompressed files only, as for a source whose gzipped form is not known. */
    static final List<PinnedFile> UNCOMPRESSED_PINS = PINS.stream()
            .map(p -> new PinnedFile(p.name(), p.size(), p.sha256())).toList();

    private TinyMnist() {
    }

    private static Map<String, byte[]> files() {
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(TRAIN_IMAGES, IdxFixtureWriter.images(0x803, 3, 28, 28, pixels(3, 7)));
            files.put(TRAIN_LABELS, IdxFixtureWriter.labels(0x801, 3, new byte[] {5, 0, 4}));
            files.put(TEST_IMAGES, IdxFixtureWriter.images(0x803, 2, 28, 28, pixels(2, 11)));
            files.put(TEST_LABELS, IdxFixtureWriter.labels(0x801, 2, new byte[] {7, 2}));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pixels(int images, int seed) {
        byte[] body = new byte[images * Dataset.PIXELS];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ((i * seed) % 256);
        }
        return body;
    }

    static byte[] gzip(String name) {
        try {
            return IdxFixtureWriter.gzip(FILES.get(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static PinnedFile pin(String name, byte[] content) {
        byte[] gz = gzip(name);
        return new PinnedFile(name, content.length, sha256(content), gz.length, sha256(gz));
    }

    /** A mirror serving all four gzipped files whole. */
    static LoopbackMirror goodMirror() throws IOException {
        LoopbackMirror mirror = new LoopbackMirror();
        for (String name : FILES.keySet()) {
            mirror.serve(name + ".gz", gzip(name));
        }
        return mirror;
    }
}
