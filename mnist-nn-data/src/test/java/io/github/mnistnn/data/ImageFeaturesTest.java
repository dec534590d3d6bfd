package io.github.mnistnn.data;

import static io.github.mnistnn.data.SyntheticImages.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.LabeledData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageFeaturesTest {
    private static final int SIDE = Dataset.IMAGE_SIDE;

    private static byte[] filled(int value) {
        byte[] image = new byte[Dataset.PIXELS];
        Arrays.fill(image, (byte) value);
        return image;
    }

    private static byte[] leftHalfInked() {
        byte[] image = new byte[Dataset.PIXELS];
        for (int y = 0; y < SIDE; y++) {
            Arrays.fill(image, y * SIDE, y * SIDE + SIDE / 2, (byte) 255);
        }
        return image;
    }

    @Test
    void anAllInkImageHasIntensityOneAndIsSymmetric() {
        assertThat(ImageFeatures.intensity(filled(255))).isEqualTo(1.0);
        assertThat(ImageFeatures.symmetry(filled(255))).isEqualTo(0.0);
    }

    @Test
    void aBlankImageHasIntensityZeroAndIsSymmetric() {
        assertThat(ImageFeatures.intensity(filled(0))).isEqualTo(0.0);
        assertThat(ImageFeatures.symmetry(filled(0))).isEqualTo(0.0);
    }

    @Test
    void aHalfInkedImageIsAsAsymmetricAsCanBe() {
        assertThat(ImageFeatures.intensity(leftHalfInked())).isEqualTo(0.5);
        assertThat(ImageFeatures.symmetry(leftHalfInked())).isEqualTo(-1.0);
    }

    @Test
    void matchesHandComputedValuesForAFewPixels() {
        byte[] image = new byte[Dataset.PIXELS];
        image[5 * SIDE + 3] = (byte) 51;   // its mirror is (24, 5)
        image[5 * SIDE + 24] = (byte) 102; // |0.2 - 0.4| = 0.2, counted for both pixels
        image[0] = (byte) 255;             // its mirror (27, 0) is blank: 1, counted twice
        assertThat(ImageFeatures.intensity(image)).isCloseTo((0.2 + 0.4 + 1) / 784, within(1e-15));
        assertThat(ImageFeatures.symmetry(image)).isCloseTo(-(2 * 0.2 + 2 * 1.0) / 784, within(1e-15));
    }

    @Test
    void appendsIntensityAndSymmetryToThePixels() {
        Dataset images = dataset(filled(255), leftHalfInked(), filled(0)).digitTask(1, 2);
        LabeledData data = ImageFeatures.withIntensityAndSymmetry(images);
        assertThat(data.inputWidth()).isEqualTo(786).isEqualTo(ImageFeatures.WIDTH);
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.classCount()).isEqualTo(3);
        assertThat(new int[] {data.label(0), data.label(1), data.label(2)}).containsExactly(2, 0, 1);
        double[] half = data.features(1);
        assertThat(Arrays.copyOf(half, 784)).containsExactly(images.features(1));
        assertThat(half[784]).isEqualTo(0.5);
        assertThat(half[785]).isEqualTo(-1.0);
        assertThat(Arrays.copyOfRange(data.features(0), 784, 786)).containsExactly(1.0, 0.0);
        double[] dst = new double[800];
        Arrays.fill(dst, 7);
        data.copyFeatures(1, dst, 10);
        assertThat(dst[9]).isEqualTo(7);
        assertThat(Arrays.copyOfRange(dst, 10, 796)).containsExactly(half);
        assertThat(dst[796]).isEqualTo(7);
    }

    @Test
    void featuresOfTheShippedImagesAreInRangeAndAgreeWithThePixels() {
        Dataset test = ShippedMnist.subset().test();
        LabeledData data = ImageFeatures.withIntensityAndSymmetry(test);
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.features(i);
            double mean = 0;
            for (int p = 0; p < 784; p++) {
                mean += x[p] / 784;
            }
            assertThat(x[784]).isCloseTo(mean, within(1e-12)).isBetween(0.01, 1.0);
            assertThat(x[785]).isBetween(-1.0, 0.0).isLessThan(0.0);
            assertThat(data.label(i)).isEqualTo(test.digit(i));
        }
    }

    @Test
    void refusesWrongImagesAndIndicesWithClearMessages() {
        assertThatThrownBy(() -> ImageFeatures.intensity(new byte[783])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("784").hasMessageContaining("783");
        assertThatThrownBy(() -> ImageFeatures.symmetry(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("image");
        LabeledData data = ImageFeatures.withIntensityAndSymmetry(dataset(filled(9)));
        assertThatThrownBy(() -> data.copyFeatures(1, new double[786], 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("1");
        assertThatThrownBy(() -> data.copyFeatures(0, new double[786], 1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("786");
    }
}
