package io.github.mnistnn.examples;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.NetworkSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The reference experiment's settings, from the command line. The defaults are the reference's own:
 * 784-64-32-16-5, digits 0, 1, 2, 3 and "none", online learning with CB at lr 0.01, 100 epochs on the full MNIST;
 * {@code --help} lists the options.
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

    /**
     * Reads the options as the command line does ({@code --opt value} or {@code --opt=value}), without running
     * anything; an option not given keeps the reference's default.
     *
     * @param args the arguments
     * @return the options
     * @throws UsageException on an unknown option, a missing or bad value, or hidden widths too large, with a
     *         one-line message naming the option
     */
    public static ExperimentOptions parse(String... args) throws UsageException {
        return ExperimentCommand.parse(args);
    }

    /**
     * The reference network with these hidden widths and classes: sigmoid hidden layers, a softmax output.
     *
     * @return the network's description
     */
    public NetworkSpec spec() {
        return NetworkSpec.builder(784).layer(hidden[0], Activation.SIGMOID).layer(hidden[1], Activation.SIGMOID)
                .layer(hidden[2], Activation.SIGMOID).layer(digits.length + 1, Activation.SOFTMAX).build();
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
