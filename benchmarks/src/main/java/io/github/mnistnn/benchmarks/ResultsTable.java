package io.github.mnistnn.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a JMH JSON result file into the Markdown table {@code benchmarks/RESULTS.md} records: the JVM, the CPU
 * model, the exact command, and each benchmark's score and error beside its target and the documented
 * yardsticks. Run by {@code benchmarks/run.sh}.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.mnistnn.benchmarks.ResultsTable \
 *     benchmarks/target/jmh-results.json "the command" benchmarks/RESULTS.md
 * }</pre>
 */
public final class ResultsTable {
    private ResultsTable() {
    }

    /**
     * Writes the table.
     *
     * @param args the JMH JSON file, the command that produced it, the Markdown file to write
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ResultsTable <jmh.json> <command> <out.md>");
        }
        List<?> runs = (List<?>) JsonReader.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        Files.writeString(Path.of(args[2]), markdown(runs, args[1], cpuModel()), StandardCharsets.UTF_8);
    }

    static String markdown(List<?> runs, String command, String cpu) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        String jvm = runs.isEmpty() ? System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                : text(map(runs.get(0)).get("vmName")) + " " + text(map(runs.get(0)).get("vmVersion"));
        md.append("- Date: ").append(LocalDate.now()).append('\n');
        md.append("- JVM: ").append(jvm).append('\n');
        md.append("- CPU: ").append(cpu).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores visible\n");
        md.append("- Command: `").append(command).append("`\n\n");
        md.append("| Benchmark | Parameters | Score | Error (99.9 %) | Unit | Target | Yardsticks |\n");
        md.append("|---|---|---:|---:|---|---|---|\n");
        for (Object run : runs) {
            Map<?, ?> r = map(run);
            String name = text(r.get("benchmark")).replace("io.github.mnistnn.benchmarks.", "");
            Map<?, ?> params = r.get("params") == null ? Map.of() : map(r.get("params"));
            Map<?, ?> metric = map(r.get("primaryMetric"));
            String unit = text(metric.get("scoreUnit"));
            md.append("| ").append(name)
                    .append(" | ").append(params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(number(metric.get("score")))
                    .append(" | ").append(number(metric.get("scoreError")))
                    .append(" | ").append(unit.equals("ops/s") ? "images/s" : unit)
                    .append(" | ").append(target(name, params))
                    .append(" | ").append(yardsticks(name)).append(" |\n");
        }
        md.append("\nOn this shared 2-core machine other builds may run beside the benchmarks: compare figures "
                + "measured side by side in one run, and read single figures as +/- 20 %.\n");
        return md.toString();
    }

    static String target(String name, Map<?, ?> params) {
        String threads = text(params.get("threads"));
        String backend = params.get("backend") == null ? "cpu" : text(params.get("backend"));
        boolean cpu = backend.equals("cpu");
        if (name.startsWith("OnlineEpoch.epoch_deviceResident") && cpu && "CB".equals(text(params.get("rule")))) {
            return "<= 0.5 s";
        }
        if (name.startsWith("MiniBatchEpoch") && cpu) {
            return threads.equals("1") ? "<= 7.5 s" : "< 5 s";
        }
        if (name.startsWith("Inference") && "1000".equals(text(params.get("batch")))
                && !threads.equals("1")) {
            return ">= 100,000 images/s";
        }
        if (name.startsWith("CsvParse")) {
            return "<= 1.5 s";
        }
        return "";
    }

    /**
     * Figures to read a score against that were not measured in this run: only the reference's own documented
     * epoch times (its machine, not this one). Peers' figures belong beside ours only when measured in the same
     * session, so none are written here.
     */
    static String yardsticks(String name) {
        if (name.startsWith("OnlineEpoch")) {
            return "documented by the reference on its machine: 35 s CPU (i7-9700K, NumPy), 3 s GPU (RTX 2080 Ti, CuPy)";
        }
        return "";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch") + " (no /proc/cpuinfo)";
        }
        return System.getProperty("os.arch");
    }

    private static Map<?, ?> map(Object o) {
        return (Map<?, ?>) o;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String number(Object o) {
        if (!(o instanceof Double)) {
            return text(o);
        }
        double v = (Double) o;
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
