package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line's syntax, run in-process: {@code --version}, help for the whole command and for each
 * subcommand, {@code --opt=value} beside {@code --opt value}, and what bad options are answered with (one line on
 * standard error, exit status 2, no stack trace). Nothing here fetches or loads the full MNIST.
 */
class CommandLineSyntaxTest {
    @TempDir
    Path dir;

    /** One run's exit status and what it printed. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReferenceExperiment.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, () -> {
                    throw new AssertionError("the full MNIST is not to be loaded");
                });
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoTrace(Result r) {
        assertThat(r.err()).as(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).as(r.out()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** A bad command line: status 2, nothing on standard output, one line on standard error. */
    private static Result assertRefused(String... args) {
        Result r = run(args);
        assertThat(r.status()).as(Arrays.toString(args) + ": " + r.err()).isEqualTo(2);
        assertNoTrace(r);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("mnist-nn: ").hasLineCount(1);
        return r;
    }

    @Test
    void versionPrintsTheProjectVersion() throws IOException {
        for (String option : new String[] {"--version", "-V"}) {
            Result r = run(option);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out().strip()).isEqualTo("mnist-nn " + ProjectVersion.version())
                    .matches("mnist-nn \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-h", "--help", "help"})
    void everyWayToAskForHelpPrintsTheWholeUsage(String ask) {
        Result r = run(ask);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertNoTrace(r);
        assertThat(r.out()).startsWith("Usage: java -jar mnist-nn-examples.jar [OPTIONS] [COMMAND]")
                .contains("--rule", "--lr", "--epochs", "--hidden", "--digits", "--data", "--seed", "--out",
                        "--backend", "--batch", "--version", "fetch", "reproduce", "help", "Exit status:",
                        "falls back to subset");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"reproduce --help", "reproduce -h", "help reproduce",
        "reproduce keras-cnn --help"})
    void reproduceHasItsOwnUsageNamingTheRecipes(String args) {
        Result r = run(args.split(" "));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: java -jar mnist-nn-examples.jar reproduce ").contains("RECIPE")
                .contains("--epochs", "--seed", "--out", "--backend")
                .doesNotContain("--rule", "--hidden", "--digits", "--batch");
        for (PublishedRecipe recipe : PublishedRecipe.values()) {
            assertThat(r.out()).contains(recipe.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fetch --help", "help fetch"})
    void fetchHasItsOwnUsage(String args) {
        Result r = run(args.split(" "));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: java -jar mnist-nn-examples.jar fetch ")
                .contains("Downloads and verifies the full MNIST").doesNotContain("--epochs");
    }

    @Test
    void anUnknownOptionIsRefusedWithASuggestionWhereOneIsClose() {
        Result bogus = assertRefused("--bogus");
        assertThat(bogus.err()).contains("Unknown option", "'--bogus'", "see --help")
                .doesNotContain("possible solutions");
        Result nearMiss = assertRefused("--epoch", "3");
        assertThat(nearMiss.err()).contains("Unknown option", "'--epoch'", "possible solutions: --epochs");
        Result inReproduce = assertRefused("reproduce", "keras-cnn", "--sed", "2");
        assertThat(inReproduce.err()).contains("Unknown option", "'--sed'", "--seed", "see reproduce --help");
        Result command = assertRefused("reproduc", "keras-cnn");
        assertThat(command.err()).contains("'reproduc'", "did you mean: reproduce?");
    }

    @Test
    void aValueMayFollowItsOptionAfterAnEqualsSign() {
        Path out = dir.resolve("out");
        Result r = run("--data=small", "--epochs=1", "--lr=0.1", "--out=" + out);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("epochs 1,", "100 training and 10 test images", "epoch    1/1");
        assertThat(out.resolve("history.csv")).exists();
        assertThat(assertRefused("--epochs=0").err())
                .isEqualTo("mnist-nn: --epochs: expected a whole number of at least 1, got '0'" + System.lineSeparator());
        assertThat(assertRefused("reproduce", "keras-cnn", "--epochs=0").err()).contains("--epochs", "'0'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--lr", "--epochs", "--seed", "--out", "--data", "--backend"})
    void aMissingValueAtTheEndIsOneLineNamingTheOption(String option) {
        assertThat(assertRefused("--data", "small", option).err()).contains("Missing", "'" + option + "'");
        assertThat(assertRefused("reproduce", "keras-cnn", "--epochs").err()).contains("Missing", "'--epochs'");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--lr      | fast   | expected a number above 0",
        "--lr      | -1     | expected a number above 0",
        "--epochs  | three  | at least 1",
        "--epochs  | 0      | at least 1",
        "--batch   | 0      | at least 1",
        "--seed    | 1.5    | whole number",
        "--hidden  | 64,32  | 3 comma-separated",
        "--digits  | 0,10   | 0..9",
        "--rule    | XY     | CB or UHB",
        "--data    | huge   | small, subset or full",
    })
    void aBadValueIsOneLineNamingTheOptionTheRangeAndTheValue(String option, String value, String expected) {
        for (String[] args : new String[][] {{option, value}, {option + "=" + value}}) {
            assertThat(assertRefused(args).err()).startsWith("mnist-nn: " + option + ": ").contains(expected,
                    "'" + value + "'");
        }
    }

    @Test
    void reproduceNamesTheRecipesWhenNoneOrAnUnknownOneIsGiven() {
        for (String[] args : new String[][] {{"reproduce"}, {"reproduce", "keras-blog"}}) {
            Result r = assertRefused(args);
            for (PublishedRecipe recipe : PublishedRecipe.values()) {
                assertThat(r.err()).contains(recipe.id());
            }
        }
        assertThat(assertRefused("reproduce", "keras-blog").err()).contains("unknown recipe 'keras-blog'");
    }

    @Test
    void strayArgumentsAndUnknownHelpTopicsAreRefused() {
        assertThat(assertRefused("stray").err()).contains("'stray'");
        assertThat(assertRefused("fetch", "now").err()).contains("'now'", "see fetch --help");
        assertThat(assertRefused("reproduce", "keras-cnn", "twice").err()).contains("'twice'");
        assertThat(assertRefused("help", "bogus").err()).contains("'bogus'");
    }
}
