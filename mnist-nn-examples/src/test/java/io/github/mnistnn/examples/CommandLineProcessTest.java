package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as users start it (the README's launch line, with the Vector API kernels), in a JVM of its own
 * with a small heap: whatever goes wrong, running out of memory included, it prints one line and no stack trace.
 * The JVM's own notice of the incubator module, printed before {@code main} runs, is not the command's output.
 */
class CommandLineProcessTest {
    private static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path dir;

    /** One run's exit status and standard error. */
    private record Result(int status, String err) {
    }

    private Result main(String heap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ReferenceExperiment.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(CommandFailure.DEBUG_VARIABLE);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command line did not finish in 120 s: " + command);
        }
        String text = Files.readString(err, StandardCharsets.UTF_8);
        if (text.startsWith(INCUBATOR_NOTICE)) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        return new Result(process.exitValue(), text);
    }

    private static void assertOneLineWithoutTrace(Result r) {
        assertThat(r.err()).as(r.err()).startsWith("mnist-nn: ").hasLineCount(1).doesNotContain("\tat ")
                .doesNotContain("Exception in thread");
    }

    @Test
    void runningOutOfMemoryIsOneLineSayingWhatTheNetworkNeeds() throws IOException, InterruptedException {
        // 11.4 million parameters: two copies (183 MB) pass the check before training, but training needs more
        // than a 256 MB heap holds.
        Result r = main("256m", "--hidden", "3000,3000,16", "--data", "small", "--epochs", "1", "--out",
                dir.resolve("out").toString());
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).startsWith("mnist-nn: error: out of memory: network 784-3000-3000-16-5 has 11,406,101 "
                + "parameters").containsPattern("try java -Xmx\\d+g -jar");
    }

    @Test
    void aNetworkTooLargeForOneArrayIsOneLineAndStatusTwo() throws IOException, InterruptedException {
        Result r = main("256m", "--hidden", "65536,65536,16", "--data", "small");
        assertThat(r.status()).isEqualTo(2);
        assertOneLineWithoutTrace(r);
        assertThat(r.err()).contains("65536 x 65536 = 4,294,967,296 weights");
    }
}
