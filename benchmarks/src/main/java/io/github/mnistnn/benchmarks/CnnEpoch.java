package io.github.mnistnn.benchmarks;

import io.github.mnistnn.Activation;
import io.github.mnistnn.CpuThreads;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.Padding;
import io.github.mnistnn.Shape;
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
 * The anchor CNN's training on {@code images} of the training set (an epoch scales by 60,000 / images): 28x28x1,
 * three blocks of [conv 3x3 SAME (32, 64, 128 filters), ReLU, 2x2 max-pool, dropout 0.25], flatten 1152, dense 10,
 * softmax cross-entropy, Adam, batch 128, through {@link Trainer#train}. The anchor of the peers is PyTorch 2.7.1
 * through DJL 0.35.1 on one thread, 47-53 s per epoch on this kind of machine (timed on 6,400 images and scaled),
 * and is compared only in a run of it beside this one.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CnnEpoch -p backend=cpu -p threads=2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class CnnEpoch {
    /** The anchor network. */
    static final NetworkSpec ANCHOR = NetworkSpec.builder(Shape.image(28, 28, 1))
            .conv2d(32, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
            .conv2d(64, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
            .conv2d(128, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)
            .flatten()
            .dense(10, Activation.SOFTMAX)
            .build();

    /**
     * The backend's provider name: {@code cpu} (double), {@code cpu-float32}, or {@code opencl} (float32, first
     * device).
     */
    @Param({"cpu", "cpu-float32", "opencl"})
    public String backend;

    /** CPU threads ({@link CpuThreads}); other backends run only in the row with all cores. */
    @Param({"1", "2"})
    public int threads;

    /** Training images per measured call, a multiple of the batch. */
    @Param({"6400"})
    public int images;

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
        data = BenchmarkMnist.training().head(images);
        start = Network.initialize(ANCHOR, 42);
        trainer = Trainer.builder().backend(backend).optimizer(Optimizer.adam()).learningRate(1e-3).batchSize(128)
                .epochs(1).seed(42).build();
    }

    /**
     * One pass over the images.
     *
     * @return the trained network
     */
    @Benchmark
    public Network train() {
        return trainer.train(start, data);
    }
}
