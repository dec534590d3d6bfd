package io.github.mnistnn;

import io.github.mnistnn.internal.io.AtomicFile;
import io.github.mnistnn.internal.model.LayerCodec;
import io.github.mnistnn.internal.model.ModelDecoder;
import io.github.mnistnn.internal.model.ProvenanceFields;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Saves and loads networks in the mnist-nn model format. A dense network is written in version 1, which every
 * release reads; any other (convolutions, pooling, flatten, dropout, batch normalisation) in version 2. All numbers are big-endian:
 * <pre>
 * magic          8 bytes  "MNISTNN\n"
 * version        int      1 or 2
 * library        UTF      the mnist-nn version that wrote the file
 * shape, v1      inputWidth (int); layers (int) L, then per layer: units (int), activation (UTF, an
 *                {@link Activation} name)
 * shape, v2      input: "vector" (UTF) and its size (int), or "image" (UTF) and height, width, channels (ints);
 *                layers (int) L, then per layer its kind (UTF) and fields:
 *                  dense      units (int), activation (UTF)
 *                  conv2d     filters, kernel, stride (ints), padding (UTF, a {@link Padding} name), activation (UTF)
 *                  maxPool2d  size, stride (ints)
 *                  flatten    nothing
 *                  dropout    rate (double)
 *                  batchNorm  epsilon, momentum (doubles)
 * provenance     int      P, then P pairs of UTF key and UTF value (empty when the network was not trained
 *                         here): seed, rule, loss, optimizer, learningRate, batchSize, epochs, backend,
 *                         datasetFingerprint, trainingSamples, trainingAccuracy, validationAccuracy,
 *                         libraryVersion and hyperparameter.NAME entries; unknown keys are ignored
 * parameters     per layer with parameters, its weights row by row (dense fan_in x fan_out, convolution
 *                (kernel * kernel * in_channels) x filters), then its biases (IEEE 754 doubles); a batch
 *                normalisation's scales, shifts, running means and running variances, one per feature each
 * checksum       long     CRC32C of every byte before it
 * </pre>
 * Saving writes a temporary file beside the target, forces it to disk and renames it over the target, so a
 * crash never leaves a half-written model; the file gets the permissions of the one it replaces, or of any new
 * file. Loading reads the whole file, checks magic, version and checksum first, then checks every declared
 * count against the bytes left before allocating for it and builds the shape through {@link NetworkSpec}, so
 * it refuses anything that does not make a network with a {@link ModelFormatException} naming the file.
 *
 * <pre>{@code
 * ModelFile.save(network, Path.of("reference.mnn"));
 * Network again = ModelFile.load(Path.of("reference.mnn"));
 * }</pre>
 */
public final class ModelFile {
    /** The newest format version, which this library writes for networks that are not purely dense. */
    public static final int FORMAT_VERSION = 2;
    private static final byte[] MAGIC = {'M', 'N', 'I', 'S', 'T', 'N', 'N', '\n'};
    /** The largest array the JVM allocates, so the largest file that {@link #load} can read. */
    private static final int MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private ModelFile() {
    }

    /**
     * The version of this library, as recorded in saved models.
     *
     * @return such as {@code 0.1.0}
     */
    public static String libraryVersion() {
        try (InputStream in = ModelFile.class.getResourceAsStream("library.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Saves a network atomically. The file gets the permissions of the file it replaces, or those of any new
     * file (from the umask); a failed save deletes its temporary file and leaves the target as it was.
     *
     * @param network the network
     * @param file the target, a file name (a single name is in the working directory); replaced if it exists,
     *     its missing parent folders are created
     * @throws java.nio.file.FileSystemException if the target is a directory
     * @throws IOException naming the file if it cannot be written (the target is then untouched), or if the
     *     network is too large for the format
     */
    public static void save(Network network, Path file) throws IOException {
        long parameters = 0;
        for (Layer layer : network.layers()) {
            // fits in a long: a layer in memory has fewer than 2^31 weights
            parameters += layer.parameterCount() * Double.BYTES;
        }
        if (parameters > MAX_FILE_BYTES) {
            throw new IOException("cannot save the model " + file + ": its weights and biases need " + parameters
                    + " bytes, more than the " + MAX_FILE_BYTES + " bytes a model file can hold");
        }
        AtomicFile.replace(file, "model", out -> write(network, out));
    }

    static byte[] encode(Network network) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(network, bytes);
        return bytes.toByteArray();
    }

    private static void write(Network network, OutputStream target) throws IOException {
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(target, crc));
        out.write(MAGIC);
        boolean v1 = network.isDense();
        out.writeInt(v1 ? 1 : FORMAT_VERSION);
        out.writeUTF(libraryVersion());
        if (v1) {
            out.writeInt(network.inputWidth());
            out.writeInt(network.layers().size());
            for (Layer layer : network.layers()) {
                out.writeInt(layer.outputWidth());
                out.writeUTF(((DenseLayer) layer).activation().name());
            }
        } else {
            LayerCodec.writeShape(network.inputShape(), out);
            out.writeInt(network.layers().size());
            for (Layer layer : network.layers()) {
                LayerCodec.writeLayer(layer, out);
            }
        }
        Map<String, String> provenance = network.provenance().map(ProvenanceFields::toMap).orElse(Map.of());
        out.writeInt(provenance.size());
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        for (Layer layer : network.layers()) {
            if (layer instanceof DenseLayer dense) {
                writeDoubles(dense.sharedWeights(), out);
                writeDoubles(dense.sharedBiases(), out);
            } else if (layer instanceof Conv2dLayer conv) {
                writeDoubles(conv.sharedWeights(), out);
                writeDoubles(conv.sharedBiases(), out);
            } else if (layer instanceof BatchNormLayer norm) {
                writeDoubles(norm.sharedGamma(), out);
                writeDoubles(norm.sharedBeta(), out);
                writeDoubles(norm.sharedRunning(), out);
            }
        }
        out.flush();
        if (out.size() > MAX_FILE_BYTES - Long.BYTES) {
            throw new IOException("the model would be larger than the " + MAX_FILE_BYTES
                    + " bytes a model file can hold");
        }
        new DataOutputStream(target).writeLong(crc.getValue());
        target.flush();
    }

    private static void writeDoubles(double[] values, DataOutputStream out) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    /**
     * Loads a network.
     *
     * @param file the model file
     * @return the network, with its provenance when it had one
     * @throws ModelFormatException naming the file if it is not a complete, intact model of a known version
     *     (or is a directory)
     * @throws IOException if it cannot be read
     */
    public static Network load(Path file) throws IOException {
        return decode(readAll(file), file);
    }

    /**
     * Loads a network from a stream, such as a resource in a jar; the stream is read to its end, not closed.
     *
     * <pre>{@code
     * try (InputStream in = MyApp.class.getResourceAsStream("digits.mnn")) {
     *     Network network = ModelFile.load(in, "digits.mnn");
     * }
     * }</pre>
     *
     * @param in the model file's bytes
     * @param source what the bytes are, for messages (a file or resource name)
     * @return the network, with its provenance when it had one
     * @throws ModelFormatException naming the source if the bytes are not a complete, intact model of a known
     *     version
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if {@code in} or {@code source} is null
     */
    public static Network load(InputStream in, String source) throws IOException {
        if (in == null || source == null) {
            throw new IllegalArgumentException("a model stream and its name are needed, got " + in + " and "
                    + source);
        }
        Path name = Path.of(source);
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES);
        if (in.read() != -1) {
            throw new ModelFormatException(name, "it has more than the " + MAX_FILE_BYTES
                    + " bytes a model file can hold");
        }
        return decode(bytes, name);
    }

    private static Network decode(byte[] bytes, Path file) throws ModelFormatException {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new ModelFormatException(file, "wrong magic bytes (expected \"MNISTNN\\n\")");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version != 1 && version != FORMAT_VERSION) {
            throw new ModelFormatException(file, "format version " + version + " is unknown; this library ("
                    + libraryVersion() + ") reads versions 1 and " + FORMAT_VERSION);
        }
        if (bytes.length < MAGIC.length + 4 + 8) {
            throw new ModelFormatException(file, "truncated: " + bytes.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new ModelFormatException(file, "checksum mismatch (the file is truncated or damaged)");
        }
        return new ModelDecoder(bytes, MAGIC.length + 4, bytes.length - 8, file).decode(version);
    }

    private static byte[] readAll(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file, "it is a directory, not a model file");
        }
        byte[] bytes;
        try {
            if (Files.isRegularFile(file)) {
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    throw new ModelFormatException(file, "it has " + size + " bytes, more than the "
                            + MAX_FILE_BYTES + " a model file can hold");
                }
                bytes = Files.readAllBytes(file);
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes(MAX_FILE_BYTES);
                    if (in.read() != -1) {
                        throw new ModelFormatException(file, "it has more than the " + MAX_FILE_BYTES
                                + " bytes a model file can hold");
                    }
                }
            }
        } catch (ModelFormatException | FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read the model " + file + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return bytes;
    }
}
