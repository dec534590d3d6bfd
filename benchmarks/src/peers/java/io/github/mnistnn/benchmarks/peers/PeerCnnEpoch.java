package io.github.mnistnn.benchmarks.peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.mnistnn.benchmarks.BenchmarkMnist;
import io.github.mnistnn.benchmarks.CnnEpoch;
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
 * {@link CnnEpoch}'s anchor CNN on DJL's PyTorch engine (float32, CPU, NCHW): 1x28x28, three blocks of [conv 3x3
 * padding 1 (32, 64, 128 filters), ReLU, 2x2 max-pool stride 2 (floor: 28, 14, 7, 3), dropout 0.25], flatten 1152,
 * dense 10, softmax cross-entropy, Adam (lr 1e-3, beta 0.9 / 0.999, epsilon 1e-8), batch 128, one pass over the
 * first {@code images} training images, shuffled. Each measured call trains a freshly initialised model; the
 * host-to-tensor copy of every batch is timed.
 *
 * <pre>{@code
 * java -jar benchmarks/target/peers/benchmarks.jar PeerCnnEpoch -p threads=1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PeerCnnEpoch {
    /** PyTorch's intra-op threads (one inter-op thread); the machine's cores are the most allowed. */
    @Param({"1", "2"})
    public int threads;

    /** Training images per measured call (an epoch is 60,000 / images times as long). */
    @Param({"6400"})
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
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {32, 64, 128}) {
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(filters).build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                    .add(Dropout.builder().optRate(0.25f).build());
        }
        block.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        run = new PeerTraining(engine, block, adam, new Shape(1, Dataset.IMAGE_SIDE, Dataset.IMAGE_SIDE), 128);
    }

    /** Frees the call's model. */
    @TearDown(Level.Invocation)
    public void closeModel() {
        run.close();
    }

    /**
     * One pass over the images.
     *
     * @return the last batch's loss
     */
    @Benchmark
    public float train() {
        return run.pass(x, y, images, 42);
    }
}
