package io.github.mnistnn;

/**
 * The result of classifying labelled data: accuracy, the confusion matrix (rows the true class, columns the
 * predicted one) and per-class precision, recall and F1. Immutable.
 *
 * <pre>{@code
 * Evaluation e = network.evaluate(testData);
 * System.out.printf("accuracy %.2f %%, F1 of class 0 %.3f%n", 100 * e.accuracy(), e.f1(0));
 * }</pre>
 */
public final class Evaluation {
    private final long[][] confusion;
    private final long total;
    private final long correct;

    private Evaluation(long[][] confusion) {
        this.confusion = confusion;
        long t = 0;
        long c = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion.length; j++) {
                t += confusion[i][j];
            }
            c += confusion[i][i];
        }
        this.total = t;
        this.correct = c;
    }

    /**
     * Builds an evaluation from paired true and predicted classes.
     *
     * @param actual the true classes
     * @param predicted the predicted classes, one per true class
     * @param classes the number of classes
     * @return the evaluation
     * @throws IllegalArgumentException if the arrays differ in length or a class is out of range
     */
    public static Evaluation of(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true classes but " + predicted.length + " predictions");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("sample " + i + ": class " + actual[i] + " predicted as "
                        + predicted[i] + " is outside [0, " + classes + ")");
            }
            confusion[actual[i]][predicted[i]]++;
        }
        return new Evaluation(confusion);
    }

    /**
     * The number of classes.
     *
     * @return the size of the confusion matrix
     */
    public int classes() {
        return confusion.length;
    }

    /**
     * The number of samples evaluated.
     *
     * @return the count
     */
    public long count() {
        return total;
    }

    /**
     * The fraction classified correctly.
     *
     * @return in [0, 1]; 0 for no samples
     */
    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /**
     * One cell of the confusion matrix.
     *
     * @param actual the true class (row)
     * @param predicted the predicted class (column)
     * @return how many samples of {@code actual} were predicted as {@code predicted}
     */
    public long confusion(int actual, int predicted) {
        return confusion[actual][predicted];
    }

    /**
     * A copy of the confusion matrix.
     *
     * @return rows the true class, columns the predicted class
     */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /**
     * Precision of one class: of the samples predicted as it, the fraction that are it.
     *
     * @param c the class
     * @return in [0, 1]; 0 when nothing was predicted as {@code c}
     */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /**
     * Recall of one class: of its samples, the fraction predicted as it.
     *
     * @param c the class
     * @return in [0, 1]; 0 when the class has no samples
     */
    public double recall(int c) {
        long actual = 0;
        for (long v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /**
     * F1 of one class, the harmonic mean of its precision and recall.
     *
     * @param c the class
     * @return in [0, 1]
     */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * The unweighted mean of the per-class F1 scores.
     *
     * @return in [0, 1]
     */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c);
        }
        return sum / confusion.length;
    }
}
