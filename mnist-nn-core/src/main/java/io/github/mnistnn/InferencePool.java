package io.github.mnistnn;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Hands out a {@link BatchInference} per call: the one a finished call left idle (kept softly, since its buffers
 * run to tens of MB for wide layers, so the collector may take them), or a new one when that is taken or gone.
 * Safe for concurrent calls.
 *
 * <pre>{@code
 * InferencePool pool = new InferencePool(layers, false);
 * int[] classes = pool.apply(inference -> inference.predictAll(data));
 * }</pre>
 */
final class InferencePool {
    private final List<Layer> layers;
    private final boolean float32;
    private final AtomicReference<SoftReference<BatchInference>> idle = new AtomicReference<>();

    InferencePool(List<Layer> layers, boolean float32) {
        this.layers = layers;
        this.float32 = float32;
    }

    <T> T apply(Function<BatchInference, T> call) {
        SoftReference<BatchInference> kept = idle.getAndSet(null);
        BatchInference inference = kept == null ? null : kept.get();
        if (inference == null) {
            inference = new BatchInference(layers, float32);
        }
        try {
            return call.apply(inference);
        } finally {
            idle.set(new SoftReference<>(inference));
        }
    }
}
