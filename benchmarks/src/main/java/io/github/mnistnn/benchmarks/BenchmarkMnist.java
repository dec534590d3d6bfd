package io.github.mnistnn.benchmarks;

import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.MnistFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The full MNIST as the benchmarks need it: from the project's fetcher cache, and a loud failure naming the
 * fix when it is not there. Benchmarks never fall back to the shipped subsets, whose timings would mislead.
 *
 * <pre>{@code
 * Dataset train = BenchmarkMnist.training();
 * }</pre>
 */
public final class BenchmarkMnist {
    private BenchmarkMnist() {
    }

    /**
     * The 60,000 training images.
     *
     * @return the training set
     * @throws IllegalStateException if the data is absent and cannot be fetched
     */
    public static Dataset training() {
        try {
            return MnistFetcher.defaultCache().loadTraining();
        } catch (IOException e) {
            throw absent(e);
        }
    }

    /**
     * The 10,000 test images.
     *
     * @return the test set
     * @throws IllegalStateException if the data is absent and cannot be fetched
     */
    public static Dataset test() {
        try {
            return MnistFetcher.defaultCache().loadTest();
        } catch (IOException e) {
            throw absent(e);
        }
    }

    /**
     * One of the four IDX files in the fetcher's cache, fetched first if needed.
     *
     * @param name such as {@code "train-images-idx3-ubyte"}
     * @return its path
     * @throws IllegalStateException if the data is absent and cannot be fetched
     */
    public static Path idxFile(String name) {
        try {
            Path file = MnistFetcher.defaultCache().fetch().resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IOException("the fetcher's directory has no " + name);
            }
            return file;
        } catch (IOException e) {
            throw absent(e);
        }
    }

    private static IllegalStateException absent(IOException cause) {
        return new IllegalStateException("The benchmarks need the full MNIST (60,000 + 10,000 images) in "
                + MnistFetcher.defaultCache().directory() + " and could not get it: " + cause.getMessage()
                + ". Fetch it once with `java -jar mnist-nn-examples/target/mnist-nn-examples.jar fetch`, or point -D"
                + MnistFetcher.DIRECTORY_PROPERTY + " at a folder holding the four "
                + "IDX files.", cause);
    }
}
