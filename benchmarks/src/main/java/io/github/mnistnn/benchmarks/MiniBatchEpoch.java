package io.github.mnistnn.benchmarks;

import io.github.mnistnn.Activation;
import io.github.mnistnn.CpuThreads;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.Dataset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One mini-batch epoch of a wider network: 784-512-256-10, ReLU, softmax with cross-entropy, batch 128, CB,
 * all ten digits of the 60,000 training images, through {@link Trainer#train} (upload of the images and
 * download of the weights included). Peers are compared only in a run of theirs beside this one, in the same
 * session.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar MiniBatchEpoch -p threads=1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class MiniBatchEpoch {
    /**
     * The backend's provider name: {@code cpu} (double), {@code cpu-float32}, or {@code opencl} (float32, first
     * device).
     */
    @Param({"cpu", "cpu-float32", "opencl"})
    public String backend;

    /**
     * CPU threads ({@link CpuThreads}); the machine's cores are the most it allows. Other backends run only in
     * the row with all cores (an OpenCL CPU device such as PoCL uses them all itself).
     */
    @Param({"1", "2"})
    public int threads;

    private Dataset data;
    private Network start;
    private Trainer trainer;

    /** Loads the data and builds the network and trainer. */
    @Setup(Level.Trial)
    public void setUp() {
        if (threads > Runtime.getRuntime().availableProcessors()) {
            throw new IllegalStateException("SKIPPED: " + threads + " threads on "
                    + Runtime.getRuntime().availableProcessors() + " cores");
        }
        if (!backend.startsWith("cpu") && threads != Runtime.getRuntime().availableProcessors()) {
            throw new IllegalStateException("SKIPPED: the thread count applies to the cpu backends; " + backend
                    + " runs once, in the threads=" + Runtime.getRuntime().availableProcessors() + " row");
        }
        BackendAvailability.open(backend).close();
        CpuThreads.setCount(threads);
        data = BenchmarkMnist.training();
        NetworkSpec spec = NetworkSpec.builder(784)
                .layer(512, Activation.RELU)
                .layer(256, Activation.RELU)
                .layer(10, Activation.SOFTMAX)
                .build();
        start = Network.initialize(spec, 42);
        trainer = Trainer.builder().backend(backend).learningRate(0.05).batchSize(128).epochs(1).seed(42).build();
    }

    /**
     * One epoch.
     *
     * @return the trained network
     */
    @Benchmark
    public Network trainOneEpoch_withTransfer() {
        return trainer.train(start, data);
    }
}
