package io.github.mnistnn.examples;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Evaluation;
import io.github.mnistnn.Misclassification;
import io.github.mnistnn.MistakeRanking;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.Mnist;
import io.github.mnistnn.data.MnistFetcher;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;
import io.github.mnistnn.spi.BackendUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line: trains the reference network (by default exactly the reference experiment) with live
 * progress, then prints accuracy, the confusion matrix, per-class scores and the most confidently misclassified
 * test images, and writes {@code history.csv}, {@code curves.png}, {@code confusion.png} and
 * {@code misclassified.png}. {@code fetch} only downloads and verifies the full MNIST.
 *
 * <pre>{@code
 * java -jar mnist-nn-examples.jar --data subset --epochs 20
 * }</pre>
 */
public final class ReferenceExperiment {
    private ReferenceExperiment() {
    }

    /**
     * Runs the command line and exits with its status: 0 done, 1 failed, 2 bad options.
     *
     * @param args see {@link ExperimentOptions#USAGE}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.console() != null));
    }

    /**
     * Runs the command line.
     *
     * @param args see {@link ExperimentOptions#USAGE}
     * @param out where progress and results go
     * @param err where errors go
     * @param terminal whether {@code out} is a terminal
     * @return the exit status: 0 done, 1 failed, 2 bad options
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        if (Arrays.asList(args).contains("--help")) {
            out.println(ExperimentOptions.USAGE);
            return 0;
        }
        if (args.length == 1 && args[0].equals("fetch")) {
            return fetch(out, err);
        }
        if (args.length > 0 && args[0].equals("reproduce")) {
            return Reproduction.run(Arrays.copyOfRange(args, 1, args.length), out, err, terminal);
        }
        ExperimentOptions options;
        try {
            options = ExperimentOptions.parse(args);
        } catch (UsageException e) {
            err.println("mnist-nn: " + e.getMessage());
            return 2;
        }
        System.setProperty("java.awt.headless", "true");
        try {
            return experiment(options, out, terminal);
        } catch (TrainingDivergedException | BackendUnavailableException e) {
            err.println("mnist-nn: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("mnist-nn: cannot write the results: " + e.getMessage());
            return 1;
        }
    }

    private static int fetch(PrintStream out, PrintStream err) {
        try {
            Path dir = MnistFetcher.builder().progress(err::println).build().fetch();
            out.println("full MNIST verified in " + dir);
            return 0;
        } catch (IOException e) {
            err.println("mnist-nn: " + e.getMessage());
            return 1;
        }
    }

    private static TrainAndTest load(ExperimentOptions options, PrintStream out) {
        switch (options.data()) {
            case SMALL:
                return ShippedMnist.small();
            case SUBSET:
                return ShippedMnist.subset();
            default:
                try {
                    return Mnist.full();
                } catch (IOException e) {
                    String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                    out.println("full MNIST unavailable (" + reason + "); running on the shipped 1,000/200 subset");
                    return ShippedMnist.subset();
                }
        }
    }

    private static int experiment(ExperimentOptions o, PrintStream out, boolean terminal) throws IOException {
        TrainAndTest data = load(o, out).digitTask(o.digits());
        int[] h = o.hidden();
        NetworkSpec spec = NetworkSpec.builder(784).layer(h[0], Activation.SIGMOID).layer(h[1], Activation.SIGMOID)
                .layer(h[2], Activation.SIGMOID).layer(o.digits().length + 1, Activation.SOFTMAX).build();
        out.println("mnist-nn reference experiment: " + o);
        out.println("data: " + data.training().size() + " training and " + data.test().size() + " test images");
        int interval = data.training().size() < 20_000 ? 0 : terminal ? 2_000 : 20_000;
        ConsoleProgress progress = new ConsoleProgress(out, data.test(), o.epochs(), terminal, interval);
        Trainer trainer = Trainer.builder().rule(o.rule()).learningRate(o.learningRate()).epochs(o.epochs())
                .batchSize(o.batchSize()).seed(o.seed()).backend(o.backend()).listener(progress).build();
        Network network = trainer.train(spec, data.training());
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
        Path dir = o.outputDirectory();
        Files.createDirectories(dir);
        progress.history().writeCsv(dir.resolve("history.csv"));
        CurvePlot.write(progress.history().epochs(), dir.resolve("curves.png"));
        ConfusionHeatmap.write(evaluation, names, dir.resolve("confusion.png"));
        MistakeGallery.write(mistakes, data.test(), names, dir.resolve("misclassified.png"));
        out.println();
        out.println("wrote " + dir.resolve("history.csv") + ", " + dir.resolve("curves.png") + ", "
                + dir.resolve("confusion.png") + ", " + dir.resolve("misclassified.png"));
        return 0;
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
