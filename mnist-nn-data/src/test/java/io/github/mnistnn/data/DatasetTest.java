package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Image {@code i} has digit {@code i % 10} and carries {@code i} in its first two pixels. */
    private static Dataset numbered(int n) {
        byte[] pixels = new byte[n * Dataset.PIXELS];
        byte[] digits = new byte[n];
        for (int i = 0; i < n; i++) {
            digits[i] = (byte) (i % 10);
            pixels[i * Dataset.PIXELS] = (byte) (i >> 8);
            pixels[i * Dataset.PIXELS + 1] = (byte) i;
            pixels[i * Dataset.PIXELS + 2] = (byte) 255;
        }
        return Dataset.ofDigits(pixels, digits);
    }

    private static int number(Dataset data, int index) {
        byte[] image = data.image(index);
        return ((image[0] & 0xFF) << 8) | (image[1] & 0xFF);
    }

    private static int[] labels(Dataset data) {
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        return labels;
    }

    @Test
    void scalesPixelsByDividingBy255() {
        Dataset data = numbered(300);

        double[] features = new double[2 + Dataset.PIXELS];
        data.copyFeatures(299, features, 2);

        assertThat(data.inputWidth()).isEqualTo(784);
        assertThat(features[2]).isEqualTo(1 / 255.0);
        assertThat(features[3]).isEqualTo(43 / 255.0);
        assertThat(features[4]).isEqualTo(1.0);
        assertThat(features[5]).isZero();
        assertThat(data.features(299)).containsExactly(java.util.Arrays.copyOfRange(features, 2, 2 + 784));
    }

    @Test
    void digitTaskMapsChosenDigitsInOrderAndEveryOtherDigitToNone() {
        Dataset digits = numbered(10);

        Dataset task = digits.digitTask(0, 1, 2, 3);

        assertThat(task.classCount()).isEqualTo(5);
        assertThat(labels(task)).containsExactly(0, 1, 2, 3, 4, 4, 4, 4, 4, 4);
        assertThat(task.digit(7)).isEqualTo(7);
        assertThat(task.taskDigits()).containsExactly(0, 1, 2, 3);
        assertThat(labels(digits.digitTask(7, 3))).containsExactly(2, 2, 2, 1, 2, 2, 2, 0, 2, 2);
    }

    @Test
    void digitTaskWorksForOneToNineDigits() {
        Dataset digits = numbered(10);

        assertThat(labels(digits.digitTask(5))).containsExactly(1, 1, 1, 1, 1, 0, 1, 1, 1, 1);
        Dataset nine = digits.digitTask(9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(nine.classCount()).isEqualTo(10);
        assertThat(labels(nine)).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    }

    @Test
    void digitTaskComesFromTheOriginalDigitsWhenAppliedTwice() {
        Dataset twice = numbered(10).digitTask(0, 1, 2, 3).digitTask(9);

        assertThat(labels(twice)).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 0);
    }

    @Test
    void digitTaskRejectsRepeatedOutOfRangeTooManyOrNoDigits() {
        Dataset digits = numbered(10);

        assertThatThrownBy(() -> digits.digitTask(1, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digit 1 is chosen twice");
        assertThatThrownBy(() -> digits.digitTask(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digit 10 is outside 0..9");
        assertThatThrownBy(() -> digits.digitTask(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> digits.digitTask(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 9 digits, got 10");
        assertThatThrownBy(() -> digits.digitTask()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digitTaskDoesNotRebalance() {
        Dataset task = numbered(1000).digitTask(0, 1, 2, 3);

        assertThat(task.size()).isEqualTo(1000);
        assertThat(task.classCounts()).containsExactly(100, 100, 100, 100, 600);
    }

    @Test
    void splitIsDisjointAndComplete() {
        Dataset data = numbered(1000);

        Dataset.Split split = data.split(0.2, 7L);

        assertThat(split.validation().size()).isEqualTo(200);
        assertThat(split.training().size()).isEqualTo(800);
        Set<Integer> seen = new HashSet<>();
        for (Dataset part : new Dataset[] {split.training(), split.validation()}) {
            for (int i = 0; i < part.size(); i++) {
                int n = number(part, i);
                assertThat(seen.add(n)).as("image %d appears once", n).isTrue();
                assertThat(part.digit(i)).isEqualTo(n % 10);
            }
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void splitIsStableForOneSeedAndDiffersForAnother() {
        Dataset data = numbered(1000);

        Dataset.Split a = data.split(0.25, 42L);
        Dataset.Split b = data.split(0.25, 42L);
        Dataset.Split c = data.split(0.25, 43L);

        assertThat(a.validation().fingerprint()).isEqualTo(b.validation().fingerprint());
        assertThat(a.training().fingerprint()).isEqualTo(b.training().fingerprint());
        assertThat(a.validation().fingerprint()).isNotEqualTo(c.validation().fingerprint());
    }

    @Test
    void splitKeepsTheLabellingAndTheOriginalOrderWithinEachPart() {
        Dataset.Split split = numbered(100).digitTask(0, 1, 2, 3).split(0.5, 1L);

        Dataset part = split.training();
        assertThat(part.classCount()).isEqualTo(5);
        for (int i = 1; i < part.size(); i++) {
            assertThat(number(part, i)).isGreaterThan(number(part, i - 1));
            assertThat(part.label(i)).isEqualTo(Math.min(part.digit(i), 4));
        }
    }

    @Test
    void splitRejectsFractionsThatLeaveAPartEmpty() {
        Dataset data = numbered(10);

        assertThatThrownBy(() -> data.split(0, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.split(1, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.split(Double.NaN, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.split(0.01, 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaves a part empty");
    }

    @Test
    void headTakesTheFirstImagesInOrder() {
        Dataset head = numbered(50).digitTask(4).head(12);

        assertThat(head.size()).isEqualTo(12);
        assertThat(head.classCount()).isEqualTo(2);
        for (int i = 0; i < 12; i++) {
            assertThat(number(head, i)).isEqualTo(i);
        }
        assertThat(head.label(4)).isZero();
        assertThatThrownBy(() -> numbered(5).head(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("head(6) of a dataset of 5 images");
    }

    @Test
    void imageReturnsACopySoTheDatasetCannotBeChanged() {
        Dataset data = numbered(3);
        long before = data.fingerprint();

        data.image(2)[2] = 0;

        assertThat(data.image(2)[2]).isEqualTo((byte) 255);
        assertThat(data.fingerprint()).isEqualTo(before);
    }

    @Test
    void badIndicesGiveIndexOutOfBoundsWithAMessage() {
        Dataset data = numbered(3);

        assertThatThrownBy(() -> data.label(3)).isExactlyInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("3");
        assertThatThrownBy(() -> data.copyFeatures(0, new double[783], 0))
                .isExactlyInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fingerprintDependsOnLabellingAndPixels() {
        Dataset data = numbered(20);

        assertThat(data.fingerprint()).isEqualTo(numbered(20).fingerprint());
        assertThat(data.digitTask(1).fingerprint()).isNotEqualTo(data.fingerprint());
        assertThat(data.head(19).fingerprint()).isNotEqualTo(data.fingerprint());
    }

    @Test
    void classCountsOfRawDigits() {
        assertThat(numbered(25).classCounts()).containsExactly(3, 3, 3, 3, 3, 2, 2, 2, 2, 2);
    }
}
