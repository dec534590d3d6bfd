/**
 * JMH benchmarks of mnist-nn on the reference project's work: {@link io.github.mnistnn.benchmarks.OnlineEpoch},
 * {@link io.github.mnistnn.benchmarks.MiniBatchEpoch}, {@link io.github.mnistnn.benchmarks.Inference},
 * {@link io.github.mnistnn.benchmarks.CsvParse} and {@link io.github.mnistnn.benchmarks.IdxParse}; the data and
 * device they share ({@link io.github.mnistnn.benchmarks.BenchmarkMnist},
 * {@link io.github.mnistnn.benchmarks.DeviceNetwork}, {@link io.github.mnistnn.benchmarks.BackendAvailability});
 * and {@link io.github.mnistnn.benchmarks.ResultsTable}, which turns JMH's JSON into the recorded Markdown table.
 */
package io.github.mnistnn.benchmarks;
