package io.github.mnistnn.examples;

import io.github.mnistnn.data.TrainAndTest;
import java.io.IOException;

/**
 * Where the command line gets the full MNIST: {@link io.github.mnistnn.data.Mnist#full()}, or a stand-in in
 * tests (which never fetch).
 *
 * <pre>{@code
 * FullMnist full = Mnist::full;
 * }</pre>
 */
@FunctionalInterface
public interface FullMnist {
    /**
     * Loads the 60,000 training and 10,000 test images.
     *
     * @return both sets
     * @throws IOException if they cannot be fetched or read
     */
    TrainAndTest load() throws IOException;
}
