package io.github.mnistnn.examples;

import io.github.mnistnn.internal.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The epochs of a run, in order, and their CSV form.
 *
 * <pre>{@code
 * TrainingHistory history = new TrainingHistory();
 * history.add(new EpochRecord(1, 0.34, 0.89, 0.96, 2.5));
 * history.writeCsv(Path.of("results/history.csv"));
 * }</pre>
 */
public final class TrainingHistory {
    private final List<EpochRecord> epochs = new ArrayList<>();

    /** Creates an empty history. */
    public TrainingHistory() {
    }

    /**
     * Appends an epoch.
     *
     * @param record the epoch's figures
     */
    public void add(EpochRecord record) {
        epochs.add(record);
    }

    /**
     * The epochs so far.
     *
     * @return an unmodifiable copy
     */
    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    /**
     * Writes {@code epoch,loss,train_accuracy,test_accuracy,seconds}, one line per epoch, through a temporary
     * file so a crash never leaves half a file; the file gets the permissions of the one it replaces, or of any
     * new file.
     *
     * @param file the CSV file; missing parent folders are created
     * @throws IOException naming the file if it cannot be written or is a directory (the file is then untouched)
     */
    public void writeCsv(Path file) throws IOException {
        AtomicFile.replace(file, "history", out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("epoch,loss,train_accuracy,test_accuracy,seconds\n");
            for (EpochRecord r : epochs) {
                w.write(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3f%n", r.epoch(), r.loss(),
                        r.trainingAccuracy(), r.testAccuracy(), r.seconds()));
            }
            w.flush();
        });
    }
}
