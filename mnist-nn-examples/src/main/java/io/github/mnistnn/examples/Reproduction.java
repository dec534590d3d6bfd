package io.github.mnistnn.examples;

import io.github.mnistnn.Evaluation;
import io.github.mnistnn.MistakeRanking;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
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
 * {@code java -jar mnist-nn-examples.jar reproduce RECIPE [--epochs N] [--seed N] [--out DIR] [--backend NAME]}
 * ({@code reproduce --help} describes them). Prints progress and the report, and writes the history, curves, confusion
 * matrix, the most confident mistakes and the model.
 *
 * <pre>{@code
 * int status = Reproduction.run(new String[] {"pytorch-portfolio", "--epochs=1"}, System.out, System.err, false);
 * }</pre>
 */
public final class Reproduction {
    private Reproduction() {
    }

    /**
     * Runs a recipe, as {@code reproduce} on the command line does. Every failure, an {@link OutOfMemoryError}
     * included, is reported as one line on {@code err}; none is thrown.
     *
     * @param args the recipe's id, then options ({@code --help} lists them)
     * @param out where progress and results go
     * @param err where errors go
     * @param terminal whether {@code out} is a terminal
     * @return 0 when the floor was reached, 1 when not or on failure, 2 on bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        String[] command = new String[args.length + 1];
        command[0] = "reproduce";
        System.arraycopy(args, 0, command, 1, args.length);
        return ReferenceExperiment.run(command, out, err, terminal);
    }

    /**
     * Checks the output directory and the backend, then loads the full MNIST, trains the recipe and reports.
     *
     * @param recipe the recipe
     * @param epochs the epochs to run
     * @param seed the seed
     * @param dir where the results go
     * @param backendName the backend's name
     * @param invocation where it prints and gets the full MNIST
     * @return 0 when the floor was reached, 1 when not
     * @throws UsageException if the directory cannot be written or no backend has that name
     * @throws IOException if the data cannot be loaded or a result cannot be written
     */
    static int reproduce(PublishedRecipe recipe, int epochs, long seed, Path dir, String backendName,
            Invocation invocation) throws IOException, UsageException {
        OutputDirectory.prepare("--out", dir);
        try (Backend backend = BackendChoice.open("--backend", backendName)) {
            System.setProperty("java.awt.headless", "true");
            return reproduce(recipe, epochs, seed, dir, backend, invocation.out(), invocation.terminal(),
                    invocation.full());
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
        String floor = String.format(Locale.ROOT, "%.2f", 100 * recipe.floor()).replaceFirst("\\.?0+$", "");
        out.printf(Locale.ROOT, "%n%s: test accuracy %.2f %% (published %s, floor %s %%: %s), %.2f s per epoch%n",
                recipe.id(), 100 * evaluation.accuracy(), recipe.published(), floor,
                reached ? "reached" : "NOT reached", seconds);
        out.println("wrote history.csv, curves.png, confusion.png, misclassified.png and model.mnn in " + dir);
        return reached ? 0 : 1;
    }
}
