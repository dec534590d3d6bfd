package io.github.mnistnn.benchmarks;

import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.MnistIdxReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads the 60,000 training images and labels from the fetched IDX files.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar IdxParse
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IdxParse {
    private Path images;
    private Path labels;

    /** Finds the files, fetching them first if needed. */
    @Setup(Level.Trial)
    public void setUp() {
        images = BenchmarkMnist.idxFile("train-images-idx3-ubyte");
        labels = BenchmarkMnist.idxFile("train-labels-idx1-ubyte");
    }

    /**
     * Parses the two files.
     *
     * @return the data set
     */
    @Benchmark
    public Dataset readTrainingIdx() {
        try {
            return MnistIdxReader.read(images, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
