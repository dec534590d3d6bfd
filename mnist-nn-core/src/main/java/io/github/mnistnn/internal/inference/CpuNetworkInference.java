package io.github.mnistnn.internal.inference;

import io.github.mnistnn.DeviceClassifier;
import io.github.mnistnn.Network;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;
import java.lang.ref.SoftReference;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Host inference for a network that is not purely dense (convolutions, pooling): the same layer passes that
 * training runs, on a CPU backend of its own ({@link DeviceClassifier} on {@code "cpu"}), in batches sized so their
 * work buffers stay bounded. Hands out one classifier per call, as {@link InferencePool} does, keeping idle ones
 * softly; safe for concurrent calls.
 */
public final class CpuNetworkInference {
    private final Network network;
    private final Queue<SoftReference<Instance>> idle = new ConcurrentLinkedQueue<>();

    public CpuNetworkInference(Network network) {
        this.network = network;
    }

    public <T> T apply(Function<DeviceClassifier, T> call) {
        Instance instance = null;
        SoftReference<Instance> kept;
        while (instance == null && (kept = idle.poll()) != null) {
            instance = kept.get();
        }
        if (instance == null) {
            instance = new Instance(network);
        }
        try {
            return call.apply(instance.classifier);
        } finally {
            idle.add(new SoftReference<>(instance));
        }
    }

    /** A CPU backend and a classifier on it; heap memory only, so the collector may take it when idle. */
    private static final class Instance {
        final DeviceClassifier classifier;

        Instance(Network network) {
            Backend backend = Backends.open("cpu");
            this.classifier = DeviceClassifier.on(backend, network);
        }
    }
}
