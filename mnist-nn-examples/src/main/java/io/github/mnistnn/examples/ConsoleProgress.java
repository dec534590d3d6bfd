package io.github.mnistnn.examples;

import io.github.mnistnn.EpochReport;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.ProgressReport;
import io.github.mnistnn.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one line per epoch (epoch, loss, training and test accuracy, seconds) and records it in a
 * {@link TrainingHistory}. Within long epochs it shows progress: a bar redrawn in place on a terminal, plain
 * lines otherwise.
 *
 * <pre>{@code
 * ConsoleProgress progress = new ConsoleProgress(System.out, testData, 100, System.console() != null, 5000);
 * Trainer.builder().listener(progress).build();
 * }</pre>
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final LabeledData test;
    private final int epochs;
    private final boolean terminal;
    private final int interval;
    private final TrainingHistory history = new TrainingHistory();

    /**
     * Creates the listener.
     *
     * @param out where lines go
     * @param test the data the test accuracy is measured on after each epoch
     * @param epochs the planned epochs, for the line's counter
     * @param terminal whether {@code out} is a terminal (a redrawn bar) or not (plain lines)
     * @param interval samples between progress updates within an epoch; 0 for none
     */
    public ConsoleProgress(PrintStream out, LabeledData test, int epochs, boolean terminal, int interval) {
        this.out = out;
        this.test = test;
        this.epochs = epochs;
        this.terminal = terminal;
        this.interval = interval;
    }

    /**
     * The epochs seen so far.
     *
     * @return the history
     */
    public TrainingHistory history() {
        return history;
    }

    @Override
    public int progressInterval() {
        return interval;
    }

    @Override
    public Decision onProgress(ProgressReport r) {
        int percent = (int) (100L * r.samplesDone() / r.samplesInEpoch());
        String figures = String.format(Locale.ROOT, "epoch %d/%d %3d%% (%d/%d samples) loss %.4f", r.epoch(), epochs,
                percent, r.samplesDone(), r.samplesInEpoch(), r.loss());
        if (terminal) {
            int filled = percent / 5;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + figures);
        } else {
            out.println("  " + figures);
        }
        out.flush();
        return Decision.CONTINUE;
    }

    @Override
    public Decision onEpochEnd(EpochReport r) {
        double testAccuracy = r.network().evaluate(test).accuracy();
        double seconds = r.elapsed().toNanos() / 1e9;
        history.add(new EpochRecord(r.epoch(), r.loss(), r.accuracy(), testAccuracy, seconds));
        if (terminal && interval > 0) {
            out.print("\r" + " ".repeat(78) + "\r");
        }
        out.printf(Locale.ROOT, "epoch %4d/%d  loss %.4f  train %.2f %%  test %.2f %%  %.2f s%n", r.epoch(), epochs,
                r.loss(), 100 * r.accuracy(), 100 * testAccuracy, seconds);
        return Decision.CONTINUE;
    }
}
