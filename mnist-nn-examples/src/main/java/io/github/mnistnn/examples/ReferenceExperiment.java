package io.github.mnistnn.examples;

import io.github.mnistnn.Evaluation;
import io.github.mnistnn.Misclassification;
import io.github.mnistnn.MistakeRanking;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.Mnist;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;
import io.github.mnistnn.spi.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The command line: trains the reference network (by default exactly the reference experiment) with live
 * progress, then prints accuracy, the confusion matrix, per-class scores and the most confidently misclassified
 * test images, and writes {@code history.csv}, {@code curves.png}, {@code confusion.png}, {@code model.mnn} and
 * {@code misclassified.png}. {@code fetch} only downloads and verifies the full MNIST, {@code reproduce RECIPE}
 * runs a published result ({@link Reproduction}), {@code help} and {@code --help} print the usage (also of one
 * subcommand: {@code help reproduce}, {@code reproduce --help}) and {@code --version} the project's version. The
 * options are those of {@link ExperimentOptions}, given as {@code --opt value} or {@code --opt=value}.
 *
 * <pre>{@code
 * java -jar mnist-nn-examples.jar --data subset --epochs=20
 * }</pre>
 */
public final class ReferenceExperiment {
    /** The copies of its parameters training keeps: the command line trains with plain SGD. */
    static final int COPIES = NetworkFootprint.trainingCopies(Optimizer.sgd());

    private ReferenceExperiment() {
    }

    /**
     * Runs the command line and exits with its status: 0 done, 1 failed, 2 bad options. Nothing it throws
     * reaches the user as a stack trace: every failure is one line on standard error.
     *
     * @param args the options and subcommand; {@code --help} lists them
     */
    public static void main(String[] args) {
        // A thread of the library's that fails on its own (out of memory, say) is also reported in one line.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> CommandFailure.report(e, System.err, null, 0));
        int status;
        try {
            status = run(args, System.out, System.err, System.console() != null);
        } catch (Throwable e) {
            // Only reporting itself can fail here (out of memory again, say); say that much and no more.
            System.err.println("mnist-nn: failed (" + e.getClass().getName() + ")");
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Runs the command line. Every failure, an {@link OutOfMemoryError} included, is reported as one line on
     * {@code err}; none is thrown.
     *
     * @param args the options and subcommand; {@code --help} lists them
     * @param out where progress, results, help and the version go
     * @param err where errors and notes go
     * @param terminal whether {@code out} is a terminal
     * @return the exit status: 0 done, 1 failed, 2 bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        return run(args, out, err, terminal, Mnist::full);
    }

    /**
     * Runs the command line with the full MNIST from {@code full}, for tests.
     *
     * @param args the options and subcommand; {@code --help} lists them
     * @param out where progress, results, help and the version go
     * @param err where errors and notes go
     * @param terminal whether {@code out} is a terminal
     * @param full where {@code --data full} and {@code reproduce} get the full MNIST
     * @return the exit status: 0 done, 1 failed, 2 bad options
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal, FullMnist full) {
        try {
            CommandLine line = ExperimentCommand.commandLine(new Invocation(out, err, terminal, full));
            try {
                return line.execute(args);
            } finally {
                line.getOut().flush();
                line.getErr().flush();
            }
        } catch (Throwable e) {
            return CommandFailure.report(e, err, null, COPIES);
        }
    }

    private static TrainAndTest load(ExperimentOptions options, PrintStream err, FullMnist full) {
        switch (options.data()) {
            case SMALL:
                return ShippedMnist.small();
            case SUBSET:
                return ShippedMnist.subset();
            default:
                try {
                    return full.load();
                } catch (IOException e) {
                    err.println("mnist-nn: full MNIST unavailable (" + CommandFailure.oneLine(e)
                            + "); running on the shipped 1,000/200 subset");
                    return ShippedMnist.subset();
                }
        }
    }

    /**
     * Refuses a network whose weights cannot be on the heap as often as training needs them, however the
     * backend works, before any data is loaded.
     */
    static void requireHeapFits(NetworkFootprint footprint, long maxHeap) throws UsageException {
        if (footprint.bytes(NetworkFootprint.MINIMUM_COPIES) > maxHeap) {
            throw new UsageException("--hidden: " + footprint.describe(COPIES) + "; even "
                    + NetworkFootprint.MINIMUM_COPIES + " copies need more than the Java heap's "
                    + NetworkFootprint.size(maxHeap) + "; try java " + footprint.heapToTry(COPIES, maxHeap)
                    + " -jar ..., or smaller widths");
        }
    }

    /**
     * Checks the heap, the output directory and the backend, then loads the data, trains, reports and writes the
     * history and plots.
     *
     * @param o the settings
     * @param footprint the network's size
     * @param invocation where it prints and gets the full MNIST
     * @return 0
     * @throws UsageException if the heap cannot hold the network, the directory cannot be written or no backend
     *         has that name
     * @throws IOException if the data cannot be loaded or a result cannot be written
     */
    static int experiment(ExperimentOptions o, NetworkFootprint footprint, Invocation invocation)
            throws IOException, UsageException {
        PrintStream out = invocation.out();
        PrintStream err = invocation.err();
        boolean terminal = invocation.terminal();
        FullMnist full = invocation.full();
        requireHeapFits(footprint, Runtime.getRuntime().maxMemory());
        Path dir = OutputDirectory.prepare("--out", o.outputDirectory());
        try (Backend backend = BackendChoice.open("--backend", o.backend())) {
            System.setProperty("java.awt.headless", "true");
            TrainAndTest data = load(o, err, full).digitTask(o.digits());
            out.println("mnist-nn reference experiment: " + o);
            out.println("data: " + data.training().size() + " training and " + data.test().size() + " test images");
            int interval = data.training().size() < 20_000 ? 0 : terminal ? 2_000 : 20_000;
            ConsoleProgress progress = new ConsoleProgress(out, data.test(), o.epochs(), terminal, interval);
            Trainer trainer = Trainer.builder().rule(o.rule()).learningRate(o.learningRate()).epochs(o.epochs())
                    .batchSize(o.batchSize()).seed(o.seed()).backend(backend).listener(progress).build();
            Network network = trainer.train(o.spec(), data.training());
            Evaluation evaluation = network.evaluate(data.test());
            List<String> names = new ArrayList<>();
            for (int d : o.digits()) {
                names.add(String.valueOf(d));
            }
            names.add("none");
            out.println();
            EvaluationReport.print(out, evaluation, names);
            List<Misclassification> mistakes =
                    MistakeRanking.mostConfident(network, data.test(), MistakeGallery.MAX_IMAGES);
            out.println();
            printMistakes(out, mistakes, data.test(), names, evaluation);
            Files.createDirectories(dir);
            progress.history().writeCsv(dir.resolve("history.csv"));
            CurvePlot.write(progress.history().epochs(), dir.resolve("curves.png"));
            ConfusionHeatmap.write(evaluation, names, dir.resolve("confusion.png"));
            MistakeGallery.write(mistakes, data.test(), names, dir.resolve("misclassified.png"));
            ModelFile.save(network, dir.resolve("model.mnn"));
            out.println();
            out.println("wrote " + dir.resolve("history.csv") + ", " + dir.resolve("curves.png") + ", "
                    + dir.resolve("confusion.png") + ", " + dir.resolve("misclassified.png") + " and "
                    + dir.resolve("model.mnn"));
            return 0;
        }
    }

    private static void printMistakes(PrintStream out, List<Misclassification> mistakes, Dataset test,
            List<String> names, Evaluation evaluation) {
        long wrong = evaluation.count();
        for (int c = 0; c < evaluation.classes(); c++) {
            wrong -= evaluation.confusion(c, c);
        }
        if (mistakes.isEmpty()) {
            out.println("no test image is misclassified");
            return;
        }
        int shown = Math.min(5, mistakes.size());
        out.println("the " + shown + " most confidently misclassified test images (of " + wrong + " mistakes)");
        for (Misclassification m : mistakes.subList(0, shown)) {
            String caption = MistakeGallery.caption(m, test, names, "->");
            out.printf(Locale.ROOT, "  image %5d  %-20s %6.2f %%%n", m.index(), caption, 100 * m.confidence());
        }
    }
}
