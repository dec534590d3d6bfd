package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShippedMnistTest {

    private static int[] firstDigits(Dataset data, int n) {
        int[] digits = new int[n];
        for (int i = 0; i < n; i++) {
            digits[i] = data.digit(i);
        }
        return digits;
    }

    @Test
    void smallSetIsTheFirst100TrainingAndFirst10TestImages() {
        TrainAndTest small = ShippedMnist.small();

        assertThat(small.training().size()).isEqualTo(100);
        assertThat(small.test().size()).isEqualTo(10);
        assertThat(firstDigits(small.training(), 10)).containsExactly(5, 0, 4, 1, 9, 2, 1, 3, 1, 4);
        assertThat(firstDigits(small.test(), 10)).containsExactly(7, 2, 1, 0, 4, 1, 4, 9, 5, 9);
        assertThat(small.training().classCounts()).containsExactly(13, 14, 6, 11, 11, 5, 11, 10, 8, 11);
    }

    @Test
    void subsetHas100TrainingAnd20TestImagesOfEachDigit() {
        TrainAndTest subset = ShippedMnist.subset();

        assertThat(subset.training().size()).isEqualTo(1000);
        assertThat(subset.test().size()).isEqualTo(200);
        assertThat(subset.training().classCounts()).containsOnly(100);
        assertThat(subset.test().classCounts()).containsOnly(20);
    }

    @Test
    void subsetKeepsFileOrderSoItBeginsWithTheSmallSet() {
        // No digit reaches 100 (or 20) within the first 100 training (10 test) images, so both agree there.
        assertThat(ShippedMnist.subset().training().head(100).fingerprint())
                .isEqualTo(ShippedMnist.small().training().fingerprint());
        assertThat(ShippedMnist.subset().test().head(10).fingerprint())
                .isEqualTo(ShippedMnist.small().test().fingerprint());
    }

    @Test
    void referenceFiveClassTaskOnTheSubset() {
        TrainAndTest task = ShippedMnist.subset().digitTask(0, 1, 2, 3);

        assertThat(task.training().classCount()).isEqualTo(5);
        assertThat(task.training().classCounts()).containsExactly(100, 100, 100, 100, 600);
        assertThat(task.test().classCounts()).containsExactly(20, 20, 20, 20, 120);
    }

    @Test
    void loadsAreSharedAndImagesArePlausibleMnist() {
        Dataset train = ShippedMnist.subset().training();

        assertThat(ShippedMnist.subset().training()).isSameAs(train);
        int nonZero = 0;
        for (int i = 0; i < train.size(); i++) {
            for (byte p : train.image(i)) {
                if (p != 0) {
                    nonZero++;
                }
            }
        }
        double share = nonZero / (double) (train.size() * Dataset.PIXELS);
        assertThat(share).isBetween(0.15, 0.25); // about 19 % of MNIST pixels are non-zero
    }
}
