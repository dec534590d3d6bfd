package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Small MNIST sets shipped inside this module, for fast tests and offline examples. Both are in the reference's
 * CSV format and come from the original MNIST files (see the module's README):
 * <ul>
 *   <li>{@link #small()}: the reference's small set, the first 100 training and the first 10 test images;</li>
 *   <li>{@link #subset()}: a stratified subset, the first 100 training images of each digit (1,000) and the
 *       first 20 test images of each digit (200), each in the original order.</li>
 * </ul>
 * The sets are parsed once, on first use, and shared (datasets are immutable).
 *
 * <pre>{@code
 * TrainAndTest data = ShippedMnist.subset().digitTask(0, 1, 2, 3);
 * }</pre>
 */
public final class ShippedMnist {
    static final String SMALL_TRAINING = "mnist_train_100.csv";
    static final String SMALL_TEST = "mnist_test_10.csv";
    static final String SUBSET_TRAINING = "mnist_train_1000.csv";
    static final String SUBSET_TEST = "mnist_test_200.csv";

    private static TrainAndTest small;
    private static TrainAndTest subset;

    private ShippedMnist() {
    }

    /**
     * The reference's small set: the first 100 training and the first 10 test images.
     *
     * @return 100 training and 10 test images, labelled by digit
     * @throws IllegalStateException if the shipped files are missing or damaged (a packaging error)
     */
    public static synchronized TrainAndTest small() {
        if (small == null) {
            small = new TrainAndTest(load(SMALL_TRAINING), load(SMALL_TEST));
        }
        return small;
    }

    /**
     * The stratified subset: 100 training and 20 test images of each digit.
     *
     * @return 1,000 training and 200 test images, labelled by digit
     * @throws IllegalStateException if the shipped files are missing or damaged (a packaging error)
     */
    public static synchronized TrainAndTest subset() {
        if (subset == null) {
            subset = new TrainAndTest(load(SUBSET_TRAINING), load(SUBSET_TEST));
        }
        return subset;
    }

    static Dataset load(String resource) {
        try (InputStream in = ShippedMnist.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the shipped resource " + resource + " is missing");
            }
            return MnistCsvReader.read(in, resource);
        } catch (IOException e) {
            throw new IllegalStateException("the shipped resource " + resource + " cannot be read",
                    new UncheckedIOException(e));
        }
    }
}
