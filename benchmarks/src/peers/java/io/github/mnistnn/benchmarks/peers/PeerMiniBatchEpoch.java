package io.github.mnistnn.benchmarks.peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.mnistnn.benchmarks.BenchmarkMnist;
import io.github.mnistnn.benchmarks.MiniBatchEpoch;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MiniBatchEpoch}'s work on DJL's PyTorch engine (float32, CPU): 784-512-256-10, ReLU, softmax
 * cross-entropy, plain SGD at learning rate 0.05, batch 128 (the last batch shorter), one epoch over the first
 * {@code images} of the 60,000 training images, shuffled. Each measured call trains a freshly initialised model
 * (built in a per-call setup, as our benchmark starts each call from the same initial network); the host-to-tensor
 * copy of every batch is timed, as our upload is.
 *
 * <pre>{@code
 * java -jar benchmarks/target/peers/benchmarks.jar PeerMiniBatchEpoch -p threads=1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PeerMiniBatchEpoch {
    /** PyTorch's intra-op threads (one inter-op thread); the machine's cores are the most allowed. */
    @Param({"1", "2"})
    public int threads;

    /** Training images per measured call (all 60,000 by default; an epoch is 60,000 / images times as long). */
    @Param({"60000"})
    public int images;

    private Engine engine;
    private float[] x;
    private long[] y;
    private PeerTraining run;

    /** Opens the engine and loads the data. */
    @Setup(Level.Trial)
    public void setUp() {
        engine = PyTorch.open(threads);
        Dataset data = BenchmarkMnist.training();
        x = PyTorch.pixels(data, images);
        y = PyTorch.labels(data, images);
    }

    /** A freshly initialised model and trainer for the next call. */
    @Setup(Level.Invocation)
    public void newModel() {
        engine.setRandomSeed(42);
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(512).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build();
        run = new PeerTraining(engine, block, sgd, new Shape(Dataset.PIXELS), 128);
    }

    /** Frees the call's model. */
    @TearDown(Level.Invocation)
    public void closeModel() {
        run.close();
    }

    /**
     * One epoch.
     *
     * @return the last batch's loss
     */
    @Benchmark
    public float trainOneEpoch() {
        return run.pass(x, y, images, 42);
    }
}
