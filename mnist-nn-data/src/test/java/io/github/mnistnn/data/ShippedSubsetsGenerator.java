package io.github.mnistnn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Makes the shipped resources from the four original IDX files: {@code mnist_train_100.csv} and
 * {@code mnist_test_10.csv} (the first 100 training and 10 test images) and {@code mnist_train_1000.csv} and
 * {@code mnist_test_200.csv} (the first 100 training and first 20 test images of each digit, in file order).
 * Re-run from the module directory with
 * {@code java -cp ../mnist-nn-core/target/classes:target/classes:target/test-classes io.github.mnistnn.data.ShippedSubsetsGenerator IDX_DIR
 * src/main/resources/io/github/mnistnn/data}.
 */
final class ShippedSubsetsGenerator {
    private ShippedSubsetsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path idx = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Dataset train = MnistIdxReader.read(idx.resolve("train-images-idx3-ubyte"),
                idx.resolve("train-labels-idx1-ubyte"));
        Dataset test = MnistIdxReader.read(idx.resolve("t10k-images-idx3-ubyte"),
                idx.resolve("t10k-labels-idx1-ubyte"));
        MnistCsvWriter.write(train.head(100), out.resolve(ShippedMnist.SMALL_TRAINING));
        MnistCsvWriter.write(test.head(10), out.resolve(ShippedMnist.SMALL_TEST));
        MnistCsvWriter.write(train.select(firstOfEachDigit(train, 100)), out.resolve(ShippedMnist.SUBSET_TRAINING));
        MnistCsvWriter.write(test.select(firstOfEachDigit(test, 20)), out.resolve(ShippedMnist.SUBSET_TEST));
    }

    /** The indices of the first {@code perDigit} images of each digit, in file order. */
    static int[] firstOfEachDigit(Dataset data, int perDigit) {
        int[] taken = new int[Dataset.DIGITS];
        int[] indices = new int[perDigit * Dataset.DIGITS];
        int n = 0;
        for (int i = 0; i < data.size() && n < indices.length; i++) {
            int d = data.digit(i);
            if (taken[d] < perDigit) {
                taken[d]++;
                indices[n++] = i;
            }
        }
        return Arrays.copyOf(indices, n);
    }
}
