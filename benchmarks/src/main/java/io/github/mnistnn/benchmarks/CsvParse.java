package io.github.mnistnn.benchmarks;

import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.MnistCsvReader;
import io.github.mnistnn.data.MnistCsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads the 60,000-line training CSV (label then 784 pixels per line, about 109 MB), written once in
 * {@code @Setup} from the fetched IDX files.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CsvParse
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CsvParse {
    private Path csv;

    /** Writes the CSV to a temporary file. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Dataset training = BenchmarkMnist.training();
        csv = Files.createTempFile("mnist-train-", ".csv");
        MnistCsvWriter.write(training, csv);
    }

    /**
     * Parses the file.
     *
     * @return the data set
     */
    @Benchmark
    public Dataset readTrainingCsv() {
        try {
            return MnistCsvReader.read(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temporary file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
    }
}
