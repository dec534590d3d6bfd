package io.github.mnistnn.internal.model;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Layer;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.ModelFormatException;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Padding;
import io.github.mnistnn.Shape;
import io.github.mnistnn.internal.ApiAccess;
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
public final class ModelDecoder {
    private final byte[] bytes;
    private final ByteBuffer buffer;
    private final Path file;

    /**
     * @param bytes the whole file
     * @param from the offset of the body
     * @param to the offset where the body ends (the checksum's)
     * @param file the file, for messages
     */
    public ModelDecoder(byte[] bytes, int from, int to, Path file) {
        this.bytes = bytes;
        this.buffer = ByteBuffer.wrap(bytes, from, to - from);
        this.file = file;
    }

    public Network decode(int formatVersion) throws ModelFormatException {
        String version = readUtf("the library version");
        NetworkSpec spec = formatVersion == 1 ? readShape() : readLayeredShape();
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
        List<LayerPlan> plans = ApiAccess.get().plans(spec);
        for (int k = 0; k < plans.size(); k++) {
            try {
                layers.add(readLayer(plans.get(k)));
            } catch (IllegalArgumentException e) {
                throw refused("layer " + (k + 1) + ": " + e.getMessage());
            }
        }
        return ApiAccess.get().network(layers, ProvenanceFields.fromMap(provenance, version, file));
    }

    private Layer readLayer(LayerPlan plan) {
        if (plan instanceof LayerPlan.Dense dense) {
            int fanIn = dense.input().size();
            double[] w = readDoubles(fanIn * dense.units());
            double[] b = readDoubles(dense.units());
            return ApiAccess.get().dense(fanIn, dense.units(), w, b, dense.activation());
        }
        if (plan instanceof LayerPlan.Conv conv) {
            double[] w = readDoubles(conv.kernel() * conv.kernel() * conv.input().channels() * conv.filters());
            double[] b = readDoubles(conv.filters());
            return ApiAccess.get().conv2d(conv.input(), conv.kernel(), conv.stride(), conv.padding(), w, b,
                    conv.activation());
        }
        if (plan instanceof LayerPlan.Norm norm) {
            int features = norm.features();
            double[] gamma = readDoubles(features);
            double[] beta = readDoubles(features);
            double[] running = readDoubles(2 * features);
            return ApiAccess.get().batchNorm(norm.input(), gamma, beta, running, norm.step());
        }
        return ((LayerPlan.Fixed) plan).layer();
    }

    private double[] readDoubles(int count) {
        double[] values = new double[count];
        buffer.asDoubleBuffer().get(values);
        buffer.position(buffer.position() + 8 * count);
        return values;
    }

    private NetworkSpec readLayeredShape() throws ModelFormatException {
        String kind = readUtf("the input kind");
        Shape input;
        try {
            if (kind.equals(LayerCodec.IMAGE)) {
                input = Shape.image(readInt("the input height"), readInt("the input width"),
                        readInt("the input channels"));
            } else if (kind.equals(LayerCodec.VECTOR)) {
                input = Shape.vector(readInt("the input size"));
            } else {
                throw refused("the input kind '" + kind + "' is unknown (expected image or vector)");
            }
        } catch (IllegalArgumentException e) {
            throw refused("the input: " + e.getMessage());
        }
        int depth = readInt("the layer count");
        if (depth < 1) {
            throw refused("it declares " + depth + " layers; a network needs at least one");
        }
        try {
            NetworkSpec.Builder builder = NetworkSpec.builder(input);
            for (int k = 1; k <= depth; k++) {
                String of = " of layer " + k + " of " + depth;
                String layer = readUtf("the kind" + of);
                switch (layer) {
                    case LayerCodec.DENSE -> builder.dense(readInt("the width" + of),
                            activation(readUtf("the activation" + of), k));
                    case LayerCodec.CONV2D -> builder.conv2d(readInt("the filters" + of), readInt("the kernel" + of),
                            readInt("the stride" + of), padding(readUtf("the padding" + of), k),
                            activation(readUtf("the activation" + of), k));
                    case LayerCodec.MAX_POOL2D -> builder.maxPool2d(readInt("the size" + of),
                            readInt("the stride" + of));
                    case LayerCodec.FLATTEN -> builder.flatten();
                    case LayerCodec.DROPOUT -> builder.dropout(readDouble("the rate" + of));
                    case LayerCodec.BATCH_NORM -> builder.batchNorm(readDouble("the epsilon" + of),
                            readDouble("the momentum" + of));
                    default -> throw refused("layer " + k + " has unknown kind '" + layer + "'");
                }
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
    }

    private Activation activation(String name, int layer) throws ModelFormatException {
        try {
            return Activation.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw refused("layer " + layer + " has unknown activation '" + name + "'");
        }
    }

    private Padding padding(String name, int layer) throws ModelFormatException {
        try {
            return Padding.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw refused("layer " + layer + " has unknown padding '" + name + "'");
        }
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
            for (LayerPlan plan : ApiAccess.get().plans(spec)) {
                total = Math.addExact(total, Math.multiplyExact(plan.storedValues(), Double.BYTES));
            }
            return total;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private double readDouble(String what) throws ModelFormatException {
        require(Double.BYTES, what);
        return buffer.getDouble();
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
        return ApiAccess.get().modelFormat(file, problem);
    }
}
