package io.github.mnistnn.benchmarks;

import io.github.mnistnn.CpuThreads;
import io.github.mnistnn.Float32Classifier;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Inference of 784-512-256-10 (ReLU, softmax) over the 10,000 test images, in images per second: batch 1
 * ({@code predict} per image, one thread) and batch 1,000 ({@code predictAll} on ten slices of 1,000), through
 * the {@link Network} itself (double) or its {@link Float32Classifier}. Peers are compared only in a run of
 * theirs beside this one, in the same session.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Inference -p batch=1000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class Inference {
    /** Images per call. */
    @Param({"1", "1000"})
    public int batch;

    /** CPU threads for batched inference ({@link CpuThreads}). */
    @Param({"1", "2"})
    public int threads;

    /** {@code double}: the {@link Network}; {@code float32}: its {@link Float32Classifier}. */
    @Param({"double", "float32"})
    public String precision;

    private Network network;
    private Float32Classifier fast;
    private double[][] images;
    private LabeledData[] slices;

    /** Loads the test images and draws the network. */
    @Setup(Level.Trial)
    public void setUp() {
        if (threads > Runtime.getRuntime().availableProcessors()) {
            throw new IllegalStateException("SKIPPED: " + threads + " threads on "
                    + Runtime.getRuntime().availableProcessors() + " cores");
        }
        CpuThreads.setCount(threads);
        network = InferenceWork.network();
        fast = "float32".equals(precision) ? Float32Classifier.of(network) : null;
        slices = InferenceWork.slices(batch == 1 ? 1000 : batch);
        images = new double[InferenceWork.IMAGES][];
        for (int p = 0, i = 0; p < slices.length; p++) {
            for (int r = 0; r < slices[p].size(); r++) {
                images[i++] = slices[p].features(r);
            }
        }
    }

    /**
     * Classifies the 10,000 test images.
     *
     * @param sink keeps the predictions alive
     */
    @Benchmark
    @OperationsPerInvocation(InferenceWork.IMAGES)
    public void classifyTestSet(Blackhole sink) {
        if (batch == 1) {
            for (double[] image : images) {
                sink.consume(fast == null ? network.predict(image) : fast.predict(image));
            }
        } else {
            for (LabeledData slice : slices) {
                sink.consume(fast == null ? network.predictAll(slice) : fast.predictAll(slice));
            }
        }
    }
}
