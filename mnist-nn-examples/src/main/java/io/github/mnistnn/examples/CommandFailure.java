package io.github.mnistnn.examples;

import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.data.MnistFetchException;
import io.github.mnistnn.spi.BackendUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the user sees when a command fails: one line on standard error and an exit status, never a stack trace
 * (unless {@value #DEBUG_VARIABLE}{@code =1} asks for one). Bad options exit with 2, with what the parser or
 * the option's check said (an unknown option also with the options it comes close to); a failure the library
 * explains (bad data, a diverged run, a missing backend, a file that cannot be written) with 1 and its
 * message; running out of memory with 1 and what the network needs; anything else with 1, its class and
 * where to report it.
 *
 * <pre>{@code
 * return CommandFailure.report(e, System.err, footprint, copies);
 * // or, for what the parser refused:
 * return CommandFailure.reportBadOptions(parameterException, System.err);
 * }</pre>
 */
final class CommandFailure {
    /** The environment variable that, set to {@code 1}, adds the stack trace to an unexpected failure. */
    static final String DEBUG_VARIABLE = "MNISTNN_DEBUG";

    /** Where unexpected failures should be reported. */
    static final String ISSUES = "https://github.com/mnistnn/mnist-nn/issues";

    private static final String PREFIX = "mnist-nn: ";

    private CommandFailure() {
    }

    /**
     * Reports a failure.
     *
     * @param failure what was thrown
     * @param err where the line goes
     * @param footprint the network being trained, for an {@link OutOfMemoryError}; {@code null} if not known
     * @param copies the copies of its parameters training keeps
     * @return the exit status: 2 for a {@link UsageException}, 1 otherwise
     */
    static int report(Throwable failure, PrintStream err, NetworkFootprint footprint, int copies) {
        if (failure instanceof UsageException) {
            err.println(PREFIX + oneLine(failure));
            return 2;
        }
        if (failure instanceof OutOfMemoryError) {
            err.println(PREFIX + outOfMemory(footprint, copies, Runtime.getRuntime().maxMemory()));
            return 1;
        }
        if (failure instanceof MnistFetchException) {
            // The later lines say which files to put where by hand: worth keeping.
            err.println(PREFIX + "error: " + describe(failure).strip());
            return 1;
        }
        if (isExplained(failure)) {
            err.println(PREFIX + "error: " + oneLine(failure));
            return 1;
        }
        String message = failure.getMessage() == null || failure.getMessage().isBlank() ? ""
                : ": " + oneLine(failure);
        err.println(PREFIX + "internal error: " + failure.getClass().getName() + message
                + " (please report this, with the command line, at " + ISSUES + "; set " + DEBUG_VARIABLE
                + "=1 for the stack trace)");
        if ("1".equals(System.getenv(DEBUG_VARIABLE))) {
            failure.printStackTrace(err);
        }
        return 1;
    }

    /**
     * Reports options the parser refused, or whose value an option's own check refused.
     *
     * @param failure what the parser threw
     * @param err where the line goes
     * @return the exit status: 2, or 1 if an option's check failed with something other than a
     *         {@link UsageException} (a bug, reported as {@link #report} does)
     */
    static int reportBadOptions(ParameterException failure, PrintStream err) {
        Throwable cause = failure.getCause();
        if (cause != null && !(cause instanceof UsageException) && !(cause instanceof CommandLine.PicocliException)) {
            return report(cause, err, null, 0);
        }
        err.println(PREFIX + badOptions(failure));
        return 2;
    }

    /**
     * What was wrong with the options, on one line: an option's own message as it is (it names the option and
     * the value), or else the parser's, with the options or commands an unknown one comes close to and where
     * the help is.
     *
     * @param failure what the parser threw
     * @return one line, such as {@code Unknown option: '--epoch' (possible solutions: --epochs); see --help}
     */
    static String badOptions(ParameterException failure) {
        if (failure.getCause() instanceof UsageException usage) {
            return oneLine(usage);
        }
        StringBuilder line = new StringBuilder(oneLine(failure).replaceAll("\\.$", ""));
        if (failure instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // UnmatchedArgumentException.printSuggestions's words, on this line, without the commands' prefix.
            List<String> near = unmatched.getSuggestions();
            line.append(unmatched.isUnknownOption() ? " (possible solutions: " + String.join(", ", near) + ")"
                    : " (did you mean: " + String.join(" or ", near) + "?)");
        }
        if (failure instanceof CommandLine.MissingParameterException missing) {
            for (ArgSpec arg : missing.getMissing()) {
                if (arg.completionCandidates() != null) {
                    List<String> candidates = new ArrayList<>();
                    arg.completionCandidates().forEach(candidates::add);
                    line.append(" (one of ").append(String.join(", ", candidates)).append(')');
                }
            }
        }
        CommandLine command = failure.getCommandLine();
        String help = command == null || command.getParent() == null ? "--help"
                : command.getCommandName() + " --help";
        return line.append("; see ").append(help).toString();
    }

    /** Failures whose message is written for the user by the library or the JDK. */
    private static boolean isExplained(Throwable failure) {
        return failure instanceof IOException || failure instanceof UncheckedIOException
                || failure instanceof TrainingDivergedException || failure instanceof BackendUnavailableException
                || failure instanceof IllegalArgumentException || failure instanceof IllegalStateException;
    }

    /**
     * The message for running out of memory while training a network.
     *
     * @param footprint the network, or {@code null} if not known
     * @param copies the copies of its parameters training keeps
     * @param maxHeap the heap's limit in bytes
     * @return one line
     */
    static String outOfMemory(NetworkFootprint footprint, int copies, long maxHeap) {
        String heap = "the Java heap (at most " + NetworkFootprint.size(maxHeap) + ")";
        if (footprint == null) {
            return "error: out of memory: " + heap + " is too small; run java with a larger -Xmx";
        }
        return "error: out of memory: " + footprint.describe(copies) + ", plus the data and working memory, and "
                + heap + " is too small; try java " + footprint.heapToTry(copies, maxHeap)
                + " -jar ..., or a smaller network";
    }

    /**
     * A failure's message on one line: its first line, or, without a message, what kind of failure it was.
     *
     * @param failure the failure
     * @return never {@code null} or empty
     */
    static String oneLine(Throwable failure) {
        return describe(failure).lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse(failure.getClass().getSimpleName());
    }

    /**
     * A failure's message, made whole where the JDK leaves parts out (a file-system exception's message is
     * sometimes only the path).
     */
    private static String describe(Throwable failure) {
        if (failure instanceof UncheckedIOException && failure.getCause() != null) {
            return describe(failure.getCause());
        }
        if (failure instanceof FileSystemException fs && fs.getReason() == null && fs.getFile() != null) {
            String what = failure instanceof NoSuchFileException ? "no such file or directory"
                    : failure instanceof AccessDeniedException ? "permission denied"
                    : failure instanceof FileAlreadyExistsException ? "exists already (and is not a directory)"
                    : failure instanceof NotDirectoryException ? "not a directory"
                    : failure.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + what;
        }
        if (failure instanceof InvalidPathException ip) {
            return "not a usable path '" + ip.getInput() + "': " + ip.getReason();
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = failure.getCause();
            return cause != null && cause != failure ? describe(cause) : failure.getClass().getSimpleName();
        }
        return message;
    }
}
