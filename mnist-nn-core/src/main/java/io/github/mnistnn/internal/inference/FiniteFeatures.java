package io.github.mnistnn.internal.inference;

import io.github.mnistnn.LabeledData;
/**
 * The rule that every feature a network reads is a finite number, checked where the features are copied anyway
 * (one comparison per value, nothing allocated): a NaN or infinite input is refused with its row and column
 * (both counted from 0) instead of being trained on or answered with class 0.
 *
 * <pre>{@code
 * FiniteFeatures.requireRow("training input", features, r * width, width, first + r);
 * }</pre>
 */
public final class FiniteFeatures {
    private FiniteFeatures() {
    }

    /**
     * Checks one sample given on its own.
     *
     * @param input the sample's features
     * @throws IllegalArgumentException naming the first column that is not finite
     */
    public static void require(double[] input) {
        for (int i = 0; i < input.length; i++) {
            if (!Double.isFinite(input[i])) {
                throw new IllegalArgumentException("input column " + i + " is " + describe(input[i]));
            }
        }
    }

    /**
     * Checks row {@code row} of a data set, held in {@code values[offset .. offset + width)}.
     *
     * @param what what the data is, such as {@code "training input"}
     * @param values the copied features
     * @param offset where the row starts
     * @param width its features
     * @param row the row's index in its data set
     * @throws IllegalArgumentException naming the row and the first column that is not finite
     */
    public static void requireRow(String what, double[] values, int offset, int width, int row) {
        for (int i = 0; i < width; i++) {
            if (!Double.isFinite(values[offset + i])) {
                throw new IllegalArgumentException(what + " row " + row + ", column " + i + " is "
                        + describe(values[offset + i]));
            }
        }
    }

    /**
     * Checks a whole data set once, features and labels, before it is used.
     *
     * @param what what the data is, such as {@code "validation"}
     * @param data the data
     * @param classes the network's outputs: every label must be in {@code [0, classes)}
     * @throws IllegalArgumentException naming the first bad row
     */
    public static void requireAll(String what, LabeledData data, int classes) {
        double[] row = new double[data.inputWidth()];
        for (int r = 0; r < data.size(); r++) {
            data.copyFeatures(r, row, 0);
            requireRow(what + " input", row, 0, row.length, r);
            requireLabel(what, data.label(r), r, classes);
        }
    }

    /**
     * Checks one label.
     *
     * @param what what the data is, such as {@code "training"}
     * @param label the label
     * @param row its row
     * @param classes the network's outputs
     * @throws IllegalArgumentException if the label is outside {@code [0, classes)}
     */
    public static void requireLabel(String what, int label, int row, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(what + " label of row " + row + " is " + label
                    + ", outside the network's " + classes + " outputs [0, " + classes + ")");
        }
    }

    private static String describe(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";
    }
}
