package io.github.mnistnn.examples;

import io.github.mnistnn.Evaluation;
import io.github.mnistnn.MistakeRanking;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.data.Mnist;
import io.github.mnistnn.spi.BackendUnavailableException;
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
    private Reproduction() {
    }

    /**
     * Runs a recipe.
     *
     * @param args the recipe's id, then options
     * @param out where progress and results go
     * @param err where errors go
     * @param terminal whether {@code out} is a terminal
     * @return 0 when the floor was reached, 1 when not or on failure, 2 on bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        PublishedRecipe recipe;
        int epochs;
        long seed = 1;
        Path dir;
        String backend = "cpu";
        try {
            if (args.length == 0) {
                throw new UsageException("reproduce: name a recipe (numpy-from-scratch, pytorch-portfolio, "
                        + "numpy-with-features)");
            }
            recipe = PublishedRecipe.byId(args[0]);
            epochs = recipe.epochs();
            dir = Path.of("results", recipe.id());
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new UsageException(args[i] + ": missing value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--epochs" -> epochs = ExperimentOptions.parsePositiveInt(args[i], value);
                    case "--seed" -> seed = ExperimentOptions.parseLong(args[i], value);
                    case "--out" -> dir = Path.of(value);
                    case "--backend" -> backend = value;
                    default -> throw new UsageException("reproduce: unknown option '" + args[i] + "'");
                }
            }
        } catch (UsageException e) {
            err.println("mnist-nn: " + e.getMessage());
            return 2;
        }
        System.setProperty("java.awt.headless", "true");
        try {
            return reproduce(recipe, epochs, seed, dir, backend, out, terminal);
        } catch (TrainingDivergedException | BackendUnavailableException e) {
            err.println("mnist-nn: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("mnist-nn: " + e.getMessage());
            return 1;
        }
    }

    private static int reproduce(PublishedRecipe recipe, int epochs, long seed, Path dir, String backend,
            PrintStream out, boolean terminal) throws IOException {
        PublishedRecipe.Prepared data = recipe.prepare(Mnist.full(), seed);
        out.printf(Locale.ROOT, "reproducing %s: network %s, %d epochs, seed %d, backend %s%n", recipe.id(),
                recipe.spec(), epochs, seed, backend);
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
