package io.github.mnistnn;

/**
 * One sample a network got wrong, as {@link MistakeRanking} reports it. Immutable.
 *
 * <pre>{@code
 * for (Misclassification m : MistakeRanking.mostConfident(network, testData, 5)) {
 *     System.out.printf("#%d: class %d taken for %d (%.0f %%)%n", m.index(), m.actual(), m.predicted(),
 *             100 * m.confidence());
 * }
 * }</pre>
 *
 * @param index the sample's index in the data
 * @param actual its true class
 * @param predicted the class the network chose, never {@code actual}
 * @param confidence the network's output for {@code predicted}: the probability it gave that class, for a
 *     softmax output
 */
public record Misclassification(int index, int actual, int predicted, double confidence) {
    /**
     * Checks the fields.
     *
     * @param index the sample's index in the data
     * @param actual its true class
     * @param predicted the class the network chose
     * @param confidence the network's output for {@code predicted}
     * @throws IllegalArgumentException if the index or a class is negative, or the two classes are equal
     */
    public Misclassification {
        if (index < 0) {
            throw new IllegalArgumentException("index must be at least 0, got " + index);
        }
        if (actual < 0 || predicted < 0) {
            throw new IllegalArgumentException("classes must be at least 0, got actual " + actual + " and predicted "
                    + predicted);
        }
        if (actual == predicted) {
            throw new IllegalArgumentException("sample " + index + " was classified correctly, as " + actual);
        }
    }
}
