package io.github.mnistnn.examples;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.spi.MatrixShapes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

/**
 * The command line's top command: its options are the reference experiment's settings, and without a subcommand
 * it runs that experiment ({@link ReferenceExperiment}); {@code fetch}, {@code reproduce} and {@code help} are its
 * subcommands. Each option's value is read by {@link OptionValues} as it is parsed, so a bad one is refused,
 * naming the option, before anything runs.
 *
 * <pre>{@code
 * int status = ExperimentCommand.commandLine(invocation).execute("--data", "subset", "--epochs=20");
 * }</pre>
 */
@Command(name = "java -jar mnist-nn-examples.jar", mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class, sortOptions = false, abbreviateSynopsis = true,
        description = {"Trains the reference network (784-H1-H2-H3-classes, sigmoid hidden layers, softmax "
                + "output) on MNIST, one class per chosen digit plus 'none' for every other digit, and reports "
                + "accuracy, a confusion matrix, per-class precision/recall/F1 and the most confidently "
                + "misclassified test images, and writes history.csv, curves.png, confusion.png and "
                + "misclassified.png, and the trained network as model.mnn.",
            "Options take their value as --opt VALUE or as --opt=VALUE."},
        descriptionHeading = "%n",
        optionListHeading = "%nOptions (defaults are the reference's):%n",
        commandListHeading = "%nCommands (each has its own --help):%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed (reproduce: also when the recipe did not reach its floor)",
            "2:bad options"},
        footer = {"%nThe output directory and the backend are checked before any data is loaded. Errors are one "
                + "line on standard error (" + CommandFailure.DEBUG_VARIABLE + "=1 adds the stack trace to an "
                + "internal error)."})
final class ExperimentCommand implements Callable<Integer> {
    private final Invocation invocation;
    private BackpropRule rule;
    private double learningRate;
    private int epochs;
    private int[] hidden;
    private int[] digits;
    private ExperimentOptions.DataChoice data;
    private long seed;
    private Path outputDirectory;
    private String backend;
    private int batchSize;

    /**
     * Creates the command.
     *
     * @param invocation where it prints and gets the full MNIST; {@code null} if it is only parsed
     */
    ExperimentCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /**
     * The whole command line: this command, its subcommands, and how it reports help, bad options and failures.
     *
     * @param invocation where it prints and gets the full MNIST
     * @return ready to {@link CommandLine#execute execute}; its exit status is 0 done, 1 failed, 2 bad options
     */
    static CommandLine commandLine(Invocation invocation) {
        CommandLine line = new CommandLine(new ExperimentCommand(invocation))
                .addSubcommand(new FetchCommand(invocation))
                .addSubcommand(new ReproduceCommand(invocation))
                .addSubcommand(new ServeCommand(invocation))
                .addSubcommand(new CommandLine.HelpCommand());
        // Each setting below reaches the subcommands added above.
        line.setOverwrittenOptionsAllowed(true);
        line.setOut(new PrintWriter(invocation.out(), true));
        line.setErr(new PrintWriter(invocation.err(), true));
        line.setColorScheme(CommandLine.Help.defaultColorScheme(invocation.terminal() ? Ansi.AUTO : Ansi.OFF));
        line.setParameterExceptionHandler((e, args) -> CommandFailure.reportBadOptions(e, invocation.err()));
        line.setExecutionExceptionHandler((e, command, parsed) -> CommandFailure.report(e, invocation.err(), null, 0));
        return line;
    }

    /**
     * Reads the reference experiment's options without running anything.
     *
     * @param args the options
     * @return the settings
     * @throws UsageException on an unknown option, a missing or bad value, or hidden widths too large
     */
    static ExperimentOptions parse(String... args) throws UsageException {
        ExperimentCommand command = new ExperimentCommand(null);
        try {
            new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(CommandFailure.badOptions(e));
        }
        return command.options();
    }

    @Option(names = "--rule", order = 1, paramLabel = "CB|UHB", defaultValue = "CB",
            description = "backprop rule: calculus-based or unscaled heuristic (${DEFAULT-VALUE})")
    private void rule(String value) throws UsageException {
        rule = OptionValues.rule("--rule", value);
    }

    @Option(names = "--lr", order = 2, paramLabel = "X", defaultValue = "0.01",
            description = "learning rate, above 0 (${DEFAULT-VALUE})")
    private void learningRate(String value) throws UsageException {
        learningRate = OptionValues.positiveDouble("--lr", value);
    }

    @Option(names = "--epochs", order = 3, paramLabel = "N", defaultValue = "100",
            description = "epochs, at least 1 (${DEFAULT-VALUE})")
    private void epochs(String value) throws UsageException {
        epochs = OptionValues.positiveInt("--epochs", value);
    }

    @Option(names = "--hidden", order = 4, paramLabel = "A,B,C", defaultValue = "64,32,16",
            description = "the three hidden widths (${DEFAULT-VALUE})")
    private void hidden(String value) throws UsageException {
        hidden = OptionValues.list("--hidden", value, 3, 3, 1, 100_000, false);
    }

    @Option(names = "--digits", order = 5, paramLabel = "a,b,c,d", defaultValue = "0,1,2,3",
            description = "1 to 9 distinct digits with their own class (${DEFAULT-VALUE})")
    private void digits(String value) throws UsageException {
        digits = OptionValues.list("--digits", value, 1, 9, 0, 9, true);
    }

    @Option(names = "--data", order = 6, paramLabel = "small|subset|full", defaultValue = "full",
            description = "the shipped 100 training and 10 test images, the shipped 1,000 and 200, or the fetched "
                    + "60,000 and 10,000 (${DEFAULT-VALUE}; falls back to subset, saying so, if the full set "
                    + "cannot be fetched)")
    private void data(String value) throws UsageException {
        data = OptionValues.data("--data", value);
    }

    @Option(names = "--seed", order = 7, paramLabel = "N", defaultValue = "1",
            description = "seed of the weights and the shuffling (${DEFAULT-VALUE})")
    private void seed(String value) throws UsageException {
        seed = OptionValues.wholeNumber("--seed", value);
    }

    @Option(names = "--out", order = 8, paramLabel = "DIR", defaultValue = "results",
            description = "output directory (${DEFAULT-VALUE})")
    private void outputDirectory(String value) throws UsageException {
        outputDirectory = OptionValues.directory("--out", value);
    }

    @Option(names = "--backend", order = 9, paramLabel = "NAME", defaultValue = "cpu",
            description = "cpu, cpu-float32 or opencl (${DEFAULT-VALUE})")
    private void backend(String value) {
        backend = value;
    }

    @Option(names = "--batch", order = 10, paramLabel = "N", defaultValue = "1",
            description = "samples per update; 1 is online learning (${DEFAULT-VALUE})")
    private void batchSize(String value) throws UsageException {
        batchSize = OptionValues.positiveInt("--batch", value);
    }

    /**
     * Runs the reference experiment with the parsed options.
     *
     * @return 0 done, 1 failed, 2 bad options (hidden widths too large, an unwritable output directory, an
     *         unknown backend)
     */
    @Override
    public Integer call() {
        NetworkFootprint footprint = null;
        try {
            ExperimentOptions options = options();
            footprint = NetworkFootprint.of(options.spec());
            return ReferenceExperiment.experiment(options, footprint, invocation);
        } catch (Throwable e) {
            return CommandFailure.report(e, invocation.err(), footprint, ReferenceExperiment.COPIES);
        }
    }

    /** The parsed options, once the network they describe is known to fit Java's arrays. */
    private ExperimentOptions options() throws UsageException {
        requireArraysFit(hidden, digits.length + 1);
        return new ExperimentOptions(rule, learningRate, epochs, hidden.clone(), digits.clone(), data, seed,
                outputDirectory, backend, batchSize);
    }

    /** Refuses hidden widths whose weights cannot be held in one array, before the library has to. */
    private static void requireArraysFit(int[] hidden, int classes) throws UsageException {
        NetworkFootprint network = NetworkFootprint.of(784, hidden[0], hidden[1], hidden[2], classes);
        String tooLarge = network.layerTooLargeForOneArray();
        if (tooLarge != null) {
            throw new UsageException(String.format(Locale.ROOT, "--hidden: %d,%d,%d makes %s, more than one Java "
                    + "array holds (%,d); choose smaller widths", hidden[0], hidden[1], hidden[2], tooLarge,
                    MatrixShapes.MAX_ELEMENTS));
        }
    }
}
