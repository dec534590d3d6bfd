/**
 * MNIST for mnist-nn: strict readers for the common CSV files and the original IDX files, an IDX to CSV
 * converter, the immutable {@link io.github.mnistnn.data.Dataset} (with the reference's five-class task), a
 * fetcher that verifies the full set by SHA-256, and small subsets shipped as resources.
 *
 * <pre>{@code
 * Dataset train = ShippedMnist.subset().training();
 * Dataset task = train.digitTask(0, 1, 2, 3);
 * }</pre>
 */
module io.github.mnistnn.data {
    requires transitive io.github.mnistnn.core;
    requires java.net.http;

    exports io.github.mnistnn.data;
}
