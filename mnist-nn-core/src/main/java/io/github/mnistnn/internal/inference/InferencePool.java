package io.github.mnistnn.internal.inference;

import io.github.mnistnn.Layer;
import io.github.mnistnn.internal.cpu.DenseProduct;
import io.github.mnistnn.internal.cpu.Float32Product;
import io.github.mnistnn.internal.cpu.Float32Weights;
import io.github.mnistnn.internal.cpu.PackedGemm;
import java.lang.ref.SoftReference;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Hands out a {@link BatchInference} per call: one that a finished call left idle, or a new one when none is
 * (so concurrent calls each get their own, and reuse them later). Idle instances are kept softly, since their
 * buffers run to megabytes for wide layers, so the collector may take them. In double each instance packs the
 * weights for itself, once ({@link PackedGemm#layer}); in float32 all share one rounded, packed copy
 * ({@link Float32Weights}), made here. Safe for concurrent calls.
 *
 * <pre>{@code
 * InferencePool pool = InferencePool.inDouble(layers);
 * int[] classes = pool.apply(inference -> inference.predictAll(data));
 * }</pre>
 */
public final class InferencePool {
    private final List<Layer> layers;
    private final IntFunction<DenseProduct> products;
    private final Queue<SoftReference<BatchInference>> idle = new ConcurrentLinkedQueue<>();

    private InferencePool(List<Layer> layers, IntFunction<DenseProduct> products) {
        this.layers = layers;
        this.products = products;
    }

    /** Inference that sums in double, bit for bit as {@link io.github.mnistnn.DenseLayer#forward}. */
    public static InferencePool inDouble(List<Layer> layers, double[][] weights, double[][] biases) {
        return new InferencePool(layers, k -> PackedGemm.layer(layers.get(k).inputWidth(),
                layers.get(k).outputWidth(), weights[k], biases[k]));
    }

    /** Inference in float32 ({@link Float32Product}); the weights are rounded and packed now. */
    public static InferencePool inFloat32(List<Layer> layers, double[][] weights, double[][] biases) {
        Float32Weights[] packed = new Float32Weights[layers.size()];
        for (int k = 0; k < packed.length; k++) {
            Layer layer = layers.get(k);
            packed[k] = Float32Weights.of(layer.inputWidth(), layer.outputWidth(), weights[k], biases[k]);
        }
        return new InferencePool(layers, k -> new Float32Product(packed[k]));
    }

    public <T> T apply(Function<BatchInference, T> call) {
        BatchInference inference = null;
        SoftReference<BatchInference> kept;
        while (inference == null && (kept = idle.poll()) != null) {
            inference = kept.get(); // null where the collector took it
        }
        if (inference == null) {
            inference = new BatchInference(layers, products);
        }
        try {
            return call.apply(inference);
        } finally {
            idle.add(new SoftReference<>(inference));
        }
    }
}
