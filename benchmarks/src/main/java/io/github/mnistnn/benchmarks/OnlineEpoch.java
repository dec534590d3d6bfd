package io.github.mnistnn.benchmarks;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.FusedOnlineTraining;
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
 * One epoch of the reference experiment: 784-64-32-16-5 (sigmoid, softmax), digits 0-3 plus "none", online
 * (batch 1), learning rate 0.01, all 60,000 training images. The reference documents about 35 s per epoch on
 * a CPU (i7-9700K, NumPy) and about 3 s on a GPU (RTX 2080 Ti, CuPy).
 *
 * <p>{@code epoch_deviceResident} times exactly what the trainer does per online epoch (the fused call over
 * every sample, metrics reset and read back) with data and weights already on the device;
 * {@code trainOneEpoch_withTransfer} times {@link Trainer#train} for one epoch, upload of the 60,000 images
 * and download of the weights included.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar OnlineEpoch -p backend=cpu -p rule=CB
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class OnlineEpoch {
    /**
     * The backend's provider name: {@code cpu} (EJML and pure Java, double), {@code cpu-float32} (pure Java in
     * float) or {@code opencl} (float32, first device).
     */
    @Param({"cpu", "cpu-float32", "opencl"})
    public String backend;

    /** The backprop rule. */
    @Param({"CB", "UHB"})
    public BackpropRule rule;

    private static final double LEARNING_RATE = 0.01;

    private Dataset data;
    private Network start;
    private Trainer trainer;
    private Backend device;
    private FusedOnlineTraining fused;
    private DeviceNetwork resident;
    private final double[] metrics = new double[Backend.METRIC_COUNT];
    private static final double[] METRICS_RESET = {0, 0, -1};

    /** Loads the data, opens the backend and uploads everything once. */
    @Setup(Level.Trial)
    public void setUp() {
        data = BenchmarkMnist.training().digitTask(0, 1, 2, 3);
        start = Network.initialize(NetworkSpec.reference(5), 42);
        trainer = Trainer.builder().backend(backend).rule(rule).learningRate(LEARNING_RATE).epochs(1).seed(42)
                .build();
        device = BackendAvailability.open(backend);
        if (!(device instanceof FusedOnlineTraining)) {
            device.close();
            throw new IllegalStateException("backend '" + backend + "' has no fused online path to time");
        }
        fused = (FusedOnlineTraining) device;
        resident = new DeviceNetwork(device, start, data);
    }

    /** Every measured epoch starts from the same weights. */
    @Setup(Level.Iteration)
    public void resetWeights() {
        resident.resetWeights();
    }

    /**
     * One online epoch on device-resident data.
     *
     * @return the epoch's summed loss
     */
    @Benchmark
    public double epoch_deviceResident() {
        device.upload(METRICS_RESET, 0, resident.metrics);
        fused.trainOnline(rule, Loss.SOFTMAX_CROSS_ENTROPY, LEARNING_RATE, resident.activations,
                resident.weights, resident.biases, resident.x, resident.y, resident.order, 0, data.size(),
                resident.metrics);
        device.download(resident.metrics, metrics);
        return metrics[Backend.METRIC_LOSS];
    }

    /**
     * {@link Trainer#train} for one epoch: uploads, trains, downloads.
     *
     * @return the trained network
     */
    @Benchmark
    public Network trainOneEpoch_withTransfer() {
        return trainer.train(start, data);
    }

    /** Releases the device. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (resident != null) {
            resident.close();
        }
        if (device != null) {
            device.close();
        }
    }
}
