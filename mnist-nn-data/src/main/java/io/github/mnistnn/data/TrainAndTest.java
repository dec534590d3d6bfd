package io.github.mnistnn.data;

import java.util.Objects;

/**
 * A training set with its test set, as MNIST comes.
 *
 * <pre>{@code
 * TrainAndTest small = ShippedMnist.small();
 * Dataset train = small.training(); // 100 images
 * Dataset test = small.test();      // 10 images
 * }</pre>
 *
 * @param training the images to train on
 * @param test the images to test on
 */
public record TrainAndTest(Dataset training, Dataset test) {
    /**
     * Checks both parts are present.
     *
     * @param training the images to train on
     * @param test the images to test on
     * @throws NullPointerException if a part is null
     */
    public TrainAndTest {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Both parts relabelled for the same task, as {@link Dataset#digitTask} does.
     *
     * @param chosen 1 to 9 distinct digits, each 0..9
     * @return the relabelled pair
     * @throws IllegalArgumentException if the digits are not valid for {@link Dataset#digitTask}
     */
    public TrainAndTest digitTask(int... chosen) {
        return new TrainAndTest(training.digitTask(chosen), test.digitTask(chosen));
    }
}
