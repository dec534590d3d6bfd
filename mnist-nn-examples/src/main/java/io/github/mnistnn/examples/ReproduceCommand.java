package io.github.mnistnn.examples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code reproduce RECIPE} subcommand: runs one {@link PublishedRecipe} on the full MNIST through
 * {@link Reproduction} and compares its test accuracy with what was published. The recipe's epochs and
 * {@code results/RECIPE} are the defaults of {@code --epochs} and {@code --out}.
 *
 * <pre>{@code
 * java -jar mnist-nn-examples.jar reproduce pytorch-portfolio --epochs 1 --out /tmp/pytorch
 * }</pre>
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        sortOptions = false,
        description = {"Trains a published recipe on the full MNIST and compares its accuracy with the published one.",
            "Runs on all 10 classes, prints the test accuracy beside the published figure and the recipe's floor, "
                + "and writes history.csv, curves.png, confusion.png, misclassified.png and model.mnn in the output "
                + "directory, which is checked, with the backend, before any data is loaded."},
        descriptionHeading = "%n", parameterListHeading = "%nArguments:%n", optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the recipe reached its floor", "1:it did not, or the run failed", "2:bad options"})
final class ReproduceCommand implements Callable<Integer> {
    private final Invocation invocation;
    private PublishedRecipe recipe;
    private Integer epochs;
    private long seed = 1;
    private Path outputDirectory;
    private String backend = "cpu";

    /**
     * Creates the command.
     *
     * @param invocation where it prints and gets the full MNIST
     */
    ReproduceCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /** The recipes' ids, for the help and the message when none is named. */
    static final class RecipeIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(PublishedRecipe.values()).map(PublishedRecipe::id).iterator();
        }
    }

    @Parameters(index = "0", paramLabel = "RECIPE", completionCandidates = RecipeIds.class,
            description = "the published result: ${COMPLETION-CANDIDATES}")
    private void recipe(String id) throws UsageException {
        recipe = PublishedRecipe.byId(id);
    }

    @Option(names = "--epochs", order = 1, paramLabel = "N", description = "epochs, at least 1 (the recipe's)")
    private void epochs(String value) throws UsageException {
        epochs = OptionValues.positiveInt("--epochs", value);
    }

    @Option(names = "--seed", order = 2, paramLabel = "N",
            description = "seed of the weights, the shuffling and any split (1)")
    private void seed(String value) throws UsageException {
        seed = OptionValues.wholeNumber("--seed", value);
    }

    @Option(names = "--out", order = 3, paramLabel = "DIR", description = "output directory (results/RECIPE)")
    private void outputDirectory(String value) throws UsageException {
        outputDirectory = OptionValues.directory("--out", value);
    }

    @Option(names = "--backend", order = 4, paramLabel = "NAME", description = "cpu, cpu-float32 or opencl (cpu)")
    private void backend(String value) {
        backend = value;
    }

    /**
     * Runs the recipe.
     *
     * @return 0 when its floor was reached, 1 when not or on failure, 2 on an unwritable output directory or an
     *         unknown backend
     */
    @Override
    public Integer call() {
        NetworkFootprint footprint = null;
        int copies = 0;
        try {
            copies = NetworkFootprint.trainingCopies(recipe.optimizer());
            footprint = NetworkFootprint.of(recipe.spec());
            return Reproduction.reproduce(recipe, epochs == null ? recipe.epochs() : epochs, seed,
                    outputDirectory == null ? Path.of("results", recipe.id()) : outputDirectory, backend,
                    invocation);
        } catch (Throwable e) {
            return CommandFailure.report(e, invocation.err(), footprint, copies);
        }
    }
}
