package io.github.mnistnn.examples;

import io.github.mnistnn.Evaluation;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints an evaluation for people: overall accuracy, the confusion matrix, and per-class precision, recall
 * and F1.
 *
 * <pre>{@code
 * EvaluationReport.print(System.out, network.evaluate(test), List.of("0", "1", "2", "3", "none"));
 * }</pre>
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /**
     * Prints the report.
     *
     * @param out where it goes
     * @param e the evaluation
     * @param names one name per class
     */
    public static void print(PrintStream out, Evaluation e, List<String> names) {
        int k = e.classes();
        out.printf(Locale.ROOT, "test accuracy %.2f %% (%d images)%n%n", 100 * e.accuracy(), e.count());
        out.println("confusion matrix (rows: true class, columns: predicted class)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%8s", ""));
        for (String name : names) {
            header.append(String.format(Locale.ROOT, "%8s", name));
        }
        out.println(header);
        for (int i = 0; i < k; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%8s", names.get(i)));
            for (int j = 0; j < k; j++) {
                row.append(String.format(Locale.ROOT, "%8d", e.confusion(i, j)));
            }
            out.println(row);
        }
        out.println();
        out.printf(Locale.ROOT, "%8s %10s %10s %10s%n", "class", "precision", "recall", "F1");
        for (int c = 0; c < k; c++) {
            out.printf(Locale.ROOT, "%8s %10.4f %10.4f %10.4f%n", names.get(c), e.precision(c), e.recall(c), e.f1(c));
        }
        out.printf(Locale.ROOT, "%8s %32.4f%n", "macro F1", e.macroF1());
    }
}
