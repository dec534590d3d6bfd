package io.github.mnistnn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32C;

/**
 * Saves and loads networks in the mnist-nn model format, version 1. All numbers are big-endian:
 * <pre>
 * magic          8 bytes  "MNISTNN\n"
 * version        int      1
 * library        UTF      the mnist-nn version that wrote the file
 * inputWidth     int
 * layers         int      L, then per layer: units (int), activation (UTF, an {@link Activation} name)
 * provenance     int      P, then P pairs of UTF key and UTF value (empty when the network was not trained
 *                         here): seed, rule, loss, optimizer, learningRate, batchSize, epochs, backend,
 *                         datasetFingerprint, trainingSamples, trainingAccuracy, validationAccuracy,
 *                         libraryVersion and hyperparameter.NAME entries; unknown keys are ignored
 * parameters     per layer, fan_in x fan_out weights row by row, then fan_out biases (IEEE 754 doubles)
 * checksum       long     CRC32C of every byte before it
 * </pre>
 * Saving writes a temporary file beside the target, forces it to disk and renames it over the target, so a
 * crash never leaves a half-written model. Loading reads the whole file, checks magic, version and checksum
 * first, and refuses anything that does not make a network.
 *
 * <pre>{@code
 * ModelFile.save(network, Path.of("reference.mnn"));
 * Network again = ModelFile.load(Path.of("reference.mnn"));
 * }</pre>
 */
public final class ModelFile {
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = {'M', 'N', 'I', 'S', 'T', 'N', 'N', '\n'};
    private static final int MAX_UNITS = 1 << 24;

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
     * Saves a network atomically.
     *
     * @param network the network
     * @param file the target; replaced if it exists
     * @throws IOException if it cannot be written (the target is then untouched)
     */
    public static void save(Network network, Path file) throws IOException {
        byte[] body = encode(network);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(body);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static byte[] encode(Network network) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(libraryVersion());
        out.writeInt(network.inputWidth());
        out.writeInt(network.layers().size());
        for (Layer layer : network.layers()) {
            out.writeInt(layer.outputWidth());
            out.writeUTF(layer.activation().name());
        }
        Map<String, String> provenance = network.provenance().map(ProvenanceFields::toMap).orElse(Map.of());
        out.writeInt(provenance.size());
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        for (Layer layer : network.layers()) {
            for (int i = 0; i < layer.inputWidth(); i++) {
                for (int j = 0; j < layer.outputWidth(); j++) {
                    out.writeDouble(layer.weight(i, j));
                }
            }
            for (int j = 0; j < layer.outputWidth(); j++) {
                out.writeDouble(layer.bias(j));
            }
        }
        out.flush();
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    /**
     * Loads a network.
     *
     * @param file the model file
     * @return the network, with its provenance when it had one
     * @throws ModelFormatException if the file is not a complete, intact model of a known version
     * @throws IOException if it cannot be read
     */
    public static Network load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new ModelFormatException(file, "wrong magic bytes (expected \"MNISTNN\\n\")");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version != FORMAT_VERSION) {
            throw new ModelFormatException(file, "format version " + version + " is unknown; this library ("
                    + libraryVersion() + ") reads version " + FORMAT_VERSION);
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
        try {
            return decode(new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length + 4,
                    bytes.length - MAGIC.length - 4 - 8)), file);
        } catch (EOFException e) {
            throw new ModelFormatException(file, "truncated: the layers need more bytes than the file holds");
        }
    }

    private static Network decode(DataInputStream in, Path file) throws IOException {
        String version = in.readUTF();
        int inputWidth = in.readInt();
        int depth = in.readInt();
        if (inputWidth < 1 || inputWidth > MAX_UNITS || depth < 1 || depth > 1000) {
            throw new ModelFormatException(file, "implausible shape: " + inputWidth + " inputs, " + depth + " layers");
        }
        int[] widths = new int[depth];
        Activation[] activations = new Activation[depth];
        for (int k = 0; k < depth; k++) {
            widths[k] = in.readInt();
            String name = in.readUTF();
            if (widths[k] < 1 || widths[k] > MAX_UNITS) {
                throw new ModelFormatException(file, "layer " + (k + 1) + " has " + widths[k] + " units");
            }
            try {
                activations[k] = Activation.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "layer " + (k + 1) + " has unknown activation '" + name + "'");
            }
        }
        int entries = in.readInt();
        if (entries < 0 || entries > 10_000) {
            throw new ModelFormatException(file, "implausible provenance of " + entries + " entries");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            provenance.put(in.readUTF(), in.readUTF());
        }
        List<Layer> layers = new ArrayList<>();
        int fanIn = inputWidth;
        for (int k = 0; k < depth; k++) {
            double[] w = new double[Math.multiplyExact(fanIn, widths[k])];
            double[] b = new double[widths[k]];
            for (int i = 0; i < w.length; i++) {
                w[i] = in.readDouble();
            }
            for (int j = 0; j < b.length; j++) {
                b[j] = in.readDouble();
            }
            try {
                layers.add(DenseLayer.ofFlat(fanIn, widths[k], w, b, activations[k]));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "layer " + (k + 1) + ": " + e.getMessage());
            }
            fanIn = widths[k];
        }
        if (in.available() > 0) {
            throw new ModelFormatException(file, in.available() + " unexpected bytes after the last layer");
        }
        return Network.of(layers, ProvenanceFields.fromMap(provenance, version, file));
    }
}
