package io.github.mnistnn.examples;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.spi.MatrixShapes;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reference experiment's settings, from the command line. The defaults are the reference's own:
 * 784-64-32-16-5, digits 0, 1, 2, 3 and "none", online learning with CB at lr 0.01.
 *
 * <pre>{@code
 * ExperimentOptions o = ExperimentOptions.parse("--rule", "UHB", "--lr", "0.001", "--epochs", "200");
 * }</pre>
 *
 * @param rule the backprop rule
 * @param learningRate the learning rate
 * @param epochs the number of epochs
 * @param hidden the three hidden widths
 * @param digits the digits given their own class (the rest are "none")
 * @param data which data set
 * @param seed the seed
 * @param outputDirectory where the history and plots go
 * @param backend the backend's name
 * @param batchSize samples per update (1 is online, the reference's mode)
 */
public record ExperimentOptions(BackpropRule rule, double learningRate, int epochs, int[] hidden, int[] digits,
        DataChoice data, long seed, Path outputDirectory, String backend, int batchSize) {

    /** The data sets the experiment can run on. */
    public enum DataChoice {
        /** The reference's shipped set: the first 100 training and 10 test images. */
        SMALL,
        /** The shipped stratified subset: 1,000 training and 200 test images. */
        SUBSET,
        /** The full 60,000 / 10,000 images, fetched on first use. */
        FULL
    }

    /** The options that take a value. */
    private static final List<String> OPTIONS = List.of("--rule", "--lr", "--epochs", "--hidden", "--digits", "--data",
            "--seed", "--out", "--backend", "--batch");

    /** The text {@code --help} prints. */
    public static final String USAGE = String.join("\n",
            "Usage: java -jar mnist-nn-examples.jar [options]",
            "       java -jar mnist-nn-examples.jar fetch      (download and verify the full MNIST, then exit)",
            "       java -jar mnist-nn-examples.jar reproduce RECIPE [--epochs N] [--seed N] [--out DIR] [--backend NAME]",
            "                (a published result, 10 classes; RECIPE: numpy-from-scratch, pytorch-portfolio,",
            "                numpy-with-features, keras-cnn, keras-cnn-augmented)",
            "",
            "Trains the reference network (784-H1-H2-H3-classes, sigmoid hidden layers, softmax output) on MNIST,",
            "one class per chosen digit plus 'none' for every other digit, and reports accuracy, a confusion",
            "matrix, per-class precision/recall/F1 and the most confidently misclassified test images, and",
            "writes history.csv, curves.png, confusion.png and misclassified.png.",
            "",
            "Options (defaults are the reference's):",
            "  --rule CB|UHB        backprop rule: calculus-based or unscaled heuristic (CB)",
            "  --lr X               learning rate, above 0 (0.01)",
            "  --epochs N           epochs, at least 1 (100)",
            "  --hidden A,B,C       the three hidden widths (64,32,16)",
            "  --digits a,b,c,d     1 to 9 distinct digits with their own class (0,1,2,3)",
            "  --data small|subset|full  shipped 100/10, shipped 1,000/200, or fetched 60,000/10,000 (full;",
            "                       falls back to subset, saying so, if the full set cannot be fetched)",
            "  --seed N             seed of the weights and the shuffling (1)",
            "  --out DIR            output directory (results)",
            "  --backend NAME       cpu or opencl (cpu)",
            "  --batch N            samples per update; 1 is online learning (1)",
            "  --help               this text",
            "",
            "The output directory and the backend are checked before any data is loaded. Exit status: 0 done,",
            "1 failed, 2 bad options; errors are one line on standard error (MNISTNN_DEBUG=1 adds the stack",
            "trace to an internal error).");

    /**
     * Parses command-line arguments.
     *
     * @param args the arguments
     * @return the options
     * @throws UsageException on an unknown option or a bad value, with a one-line message
     */
    public static ExperimentOptions parse(String... args) throws UsageException {
        BackpropRule rule = BackpropRule.CB;
        double lr = 0.01;
        int epochs = 100;
        int[] hidden = {64, 32, 16};
        int[] digits = {0, 1, 2, 3};
        DataChoice data = DataChoice.FULL;
        long seed = 1;
        Path out = Path.of("results");
        String backend = "cpu";
        int batch = 1;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = valueOf(args, i, OPTIONS);
            i++;
            switch (option) {
                case "--rule" -> rule = parseRule(value);
                case "--lr" -> lr = parsePositiveDouble(option, value);
                case "--epochs" -> epochs = parsePositiveInt(option, value);
                case "--hidden" -> hidden = parseList(option, value, 3, 3, 1, 100_000, false);
                case "--digits" -> digits = parseList(option, value, 1, 9, 0, 9, true);
                case "--data" -> data = parseData(value);
                case "--seed" -> seed = parseLong(option, value);
                case "--out" -> out = parsePath(option, value);
                case "--backend" -> backend = value;
                case "--batch" -> batch = parsePositiveInt(option, value);
                default -> throw new IllegalStateException("option " + option + " is listed but not read");
            }
        }
        requireArraysFit(hidden, digits.length + 1);
        return new ExperimentOptions(rule, lr, epochs, hidden, digits, data, seed, out, backend, batch);
    }

    /**
     * The value of the option at {@code args[i]}, after checking that it is one of {@code known} and that a
     * value follows it.
     *
     * @param args the arguments
     * @param i the option's index
     * @param known the options that take a value
     * @return the value, {@code args[i + 1]}
     * @throws UsageException if {@code args[i]} is not a known option, or no value follows it
     */
    static String valueOf(String[] args, int i, List<String> known) throws UsageException {
        String option = args[i];
        if (!option.startsWith("--")) {
            throw new UsageException("unexpected argument '" + option + "' (see --help)");
        }
        if (!known.contains(option)) {
            throw new UsageException("unknown option '" + option + "' (see --help)");
        }
        if (i + 1 >= args.length) {
            throw new UsageException(option + ": missing value (see --help)");
        }
        String value = args[i + 1];
        if (known.contains(value)) {
            throw new UsageException(option + ": missing value (got the option '" + value + "'; see --help)");
        }
        return value;
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

    static Path parsePath(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + ": expected a directory, got '" + value + "'");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": not a usable path '" + value + "': " + e.getReason());
        }
    }

    private static BackpropRule parseRule(String value) throws UsageException {
        try {
            return BackpropRule.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--rule: expected CB or UHB, got '" + value + "'");
        }
    }

    private static DataChoice parseData(String value) throws UsageException {
        try {
            return DataChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data: expected small, subset or full, got '" + value + "'");
        }
    }

    private static double parsePositiveDouble(String option, String value) throws UsageException {
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + ": expected a number above 0, got '" + value + "'");
    }

    static int parsePositiveInt(String option, String value) throws UsageException {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + ": expected a whole number of at least 1, got '" + value + "'");
    }

    static long parseLong(String option, String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected a whole number, got '" + value + "'");
        }
    }

    private static int[] parseList(String option, String value, int min, int max, int low, int high,
            boolean distinct) throws UsageException {
        String[] parts = value.split(",", -1);
        String expected = option + ": expected " + (min == max ? min : min + " to " + max) + " comma-separated "
                + (distinct ? "distinct " : "") + "whole numbers in " + low + ".." + high + ", got '" + value + "'";
        if (parts.length < min || parts.length > max) {
            throw new UsageException(expected);
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException(expected);
            }
            if (out[i] < low || out[i] > high) {
                throw new UsageException(expected);
            }
        }
        if (distinct && Arrays.stream(out).distinct().count() != out.length) {
            throw new UsageException(expected);
        }
        return out;
    }

    /**
     * The network's shape as text, such as {@code 784-64-32-16-5}.
     *
     * @return the shape
     */
    public String shape() {
        return "784-" + hidden[0] + "-" + hidden[1] + "-" + hidden[2] + "-" + (digits.length + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExperimentOptions other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "rule " + rule + ", lr " + learningRate + ", epochs " + epochs + ", network " + shape() + ", digits "
                + Arrays.toString(digits) + ", data " + data.name().toLowerCase(Locale.ROOT) + ", seed " + seed
                + ", batch " + batchSize + ", backend " + backend;
    }
}
