package io.github.mnistnn;

import java.util.Objects;

/**
 * Samples with class labels, the input of training and evaluation. The data module's datasets implement it;
 * {@link #of} wraps arrays for small problems.
 *
 * <pre>{@code
 * LabeledData xor = LabeledData.of(
 *         new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
 *         new int[] {0, 1, 1, 0}, 2);
 * }</pre>
 */
public interface LabeledData {
    /**
     * The number of samples.
     *
     * @return at least 0
     */
    int size();

    /**
     * The number of features of every sample.
     *
     * @return at least 1
     */
    int inputWidth();

    /**
     * The number of classes; labels are in {@code [0, classCount)}.
     *
     * @return at least 1
     */
    int classCount();

    /**
     * The label of one sample.
     *
     * @param index the sample, in {@code [0, size)}
     * @return its class
     */
    int label(int index);

    /**
     * Copies one sample's features.
     *
     * @param index the sample, in {@code [0, size)}
     * @param dst written with {@link #inputWidth()} values from {@code offset}
     * @param offset where the first value goes
     */
    void copyFeatures(int index, double[] dst, int offset);

    /**
     * One sample's features as a new array.
     *
     * @param index the sample
     * @return a copy of its features
     */
    default double[] features(int index) {
        double[] out = new double[inputWidth()];
        copyFeatures(index, out, 0);
        return out;
    }

    /**
     * Wraps arrays (copied) as labelled data.
     *
     * @param features one row per sample, all of one width
     * @param labels one label per row, each in {@code [0, classCount)}
     * @param classCount the number of classes
     * @return the data
     * @throws IllegalArgumentException if the arrays disagree or a label is out of range
     */
    static LabeledData of(double[][] features, int[] labels, int classCount) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        return new ArrayData(features, labels, classCount);
    }
}
