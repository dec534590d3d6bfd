package io.github.mnistnn.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JMH's JSON becomes a Markdown table with each figure beside its target. */
class ResultsTableTest {
    private static final String JMH_JSON = "[{\"jmhVersion\":\"1.37\",\"benchmark\":"
            + "\"io.github.mnistnn.benchmarks.OnlineEpoch.epoch_deviceResident\",\"mode\":\"ss\",\"vmName\":"
            + "\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"17.0.15\",\"params\":{\"backend\":\"cpu\",\"rule\":\"CB\"},"
            + "\"primaryMetric\":{\"score\":0.4213,\"scoreError\":0.027,\"scoreUnit\":\"s/op\"}},"
            + "{\"benchmark\":\"io.github.mnistnn.benchmarks.Inference.classifyTestSet\",\"params\":"
            + "{\"batch\":\"1000\",\"threads\":\"2\"},\"primaryMetric\":{\"score\":35688.7,\"scoreError\":\"NaN\","
            + "\"scoreUnit\":\"ops/s\"}}]";

    @Test
    void putsEveryFigureBesideItsTargetWithTheCommand() {
        String md = ResultsTable.markdown((List<?>) JsonReader.parse(JMH_JSON), "java -jar benchmarks.jar", "EPYC");
        assertThat(md).contains("- Command: `java -jar benchmarks.jar`", "- CPU: EPYC", "OpenJDK 64-Bit Server VM 17.0.15")
                .contains("| OnlineEpoch.epoch_deviceResident | backend=cpu, rule=CB | 0.421 | 0.027 | s/op | <= 0.5 s |")
                .contains("| Inference.classifyTestSet | batch=1000, threads=2 | 35,689 | NaN | images/s "
                        + "| >= 100,000 images/s |");
    }

    @Test
    void readsNestedValuesEscapesAndLiterals() {
        Object value = JsonReader.parse(" {\"a\": [1, -2.5e1, true, null], \"b\": \"x\\\"y\\u0041\"} ");
        assertThat(value).isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, -25.0, true, null), "b", "x\"yA"));
    }

    @Test
    void rejectsTrailingTextWithItsPosition() {
        assertThatThrownBy(() -> JsonReader.parse("[1] x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character 4");
    }
}
