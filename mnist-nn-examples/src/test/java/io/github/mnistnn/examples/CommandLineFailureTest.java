package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.mnistnn.data.MnistCsvReader;
import io.github.mnistnn.data.TrainAndTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line does when something fails: a bad output directory or backend is refused before any data
 * is loaded, and every failure is one line on standard error, never a stack trace. The full MNIST comes from a
 * stand-in that records whether it was asked for; nothing is fetched.
 */
class CommandLineFailureTest {
    @TempDir
    Path dir;

    /** One run's exit status and what it printed. */
    private record Result(int status, String out, String err) {
    }

    /** A stand-in for the full MNIST that records each load and then does what it is told. */
    private static final class RecordingMnist implements FullMnist {
        final List<String> loads = new ArrayList<>();
        private final FullMnist then;

        RecordingMnist(FullMnist then) {
            this.then = then;
        }

        @Override
        public TrainAndTest load() throws IOException {
            loads.add("full MNIST loaded");
            return then.load();
        }
    }

    private static RecordingMnist failing(Throwable failure) {
        return new RecordingMnist(() -> {
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) failure;
        });
    }

    private static Result run(FullMnist full, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReferenceExperiment.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, full);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineWithoutTrace(Result r) {
        assertThat(r.err()).as(r.err()).startsWith("mnist-nn: ").hasLineCount(1).doesNotContain("\tat ")
                .doesNotContain("Exception in thread");
        assertThat(r.err().strip()).doesNotEndWith("null").doesNotEndWith("(null)").doesNotContain(": null");
    }

    private Path underARegularFile() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        return file.resolve("results");
    }

    @Test
    void anUnwritableOutputDirectoryIsRefusedBeforeAnyDataIsLoaded() throws IOException {
        Path out = underARegularFile();
        RecordingMnist full = failing(new AssertionError("not to be loaded"));
        Result r = run(full, "--data", "full", "--epochs", "100", "--out", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).isEqualTo("mnist-nn: --out: cannot write results in '" + out + "': "
                + dir.resolve("a-file").toAbsolutePath() + " is a file, not a directory" + System.lineSeparator());
        assertThat(r.out()).as("nothing trained").isEmpty();
        assertThat(full.loads).isEmpty();
    }

    @Test
    void reproduceRefusesAnUnwritableOutputDirectoryBeforeAnyDataIsLoaded() throws IOException {
        Path out = underARegularFile();
        RecordingMnist full = failing(new AssertionError("not to be loaded"));
        Result r = run(full, "reproduce", "pytorch-portfolio", "--out", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).contains("--out", "'" + out + "'");
        assertThat(r.out()).isEmpty();
        assertThat(full.loads).isEmpty();
    }

    @Test
    void theWriteCheckLeavesNothingBehind() throws IOException, UsageException {
        Path out = dir.resolve("new").resolve("results");
        assertThat(OutputDirectory.prepare("--out", out)).isEqualTo(out);
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnknownBackendIsRefusedBeforeAnyDataIsLoaded() {
        RecordingMnist full = failing(new AssertionError("not to be loaded"));
        Result r = run(full, "--data", "full", "--backend", "tpu", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).startsWith("mnist-nn: --backend: no backend named 'tpu'; available: ").contains("cpu");
        assertThat(r.out()).isEmpty();
        assertThat(full.loads).isEmpty();
        Result reproduce = run(full, "reproduce", "numpy-from-scratch", "--backend", "tpu", "--out", dir.toString());
        assertThat(reproduce.status()).isEqualTo(2);
        assertThat(reproduce.err()).startsWith("mnist-nn: --backend: no backend named 'tpu'");
        assertThat(full.loads).isEmpty();
    }

    @Test
    void theFallbackToTheSubsetIsNotedOnStandardError() {
        RecordingMnist full = failing(new IOException("no network here"));
        Result r = run(full, "--data", "full", "--epochs", "1", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(full.loads).hasSize(1);
        assertThat(r.err()).isEqualTo("mnist-nn: full MNIST unavailable (no network here); running on the shipped "
                + "1,000/200 subset" + System.lineSeparator());
        assertThat(r.out()).doesNotContain("unavailable").contains("1000 training and 200 test images");
    }

    @Test
    void theFallbackNoteSaysWhatFailedWhenTheFailureHasNoMessage() {
        Result r = run(failing(new IOException()), "--data", "full", "--epochs", "1", "--out", dir.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).startsWith("mnist-nn: full MNIST unavailable (IOException); running on")
                .doesNotContain("null");
    }

    @Test
    void badDataIsOneLineNamingTheFile() throws IOException {
        Path csv = Files.writeString(dir.resolve("mnist_train.csv"), "5" + ",0".repeat(783) + "\n");
        RecordingMnist full = new RecordingMnist(() -> {
            MnistCsvReader.read(csv);
            throw new AssertionError("the file is broken");
        });
        Result r = run(full, "reproduce", "pytorch-portfolio", "--out", dir.resolve("out").toString());
        assertThat(r.status()).isEqualTo(1);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).startsWith("mnist-nn: error: ").contains("mnist_train.csv");
    }

    @Test
    void runningOutOfMemorySaysWhatTheNetworkNeedsAndWhichHeapToTry() {
        Result r = run(failing(new OutOfMemoryError("Java heap space")), "reproduce", "pytorch-portfolio", "--out",
                dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertOneLineWithoutTrace(r);
        // 784*512+512 + 512*256+256 + 256*10+10 parameters; AdamW keeps two state arrays besides.
        assertThat(r.err()).startsWith("mnist-nn: error: out of memory: network 784-512-256-10 has 535,818 "
                + "parameters; training keeps 5 copies").contains("about 20.4 MB").containsPattern("try java -Xmx\\d+g -jar");
    }

    @Test
    void anUnexpectedFailureIsOneLineWithItsClassAndWhereToReportIt() {
        assumeFalse("1".equals(System.getenv(CommandFailure.DEBUG_VARIABLE)), "stack traces asked for");
        Result r = run(failing(new UnsupportedOperationException("not yet")), "reproduce", "pytorch-portfolio",
                "--out", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).startsWith("mnist-nn: internal error: java.lang.UnsupportedOperationException: not yet "
                + "(please report this").contains(CommandFailure.ISSUES, CommandFailure.DEBUG_VARIABLE + "=1");
    }

    @Test
    void aFailureWithoutAMessageDoesNotEndInNull() {
        Result r = run(failing(new IOException((String) null)), "reproduce", "pytorch-portfolio", "--out",
                dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).isEqualTo("mnist-nn: error: IOException" + System.lineSeparator());
        Result npe = run(failing(new NullPointerException()), "reproduce", "pytorch-portfolio", "--out",
                dir.toString());
        assertOneLineWithoutTrace(npe);
        assertThat(npe.err()).startsWith("mnist-nn: internal error: java.lang.NullPointerException (please report");
    }

    @Test
    void aNetworkTooLargeForOneArrayIsABadOption() {
        Result r = run(failing(new AssertionError("not to be loaded")), "--hidden", "65536,65536,16");
        assertThat(r.status()).isEqualTo(2);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).startsWith("mnist-nn: --hidden: 65536,65536,16 makes layer 2 (65536 x 65536 = "
                + "4,294,967,296 weights), more than one Java array holds");
    }
}
