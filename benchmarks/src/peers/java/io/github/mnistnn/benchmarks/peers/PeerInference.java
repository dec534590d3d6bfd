package io.github.mnistnn.benchmarks.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.github.mnistnn.benchmarks.BenchmarkMnist;
import io.github.mnistnn.benchmarks.Inference;
import io.github.mnistnn.data.Dataset;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link Inference}'s work on DJL's PyTorch engine (CPU): 784-512-256-10 (ReLU, softmax) over the 10,000 test
 * images, in images per second; batch 1 (one forward per image) or 1,000 (ten forwards of 1,000). Each forward
 * copies its images from the host into a tensor, runs the block without autograd (DJL keeps PyTorch's grad mode
 * off outside training) and copies the softmax outputs back to a Java array, as our {@code predictAll} returns
 * them. The weights are drawn once (seed 42), not trained: the time does not depend on their values.
 *
 * <pre>{@code
 * java -jar benchmarks/target/peers/benchmarks.jar PeerInference -p batch=1000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PeerInference {
    /** Images per call, as in {@link Inference}: the test images come in {@code 10,000 / IMAGES} calls. */
    static final int IMAGES = 10_000;

    /** Images per call. */
    @Param({"1", "1000"})
    public int batch;

    /** PyTorch's intra-op threads (one inter-op thread); the machine's cores are the most allowed. */
    @Param({"1", "2"})
    public int threads;

    /** {@code double}: float64 weights and images; {@code float32}: float32, PyTorch's usual precision. */
    @Param({"double", "float32"})
    public String precision;

    private Model model;
    private ParameterStore parameters;
    private NDManager manager;
    private float[][] floats;
    private double[][] doubles;
    private Shape shape;

    /** Opens the engine, loads the test images and draws the network. */
    @Setup(Level.Trial)
    public void setUp() {
        Engine engine = PyTorch.open(threads);
        DataType type = switch (precision) {
            case "double" -> DataType.FLOAT64;
            case "float32" -> DataType.FLOAT32;
            default -> throw new IllegalArgumentException("precision is double or float32, not " + precision);
        };
        if (IMAGES % batch != 0) {
            throw new IllegalArgumentException("batch " + batch + " does not divide " + IMAGES);
        }
        float[] pixels = PyTorch.pixels(BenchmarkMnist.test(), IMAGES);
        int calls = IMAGES / batch;
        int size = batch * Dataset.PIXELS;
        floats = new float[calls][];
        doubles = new double[calls][];
        for (int c = 0; c < calls; c++) {
            if (type == DataType.FLOAT32) {
                floats[c] = Arrays.copyOfRange(pixels, c * size, (c + 1) * size);
            } else {
                double[] d = new double[size];
                for (int i = 0; i < size; i++) {
                    d[i] = pixels[c * size + i];
                }
                doubles[c] = d;
            }
        }
        shape = new Shape(batch, Dataset.PIXELS);
        engine.setRandomSeed(42);
        model = Model.newInstance("peer-inference", Device.cpu(), engine.getEngineName());
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(512).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        model.setBlock(block);
        block.initialize(model.getNDManager(), type, shape);
        parameters = new ParameterStore(model.getNDManager(), false);
        manager = model.getNDManager().newSubManager();
    }

    /** Frees the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
        model.close();
    }

    /**
     * Classifies the 10,000 test images.
     *
     * @param sink keeps the outputs alive
     */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public void classifyTestSet(Blackhole sink) {
        for (int c = 0; c < IMAGES / batch; c++) {
            try (NDManager call = manager.newSubManager()) {
                NDArray input = floats[c] != null ? call.create(floats[c], shape) : call.create(doubles[c], shape);
                NDArray output = model.getBlock().forward(parameters, new NDList(input), false)
                        .singletonOrThrow().softmax(1);
                sink.consume(floats[c] != null ? output.toFloatArray() : output.toDoubleArray());
            }
        }
    }
}
