package io.github.mnistnn.data;

import java.io.IOException;

/**
 * One-line access to the full MNIST set in the default cache of {@link MnistFetcher}, fetched and verified on
 * first use.
 *
 * <pre>{@code
 * Dataset train = Mnist.training();
 * Dataset test = Mnist.test();
 * }</pre>
 */
public final class Mnist {
    private Mnist() {
    }

    /**
     * The 60,000 training images.
     *
     * @return the training set, labelled by digit
     * @throws IOException if the fetch fails (the message says how to install the files by hand) or the files
     *         cannot be read
     */
    public static Dataset training() throws IOException {
        return MnistFetcher.defaultCache().loadTraining();
    }

    /**
     * The 10,000 test images.
     *
     * @return the test set, labelled by digit
     * @throws IOException if the fetch fails (the message says how to install the files by hand) or the files
     *         cannot be read
     */
    public static Dataset test() throws IOException {
        return MnistFetcher.defaultCache().loadTest();
    }

    /**
     * The training and the test images.
     *
     * @return both sets, labelled by digit
     * @throws IOException if the fetch fails or the files cannot be read
     */
    public static TrainAndTest full() throws IOException {
        MnistFetcher fetcher = MnistFetcher.defaultCache();
        return new TrainAndTest(fetcher.loadTraining(), fetcher.loadTest());
    }
}
