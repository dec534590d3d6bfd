package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.BackpropRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentOptionsTest {
    @Test
    void defaultsAreTheReferenceExperiment() throws UsageException {
        ExperimentOptions o = ExperimentOptions.parse();
        assertThat(o.rule()).isEqualTo(BackpropRule.CB);
        assertThat(o.learningRate()).isEqualTo(0.01);
        assertThat(o.shape()).isEqualTo("784-64-32-16-5");
        assertThat(o.digits()).containsExactly(0, 1, 2, 3);
        assertThat(o.batchSize()).isEqualTo(1);
        assertThat(o.data()).isEqualTo(ExperimentOptions.DataChoice.FULL);
    }

    @Test
    void readsEveryOption() throws UsageException {
        ExperimentOptions o = ExperimentOptions.parse("--rule", "uhb", "--lr", "0.001", "--epochs", "200", "--hidden",
                "32,16,8", "--digits", "7,9", "--data", "small", "--seed", "-4", "--out", "x", "--backend", "opencl",
                "--batch", "16");
        assertThat(o.rule()).isEqualTo(BackpropRule.UHB);
        assertThat(o.epochs()).isEqualTo(200);
        assertThat(o.shape()).isEqualTo("784-32-16-8-3");
        assertThat(o.seed()).isEqualTo(-4);
        assertThat(o.backend()).isEqualTo("opencl");
        assertThat(o.batchSize()).isEqualTo(16);
    }

    @Test
    void namesTheOptionAndTheBadValue() {
        assertThatThrownBy(() -> ExperimentOptions.parse("--lr", "fast")).isInstanceOf(UsageException.class)
                .hasMessage("--lr: expected a number above 0, got 'fast'");
        assertThatThrownBy(() -> ExperimentOptions.parse("--digits", "1,1")).hasMessageContaining("distinct");
        assertThatThrownBy(() -> ExperimentOptions.parse("--digits", "0,10")).hasMessageContaining("0..9");
        assertThatThrownBy(() -> ExperimentOptions.parse("--hidden", "64,32")).hasMessageContaining("--hidden");
        assertThatThrownBy(() -> ExperimentOptions.parse("--epochs", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ExperimentOptions.parse("--rule", "XY")).hasMessageContaining("CB or UHB");
        assertThatThrownBy(() -> ExperimentOptions.parse("--colour", "red")).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> ExperimentOptions.parse("--seed")).hasMessageContaining("Missing required parameter");
    }

    @Test
    void anUnknownOptionIsUnknownWhetherOrNotAValueFollows() {
        assertThatThrownBy(() -> ExperimentOptions.parse("--foo")).isInstanceOf(UsageException.class)
                .hasMessage("Unknown option: '--foo'; see --help");
        assertThatThrownBy(() -> ExperimentOptions.parse("--foo", "1"))
                .hasMessage("Unknown options: '--foo', '1'; see --help");
        assertThatThrownBy(() -> ExperimentOptions.parse("--epochs", "3", "--foo"))
                .hasMessage("Unknown option: '--foo'; see --help");
        assertThatThrownBy(() -> ExperimentOptions.parse("stray"))
                .hasMessage("Unmatched argument at index 0: 'stray'; see --help");
    }

    @Test
    void anOptionFollowedByAnotherOptionIsMissingItsValue() {
        assertThatThrownBy(() -> ExperimentOptions.parse("--seed"))
                .hasMessage("Missing required parameter for option '--seed' (N); see --help");
        assertThatThrownBy(() -> ExperimentOptions.parse("--out", "--epochs", "3"))
                .hasMessage("Expected parameter for option '--out' but found '--epochs'; see --help");
    }

    @Test
    void aValueMayFollowItsOptionAfterAnEqualsSignAndTheLastOfARepeatedOptionCounts() throws UsageException {
        ExperimentOptions o = ExperimentOptions.parse("--epochs=3", "--lr=0.5", "--seed", "-2", "--seed=7",
                "--digits=7,9");
        assertThat(o.epochs()).isEqualTo(3);
        assertThat(o.learningRate()).isEqualTo(0.5);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.shape()).isEqualTo("784-64-32-16-3");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--rule    | XY",
        "--lr      | fast",
        "--lr      | 0",
        "--lr      | NaN",
        "--lr      | Infinity",
        "--epochs  | 1.5",
        "--epochs  | 99999999999",
        "--epochs  | -3",
        "--hidden  | 64,,16",
        "--hidden  | 64,32,0",
        "--hidden  | 64,32,16,8",
        "--hidden  | 64,32,100001",
        "--digits  | ''",
        "--digits  | 0,1,2,3,4,5,6,7,8,9",
        "--digits  | a",
        "--data    | huge",
        "--seed    | 1e3",
        "--seed    | 99999999999999999999",
        "--out     | ' '",
        "--out     | 'a\u0000b'",
        "--batch   | 0",
        "--batch   | many",
    })
    void everyBadValueIsNamedWithItsOption(String option, String value) {
        assertThatThrownBy(() -> ExperimentOptions.parse(option, value)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith(option + ": ").hasMessageContaining("'" + value + "'")
                .hasMessageNotContaining("null");
    }

    @Test
    void aBadOptionExitsWithStatusTwoAndOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReferenceExperiment.run(new String[] {"--lr", "-1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("mnist-nn: --lr: expected a number above 0, got '-1'"
                + System.lineSeparator());
        assertThat(out.size()).isZero();
    }

    @Test
    void helpDocumentsEveryOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReferenceExperiment.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, false);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--rule", "--lr", "--epochs", "--hidden", "--digits",
                "--data", "--seed", "--out", "--backend", "--batch");
    }

    @Test
    void reproduceRefusesAnUnknownRecipeOrBadOptionWithStatusTwo() {
        for (String[] args : new String[][] {{"reproduce", "keras-blog"}, {"reproduce", "pytorch-portfolio", "--epochs",
            "0"}, {"reproduce"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ReferenceExperiment.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                    false);
            assertThat(status).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("mnist-nn: ").hasLineCount(1);
        }
    }
}
