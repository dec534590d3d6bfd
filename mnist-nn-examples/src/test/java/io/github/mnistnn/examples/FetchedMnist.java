package io.github.mnistnn.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.github.mnistnn.data.MnistFetcher;
import io.github.mnistnn.data.TrainAndTest;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The full MNIST for tests, as {@code .ci/run} fetched it beforehand; tests never fetch. Without it a test is
 * skipped with the reason, except in CI ({@code CI=true}), where it fails.
 */
final class FetchedMnist {
    private static TrainAndTest loaded;

    private FetchedMnist() {
    }

    static synchronized TrainAndTest load() throws IOException {
        if (loaded == null) {
            MnistFetcher fetcher = MnistFetcher.defaultCache();
            if (!Files.isDirectory(fetcher.directory())) {
                String reason = "full MNIST not fetched into " + fetcher.directory()
                        + "; run: java -jar mnist-nn-examples/target/mnist-nn-examples.jar fetch";
                if ("true".equals(System.getenv("CI"))) {
                    fail(reason);
                }
                abort(reason);
            }
            loaded = new TrainAndTest(fetcher.loadTraining(), fetcher.loadTest());
        }
        return loaded;
    }
}
