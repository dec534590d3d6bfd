package io.github.mnistnn.benchmarks;

import io.github.mnistnn.DeviceClassifier;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.spi.Backend;
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
 * Inference of 784-512-256-10 (ReLU, softmax) over the 10,000 test images on a backend, through
 * {@link DeviceClassifier}: the weights uploaded once in {@code @Setup}, each call uploading its images,
 * running every layer on the device and downloading the outputs. Batch 1 calls {@code predictAll} per image,
 * batch 1,000 on ten slices of 1,000. Score = images/s, transfers included.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar DeviceInference -p backend=opencl -p batch=1000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class DeviceInference {
    /** The backend's provider name: {@code cpu} (EJML and pure Java) or {@code opencl} (float32, first device). */
    @Param({"cpu", "opencl"})
    public String backend;

    /** Images per call. */
    @Param({"1", "1000"})
    public int batch;

    private Backend device;
    private DeviceClassifier classifier;
    private LabeledData[] slices;

    /** Loads the test images, draws the network and uploads it. */
    @Setup(Level.Trial)
    public void setUp() {
        Network network = InferenceWork.network();
        slices = InferenceWork.slices(batch);
        device = BackendAvailability.open(backend);
        classifier = DeviceClassifier.on(device, network);
    }

    /** Frees the device memory and closes the backend. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (classifier != null) {
            classifier.close();
        }
        if (device != null) {
            device.close();
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
        for (LabeledData slice : slices) {
            sink.consume(classifier.predictAll(slice));
        }
    }
}
