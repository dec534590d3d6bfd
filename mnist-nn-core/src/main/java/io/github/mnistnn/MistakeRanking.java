package io.github.mnistnn;

import io.github.mnistnn.internal.inference.FiniteFeatures;
import io.github.mnistnn.internal.inference.OutputRows;
import io.github.mnistnn.spi.ArgMax;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the samples a network gets wrong with the most conviction: the ones worth looking at first, since
 * they are often mislabelled, ambiguous or badly written.
 *
 * <pre>{@code
 * List<Misclassification> worst = MistakeRanking.mostConfident(network, testData, 24);
 * Misclassification first = worst.get(0); // the wrong answer with the highest output
 * }</pre>
 */
public final class MistakeRanking {
    private static final Comparator<Misclassification> MOST_CONFIDENT_FIRST =
            Comparator.comparingDouble(Misclassification::confidence).reversed()
                    .thenComparingInt(Misclassification::index);

    private MistakeRanking() {
    }

    /**
     * Classifies every sample (a dense network exactly as {@link Network#predict} does; any other in batches, as
     * {@link Network#predictAll} does) and returns the misclassified ones with the highest confidence (the network's output for the class it chose), highest first; equal confidences are
     * ordered by index.
     *
     * @param network the network
     * @param data labelled samples of the network's input width and at most its output width of classes
     * @param count how many to return at most, at least 0; fewer come back when there are fewer mistakes
     * @return an unmodifiable list of at most {@code count} misclassifications
     * @throws IllegalArgumentException if {@code count} is negative or the data does not fit the network
     * @throws NullPointerException if {@code network} or {@code data} is null
     */
    public static List<Misclassification> mostConfident(Network network, LabeledData data, int count) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        if (count < 0) {
            throw new IllegalArgumentException("count must be at least 0, got " + count);
        }
        network.requireFits(data);
        if (count == 0) {
            return List.of();
        }
        FiniteFeatures.requireAll("input", data, network.outputWidth());
        List<Misclassification> mistakes = new ArrayList<>();
        OutputRows rows = network.outputRows(data, data.size());
        double[] out = rows.a();
        int classes = rows.classes();
        for (int i = 0; i < data.size(); i++) {
            int best = ArgMax.of(out, i * classes, classes);
            int actual = data.label(i);
            if (best != actual) {
                mistakes.add(new Misclassification(i, actual, best, out[i * classes + best]));
            }
        }
        mistakes.sort(MOST_CONFIDENT_FIRST);
        return List.copyOf(mistakes.subList(0, Math.min(count, mistakes.size())));
    }
}
