package io.github.mnistnn.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory a run writes its results in, checked before any data is loaded: it is created if missing, and a
 * probe file is written in it and deleted again, so a directory that cannot be written is refused at once
 * instead of after hours of training.
 *
 * <pre>{@code
 * Path dir = OutputDirectory.prepare("--out", Path.of("results"));
 * }</pre>
 */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /**
     * Creates the directory and checks that a file can be written in it.
     *
     * @param option the option that named it, for the message
     * @param dir the directory
     * @return {@code dir}
     * @throws UsageException if it cannot be created or written, naming the option, the path and why
     */
    static Path prepare(String option, Path dir) throws UsageException {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".mnist-nn-write-check", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new UsageException(option + ": cannot write results in '" + dir + "': " + why(dir, e));
        }
    }

    /** Why: a file where a directory should be, said as such, or else what the file system said. */
    private static String why(Path dir, Exception e) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? CommandFailure.oneLine(e) : p + " is a file, not a directory";
            }
        }
        return CommandFailure.oneLine(e);
    }
}
