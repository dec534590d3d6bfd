package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Shifts and rotations of training images, worked out by hand, and their effect on training. */
class AugmentationTest {
    private static final Shape FIVE = Shape.image(5, 5, 1);

    private static double[] dot(int row, int col) {
        double[] image = new double[25];
        image[row * 5 + col] = 1;
        return image;
    }

    private static double[] moved(double[] image, double dx, double dy, double degrees) {
        double[] out = new double[25];
        Augmentation.transform(FIVE, image, 0, dx, dy, degrees, 1, out, 0);
        return out;
    }

    @Test
    void aZoomScalesAboutTheCentre() {
        double[] out = new double[25];
        Augmentation.transform(FIVE, dot(2, 3), 0, 0, 0, 0, 2, out, 0);   // one right of the centre, zoomed by 2
        assertThat(out[2 * 5 + 4]).as("lands two right of the centre").isCloseTo(1, within(1e-12));
        assertThat(out[2 * 5 + 3]).as("half-way back samples half of it").isCloseTo(0.5, within(1e-12));
        assertThat(out[2 * 5 + 2]).isZero();
        Augmentation.transform(FIVE, dot(2, 4), 0, 0, 0, 0, 0.5, out, 0);
        assertThat(out[2 * 5 + 3]).as("zoomed out by 2: half-way to the centre").isCloseTo(1, within(1e-12));
    }

    @Test
    void noZoomDrawsTheSameImagesAsShiftsAndRotationsAndAZoomDrawsOthers() {
        double[] image = new SplittableRandom(3).doubles(25).toArray();
        double[] plain = new double[25];
        double[] zeroZoom = new double[25];
        double[] zoomed = new double[25];
        Augmentation.shiftsAndRotations(1, 10).apply(FIVE, image, 0, new SplittableRandom(9), plain, 0);
        Augmentation.shiftsRotationsAndZoom(1, 10, 0).apply(FIVE, image, 0, new SplittableRandom(9), zeroZoom, 0);
        Augmentation.shiftsRotationsAndZoom(1, 10, 0.2).apply(FIVE, image, 0, new SplittableRandom(9), zoomed, 0);
        assertThat(zeroZoom).containsExactly(plain);
        assertThat(zoomed).isNotEqualTo(plain);
        assertThat(Augmentation.shiftsRotationsAndZoom(1, 10, 0.2).toString()).contains("zoom up to 0.2");
    }

    @Test
    void noMoveIsTheIdentityAndWholePixelsMoveExactly() {
        double[] image = new SplittableRandom(1).doubles(25).toArray();
        assertThat(moved(image, 0, 0, 0)).containsExactly(image);
        assertThat(moved(dot(1, 1), 2, 1, 0)).containsExactly(dot(2, 3));
        assertThat(moved(dot(4, 4), 1, 0, 0)).as("moved out of the image").containsOnly(0.0);
    }

    @Test
    void halfAPixelSharesTheValueBetweenNeighboursAndAQuarterTurnIsCounterClockwise() {
        double[] half = moved(dot(2, 2), 0.5, 0, 0);
        assertThat(half[2 * 5 + 2]).isCloseTo(0.5, within(1e-12));
        assertThat(half[2 * 5 + 3]).isCloseTo(0.5, within(1e-12));
        double[] turned = moved(dot(0, 2), 0, 0, 90);   // top centre to left centre
        assertThat(turned[2 * 5]).isCloseTo(1, within(1e-12));
        double sum = 0;
        for (double v : turned) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
    }

    @Test
    void trainingWithItIsSeededAndDiffersFromTrainingWithout() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = new double[24][25];
        int[] y = new int[24];
        for (int i = 0; i < 24; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 25; j++) {
                x[i][j] = random.nextDouble() * (j % 5 < 2 == (y[i] == 0) ? 1 : 0.2);
            }
        }
        LabeledData data = LabeledData.of(x, y, 2);
        NetworkSpec spec = NetworkSpec.builder(FIVE).conv2d(2, 3, Padding.SAME, Activation.RELU).flatten()
                .dense(2, Activation.SOFTMAX).build();
        Trainer.Builder b = Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(5).epochs(3)
                .seed(4);
        Trainer moving = b.augmentation(Augmentation.shiftsAndRotations(1, 15)).build();
        Network first = moving.train(spec, data);
        Network again = moving.train(spec, data);
        Network still = Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(5).epochs(3)
                .seed(4).build().train(spec, data);
        double[] w = ((Conv2dLayer) first.layers().get(0)).flatWeights();
        assertThat(((Conv2dLayer) again.layers().get(0)).flatWeights()).containsExactly(w);
        assertThat(((Conv2dLayer) still.layers().get(0)).flatWeights()).isNotEqualTo(w);
        assertThat(first.provenance().orElseThrow().hyperparameters()).containsKey("augmentation");
    }

    @Test
    void refusesBadBoundsAndAVectorInput() {
        assertThatThrownBy(() -> Augmentation.shiftsAndRotations(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxShift");
        assertThatThrownBy(() -> Augmentation.shiftsAndRotations(1, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDegrees");
        assertThatThrownBy(() -> Augmentation.shiftsRotationsAndZoom(1, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxZoom");
        LabeledData flat = LabeledData.of(new double[][] {new double[4]}, new int[] {0}, 2);
        assertThatThrownBy(() -> Trainer.builder().augmentation(Augmentation.shiftsAndRotations(1, 5)).build()
                .train(NetworkSpec.builder(4).layer(2, Activation.SOFTMAX).build(), flat))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Shape.image");
    }
}
