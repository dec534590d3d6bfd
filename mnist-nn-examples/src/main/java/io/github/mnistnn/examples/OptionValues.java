package io.github.mnistnn.examples;

import io.github.mnistnn.BackpropRule;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads the values of command-line options from their text. Every refusal is a {@link UsageException} whose
 * one-line message names the option, what it expects and the value it got.
 *
 * <pre>{@code
 * int epochs = OptionValues.positiveInt("--epochs", "20");
 * // OptionValues.positiveDouble("--lr", "fast") throws "--lr: expected a number above 0, got 'fast'"
 * }</pre>
 */
final class OptionValues {
    private OptionValues() {
    }

    /**
     * A backprop rule, in any case.
     *
     * @param option the option, for the message
     * @param value {@code CB} or {@code UHB}
     * @return the rule
     * @throws UsageException for any other value
     */
    static BackpropRule rule(String option, String value) throws UsageException {
        try {
            return BackpropRule.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": expected CB or UHB, got '" + value + "'");
        }
    }

    /**
     * A data set, in any case.
     *
     * @param option the option, for the message
     * @param value {@code small}, {@code subset} or {@code full}
     * @return the data set
     * @throws UsageException for any other value
     */
    static ExperimentOptions.DataChoice data(String option, String value) throws UsageException {
        try {
            return ExperimentOptions.DataChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": expected small, subset or full, got '" + value + "'");
        }
    }

    /**
     * A finite number above 0.
     *
     * @param option the option, for the message
     * @param value the text
     * @return the number
     * @throws UsageException if it is not a number, not finite or not above 0
     */
    static double positiveDouble(String option, String value) throws UsageException {
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

    /**
     * A whole number of at least 1 that fits an {@code int}.
     *
     * @param option the option, for the message
     * @param value the text
     * @return the number
     * @throws UsageException otherwise
     */
    static int positiveInt(String option, String value) throws UsageException {
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

    /**
     * A whole number that fits a {@code long}, negative ones included.
     *
     * @param option the option, for the message
     * @param value the text
     * @return the number
     * @throws UsageException otherwise
     */
    static long wholeNumber(String option, String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected a whole number, got '" + value + "'");
        }
    }

    /**
     * A directory's path; whether it can be written is checked later, by {@link OutputDirectory}.
     *
     * @param option the option, for the message
     * @param value the text
     * @return the path
     * @throws UsageException if it is blank or not a path on this system
     */
    static Path directory(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + ": expected a directory, got '" + value + "'");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": not a usable path '" + value + "': " + e.getReason());
        }
    }

    /**
     * A comma-separated list of whole numbers.
     *
     * @param option the option, for the message
     * @param value the text
     * @param min the fewest numbers
     * @param max the most numbers
     * @param low the smallest number allowed
     * @param high the largest number allowed
     * @param distinct whether a number may not repeat
     * @return the numbers
     * @throws UsageException if the count, a number or a repeat is wrong
     */
    static int[] list(String option, String value, int min, int max, int low, int high, boolean distinct)
            throws UsageException {
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
}
