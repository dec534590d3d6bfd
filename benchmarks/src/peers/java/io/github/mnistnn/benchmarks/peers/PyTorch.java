package io.github.mnistnn.benchmarks.peers;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.mnistnn.data.Dataset;

/**
 * Opens DJL's PyTorch engine for one benchmark trial: {@code threads} intra-op threads (what
 * {@code torch.set_num_threads} sets; DJL's {@code ai.djl.pytorch.num_threads}), one inter-op thread
 * ({@code ai.djl.pytorch.num_interop_threads}), offline (the native library comes from the
 * {@code pytorch-native-cpu} jar on the class path, never from a download, unless {@code -Dai.djl.offline=false}
 * is given), and a fixed seed. JMH runs each parameter combination in a fork of its own, so the engine is opened
 * once per trial with that trial's count.
 *
 * <pre>{@code
 * Engine engine = PyTorch.open(threads);
 * }</pre>
 */
public final class PyTorch {
    /** DJL's name of the engine. */
    public static final String ENGINE = "PyTorch";

    private PyTorch() {
    }

    /**
     * Opens the engine with the given intra-op threads and one inter-op thread, and checks that PyTorch took
     * them.
     *
     * @param threads intra-op threads, at least 1 and at most the machine's cores
     * @return the engine
     * @throws IllegalStateException starting {@code SKIPPED:} if there are fewer cores than {@code threads}, or
     *     if PyTorch reports other thread counts than asked for
     */
    public static Engine open(int threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads < 1 || threads > cores) {
            throw new IllegalStateException("SKIPPED: " + threads + " threads on " + cores + " cores");
        }
        // Read once, when the engine first loads (DJL's PtEngine); the inter-op count can be set only then.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine engine = Engine.getEngine(ENGINE);
        // Also when the engine was already open in this JVM (-f 0): the intra-op count may change at any time.
        JniUtils.setNumThreads(threads);
        if (JniUtils.getNumThreads() != threads || JniUtils.getNumInteropThreads() != 1) {
            throw new IllegalStateException("PyTorch runs " + JniUtils.getNumThreads() + " intra-op and "
                    + JniUtils.getNumInteropThreads() + " inter-op threads, not " + threads + " and 1");
        }
        engine.setRandomSeed(42);
        System.out.println("# peer: " + ENGINE + " " + engine.getVersion() + " through DJL "
                + Engine.getDjlVersion() + ", " + JniUtils.getNumThreads() + " intra-op thread(s), "
                + JniUtils.getNumInteropThreads() + " inter-op thread(s)");
        return engine;
    }

    /**
     * The first {@code n} images of a dataset as PyTorch takes them: float32, each pixel divided by 255 (the
     * values {@link Dataset#copyFeatures} gives our networks, rounded to float), row-major, 784 per image.
     *
     * @param data the images
     * @param n how many, from the first
     * @return {@code n * 784} values
     */
    static float[] pixels(Dataset data, int n) {
        float[] x = new float[n * Dataset.PIXELS];
        for (int i = 0; i < n; i++) {
            byte[] image = data.image(i);
            for (int p = 0; p < Dataset.PIXELS; p++) {
                x[i * Dataset.PIXELS + p] = (image[p] & 0xFF) / 255f;
            }
        }
        return x;
    }

    /**
     * The labels of the first {@code n} images, as the class indices the loss picks.
     *
     * @param data the images
     * @param n how many, from the first
     * @return {@code n} labels
     */
    static long[] labels(Dataset data, int n) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = data.label(i);
        }
        return y;
    }
}
