package io.github.mnistnn;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of a model file whose magic, version and checksum were checked: everything between the
 * version and the checksum (see {@link ModelFile}). Every declared count is checked against the bytes that
 * are left before anything is allocated for it, and the shape goes through {@link NetworkSpec.Builder}, so a
 * file cannot declare a network the library would refuse to build; every problem is a
 * {@link ModelFormatException} naming the file.
 */
final class ModelDecoder {
    private final byte[] bytes;
    private final ByteBuffer buffer;
    private final Path file;

    /**
     * @param bytes the whole file
     * @param from the offset of the body
     * @param to the offset where the body ends (the checksum's)
     * @param file the file, for messages
     */
    ModelDecoder(byte[] bytes, int from, int to, Path file) {
        this.bytes = bytes;
        this.buffer = ByteBuffer.wrap(bytes, from, to - from);
        this.file = file;
    }

    Network decode() throws ModelFormatException {
        String version = readUtf("the library version");
        NetworkSpec spec = readShape();
        int entries = readInt("the provenance entry count");
        if (entries < 0) {
            throw refused("the provenance has " + entries + " entries");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        for (int i = 1; i <= entries; i++) {
            String key = readUtf("the key of provenance entry " + i);
            provenance.put(key, readUtf("the value of provenance entry " + i + " ('" + key + "')"));
        }
        long needed = parameterBytes(spec);
        if (needed > buffer.remaining()) {
            throw refused("truncated: the " + spec + " network needs "
                    + (needed == Long.MAX_VALUE ? "more than 2^63" : Long.toString(needed))
                    + " bytes of weights and biases but only " + buffer.remaining() + " bytes are left");
        }
        if (needed < buffer.remaining()) {
            throw refused((buffer.remaining() - needed) + " unexpected bytes after the last layer");
        }
        List<Layer> layers = new ArrayList<>();
        int fanIn = spec.inputWidth();
        for (int k = 0; k < spec.depth(); k++) {
            int fanOut = spec.width(k);
            double[] w = new double[fanIn * fanOut];
            double[] b = new double[fanOut];
            buffer.asDoubleBuffer().get(w).get(b);
            buffer.position(buffer.position() + 8 * (w.length + b.length));
            try {
                layers.add(DenseLayer.ofFlat(fanIn, fanOut, w, b, spec.activation(k)));
            } catch (IllegalArgumentException e) {
                throw refused("layer " + (k + 1) + ": " + e.getMessage());
            }
            fanIn = fanOut;
        }
        return Network.of(layers, ProvenanceFields.fromMap(provenance, version, file));
    }

    private NetworkSpec readShape() throws ModelFormatException {
        int inputWidth = readInt("the input width");
        int depth = readInt("the layer count");
        if (depth < 1) {
            throw refused("it declares " + depth + " layers; a network needs at least one");
        }
        try {
            NetworkSpec.Builder builder = NetworkSpec.builder(inputWidth);
            for (int k = 1; k <= depth; k++) {
                int units = readInt("the width of layer " + k + " of " + depth);
                String name = readUtf("the activation of layer " + k + " of " + depth);
                Activation activation;
                try {
                    activation = Activation.valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw refused("layer " + k + " has unknown activation '" + name + "'");
                }
                builder.layer(units, activation);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
    }

    /** The bytes of all weights and biases, or {@code Long.MAX_VALUE} when that does not fit in a long. */
    private static long parameterBytes(NetworkSpec spec) {
        try {
            long total = 0;
            long fanIn = spec.inputWidth();
            for (int k = 0; k < spec.depth(); k++) {
                long fanOut = spec.width(k);
                long values = Math.addExact(Math.multiplyExact(fanIn, fanOut), fanOut);
                total = Math.addExact(total, Math.multiplyExact(values, Double.BYTES));
                fanIn = fanOut;
            }
            return total;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private int readInt(String what) throws ModelFormatException {
        require(Integer.BYTES, what);
        return buffer.getInt();
    }

    /** Reads a string in the modified UTF-8 of {@link java.io.DataInput#readUTF}. */
    private String readUtf(String what) throws ModelFormatException {
        int start = buffer.position();
        require(2, what);
        int length = Short.toUnsignedInt(buffer.getShort());
        require(length, what);
        buffer.position(buffer.position() + length);
        try {
            return DataInputStream.readUTF(new DataInputStream(new ByteArrayInputStream(bytes, start, 2 + length)));
        } catch (IOException e) {
            throw refused(what + " at byte " + start + " is not valid modified UTF-8");
        }
    }

    private void require(int count, String what) throws ModelFormatException {
        if (buffer.remaining() < count) {
            throw refused("truncated: " + what + " needs " + count + " bytes at byte " + buffer.position()
                    + " but only " + buffer.remaining() + " are left before the checksum");
        }
    }

    private ModelFormatException refused(String problem) {
        return new ModelFormatException(file, problem);
    }
}
