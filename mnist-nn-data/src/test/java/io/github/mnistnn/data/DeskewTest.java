package io.github.mnistnn.data;

import static io.github.mnistnn.data.SyntheticImages.columnSpread;
import static io.github.mnistnn.data.SyntheticImages.dataset;
import static io.github.mnistnn.data.SyntheticImages.mass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeskewTest {

    @Test
    void makesALineSlantedEitherWayVertical() {
        for (double slope : new double[] {0.5, -0.5, 0.3}) {
            byte[] slanted = SyntheticImages.slantedLine(slope);
            byte[] upright = Deskew.apply(dataset(slanted)).image(0);
            // Before: the line spans 20 rows * slope columns. After: at most the staircase of the drawn line.
            assertThat(columnSpread(slanted)).as("slope %s before", slope).isGreaterThan(1.5);
            assertThat(columnSpread(upright)).as("slope %s after", slope).isLessThanOrEqualTo(0.5)
                    .isLessThan(columnSpread(slanted) / 3);
        }
    }

    @Test
    void measuresTheSlopeOfASlantedLineAsItsSkew() {
        assertThat(Deskew.skew(SyntheticImages.slantedLine(0.5), 0)).isCloseTo(0.5, within(0.02));
        assertThat(Deskew.skew(SyntheticImages.slantedLine(-0.5), 0)).isCloseTo(-0.5, within(0.02));
    }

    @Test
    void leavesAnUprightImageAsItIs() {
        byte[] ring = SyntheticImages.uprightRing();
        byte[] after = Deskew.apply(dataset(ring)).image(0);
        for (int p = 0; p < ring.length; p++) {
            assertThat(Math.abs((after[p] & 0xFF) - (ring[p] & 0xFF))).as("pixel %d", p).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void leavesBlankAndSingleRowImagesAsTheyAre() {
        byte[] blank = new byte[Dataset.PIXELS];
        byte[] row = new byte[Dataset.PIXELS];
        for (int x = 3; x < 20; x++) {
            row[10 * Dataset.IMAGE_SIDE + x] = (byte) (10 * x);
        }
        Dataset after = Deskew.apply(dataset(blank, row));
        assertThat(after.image(0)).isEqualTo(blank);
        assertThat(after.image(1)).isEqualTo(row);
    }

    @Test
    void keepsLabelsDigitsAndTheDigitTaskAndLeavesItsInputAlone() {
        Dataset task = ShippedMnist.subset().test().digitTask(7, 2);
        long before = task.fingerprint();
        Dataset after = Deskew.apply(task);
        assertThat(task.fingerprint()).isEqualTo(before);
        assertThat(after.size()).isEqualTo(task.size());
        assertThat(after.classCount()).isEqualTo(3);
        assertThat(after.taskDigits()).containsExactly(7, 2);
        for (int i = 0; i < task.size(); i++) {
            assertThat(after.label(i)).isEqualTo(task.label(i));
            assertThat(after.digit(i)).isEqualTo(task.digit(i));
        }
        assertThat(after.fingerprint()).as("the pixels did change").isNotEqualTo(before);
    }

    @Test
    void keepsTheInkOfTheShippedImagesAndStraightensThem() {
        Dataset train = ShippedMnist.subset().training();
        Dataset after = Deskew.apply(train);
        double skewBefore = 0;
        double skewAfter = 0;
        for (int i = 0; i < train.size(); i++) {
            long inkBefore = mass(train.image(i));
            long inkAfter = mass(after.image(i));
            assertThat((double) inkAfter).as("ink of image %d", i)
                    .isCloseTo(inkBefore, within(0.05 * inkBefore));
            skewBefore += Math.abs(Deskew.skew(train.image(i), 0));
            skewAfter += Math.abs(Deskew.skew(after.image(i), 0));
        }
        assertThat(skewAfter).as("mean |skew| after").isLessThan(0.2 * skewBefore);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Deskew.apply(null)).isInstanceOf(NullPointerException.class).hasMessage("data");
    }
}
