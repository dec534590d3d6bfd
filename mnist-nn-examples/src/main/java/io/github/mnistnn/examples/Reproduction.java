package io.github.mnistnn.examples;

import io.github.mnistnn.Evaluation;
import io.github.mnistnn.MistakeRanking;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import io.github.mnistnn.data.Mnist;
import io.github.mnistnn.spi.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one {@link PublishedRecipe} on the full MNIST and compares the test accuracy with what was published:
 * {@code java -jar mnist-nn-examples.jar reproduce <recipe> [--epochs N] [--seed N] [--out DIR] [--backend NAME]}.
 * Prints progress and the report, and writes the history, curves, confusion matrix, the most confident mistakes
 * and the model.
 *
 * <pre>{@code
 * int status = Reproduction.run(new String[] {"pytorch-portfolio"}, System.out, System.err, false);
 * }</pre>
 */
public final class Reproduction {
    /** The options that take a value. */
    private static final List<String> OPTIONS = List.of("--epochs", "--seed", "--out", "--backend");

    private Reproduction() {
    }

    /**
     * Runs a recipe. Every failure, an {@link OutOfMemoryError} included, is reported as one line on
     * {@code err}; none is thrown.
     *
     * @param args the recipe's id, then options
     * @param out where progress and results go
     * @param err where errors go
     * @param terminal whether {@code out} is a terminal
     * @return 0 when the floor was reached, 1 when not or on failure, 2 on bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        return run(args, out, err, terminal, Mnist::full);
    }

    /** Runs a recipe on the full MNIST from {@code full} (a stand-in, in tests). */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal, FullMnist full) {
        NetworkFootprint footprint = null;
        int copies = 0;
        try {
            if (args.length == 0) {
                throw new UsageException("reproduce: name a recipe (numpy-from-scratch, pytorch-portfolio, "
                        + "numpy-with-features, keras-cnn, keras-cnn-augmented)");
            }
            PublishedRecipe recipe = PublishedRecipe.byId(args[0]);
            copies = NetworkFootprint.trainingCopies(recipe.optimizer());
            footprint = NetworkFootprint.of(recipe.spec());
            int epochs = recipe.epochs();
            long seed = 1;
            Path dir = Path.of("results", recipe.id());
            String backend = "cpu";
            for (int i = 1; i < args.length; i += 2) {
                String value = ExperimentOptions.valueOf(args, i, OPTIONS);
                switch (args[i]) {
                    case "--epochs" -> epochs = ExperimentOptions.parsePositiveInt(args[i], value);
                    case "--seed" -> seed = ExperimentOptions.parseLong(args[i], value);
                    case "--out" -> dir = ExperimentOptions.parsePath(args[i], value);
                    case "--backend" -> backend = value;
                    default -> throw new IllegalStateException("option " + args[i] + " is listed but not read");
                }
            }
            OutputDirectory.prepare("--out", dir);
            try (Backend device = BackendChoice.open("--backend", backend)) {
                System.setProperty("java.awt.headless", "true");
                return reproduce(recipe, epochs, seed, dir, device, out, terminal, full);
            }
        } catch (Throwable e) {
            return CommandFailure.report(e, err, footprint, copies);
        }
    }

    private static int reproduce(PublishedRecipe recipe, int epochs, long seed, Path dir, Backend backend,
            PrintStream out, boolean terminal, FullMnist full) throws IOException {
        PublishedRecipe.Prepared data = recipe.prepare(full.load(), seed);
        out.printf(Locale.ROOT, "reproducing %s: network %s, %d epochs, seed %d, backend %s%n", recipe.id(),
                recipe.spec(), epochs, seed, backend.name());
        out.printf(Locale.ROOT, "data: %d training, %s validation, %d test samples%n", data.training().size(),
                data.validation() == null ? "no" : String.valueOf(data.validation().size()), data.test().size());
        ConsoleProgress progress = new ConsoleProgress(out, data.test(), epochs, terminal, terminal ? 5_000 : 0);
        Network network = recipe.trainer(data, epochs, seed).backend(backend).listener(progress).build()
                .train(recipe.spec(), data.training());
        Evaluation evaluation = network.evaluate(data.test());
        List<String> names = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            names.add(String.valueOf(d));
        }
        out.println();
        EvaluationReport.print(out, evaluation, names);
        Files.createDirectories(dir);
        progress.history().writeCsv(dir.resolve("history.csv"));
        CurvePlot.write(progress.history().epochs(), dir.resolve("curves.png"));
        ConfusionHeatmap.write(evaluation, names, dir.resolve("confusion.png"));
        MistakeGallery.write(MistakeRanking.mostConfident(network, data.test(), MistakeGallery.MAX_IMAGES),
                data.testImages(), names, dir.resolve("misclassified.png"));
        ModelFile.save(network, dir.resolve("model.mnn"));
        double seconds = progress.history().epochs().stream().mapToDouble(EpochRecord::seconds).average().orElse(0);
        boolean reached = evaluation.accuracy() >= recipe.floor();
        out.printf(Locale.ROOT, "%n%s: test accuracy %.2f %% (published %s, floor %.1f %%: %s), %.2f s per epoch%n",
                recipe.id(), 100 * evaluation.accuracy(), recipe.published(), 100 * recipe.floor(),
                reached ? "reached" : "NOT reached", seconds);
        out.println("wrote history.csv, curves.png, confusion.png, misclassified.png and model.mnn in " + dir);
        return reached ? 0 : 1;
    }
}
