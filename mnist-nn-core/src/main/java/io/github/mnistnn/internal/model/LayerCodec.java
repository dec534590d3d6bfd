package io.github.mnistnn.internal.model;

import io.github.mnistnn.BatchNormLayer;
import io.github.mnistnn.Conv2dLayer;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.DropoutLayer;
import io.github.mnistnn.FlattenLayer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.MaxPool2dLayer;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Shape;
import java.io.DataOutputStream;
import java.io.IOException;

/** Writes a version-2 model file's input shape and layer list (see {@link ModelFile}); {@link ModelDecoder} reads them. */
public final class LayerCodec {
    static final String VECTOR = "vector";
    static final String IMAGE = "image";
    static final String DENSE = "dense";
    static final String CONV2D = "conv2d";
    static final String MAX_POOL2D = "maxPool2d";
    static final String FLATTEN = "flatten";
    static final String DROPOUT = "dropout";
    static final String BATCH_NORM = "batchNorm";

    private LayerCodec() {
    }

    /**
     * Writes an input shape: its kind, then its sizes.
     *
     * @param shape the shape
     * @param out where it goes
     * @throws IOException if the stream fails
     */
    public static void writeShape(Shape shape, DataOutputStream out) throws IOException {
        if (shape.isImage()) {
            out.writeUTF(IMAGE);
            out.writeInt(shape.height());
            out.writeInt(shape.width());
            out.writeInt(shape.channels());
        } else {
            out.writeUTF(VECTOR);
            out.writeInt(shape.size());
        }
    }

    /**
     * Writes a layer's kind and fields (not its parameters).
     *
     * @param layer the layer
     * @param out where it goes
     * @throws IOException if the stream fails
     */
    public static void writeLayer(Layer layer, DataOutputStream out) throws IOException {
        if (layer instanceof DenseLayer dense) {
            out.writeUTF(DENSE);
            out.writeInt(dense.outputWidth());
            out.writeUTF(dense.activation().name());
        } else if (layer instanceof Conv2dLayer conv) {
            out.writeUTF(CONV2D);
            out.writeInt(conv.filters());
            out.writeInt(conv.kernel());
            out.writeInt(conv.stride());
            out.writeUTF(conv.padding().name());
            out.writeUTF(conv.activation().name());
        } else if (layer instanceof MaxPool2dLayer pool) {
            out.writeUTF(MAX_POOL2D);
            out.writeInt(pool.size());
            out.writeInt(pool.stride());
        } else if (layer instanceof FlattenLayer) {
            out.writeUTF(FLATTEN);
        } else if (layer instanceof BatchNormLayer norm) {
            out.writeUTF(BATCH_NORM);
            out.writeDouble(norm.settings().epsilon());
            out.writeDouble(norm.settings().momentum());
        } else {
            out.writeUTF(DROPOUT);
            out.writeDouble(((DropoutLayer) layer).rate());
        }
    }
}
