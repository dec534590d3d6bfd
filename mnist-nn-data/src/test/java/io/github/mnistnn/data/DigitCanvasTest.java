package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.data.DigitCanvas.Background;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigitCanvasTest {
    private static final int SIDE = Dataset.IMAGE_SIDE;

    /** {left, top, right, bottom} of the pixels above 0, inclusive. */
    private static int[] inkBox(double[] image) {
        int[] box = {SIDE, SIDE, -1, -1};
        for (int p = 0; p < image.length; p++) {
            if (image[p] > 0) {
                box[0] = Math.min(box[0], p % SIDE);
                box[1] = Math.min(box[1], p / SIDE);
                box[2] = Math.max(box[2], p % SIDE);
                box[3] = Math.max(box[3], p / SIDE);
            }
        }
        return box;
    }

    private static int boxWidth(int[] box) {
        return box[2] - box[0] + 1;
    }

    private static int boxHeight(int[] box) {
        return box[3] - box[1] + 1;
    }

    /** {column, row} of the centre of mass. */
    private static double[] centreOfMass(double[] image) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int p = 0; p < image.length; p++) {
            mass += image[p];
            x += image[p] * (p % SIDE);
            y += image[p] * (p / SIDE);
        }
        return new double[] {x / mass, y / mass};
    }

    private static double largestDifference(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double largest = 0;
        for (int p = 0; p < a.length; p++) {
            largest = Math.max(largest, Math.abs(a[p] - b[p]));
        }
        return largest;
    }

    private static void assertMnistRange(double[] image) {
        assertThat(image).hasSize(Dataset.PIXELS);
        for (int p = 0; p < image.length; p++) {
            if (!(image[p] >= 0 && image[p] <= 1)) {
                assertThat(image[p]).as("pixel %d", p).isBetween(0.0, 1.0);
            }
        }
    }

    /** An elliptic ring centred at (cx, cy) with outer radii rx, ry and the given thickness, full ink. */
    private static double[] ring(int width, int height, double cx, double cy, double rx, double ry, double thick) {
        double[] ink = new double[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x - cx) / rx;
                double v = (y - cy) / ry;
                double ui = (x - cx) / (rx - thick);
                double vi = (y - cy) / (ry - thick);
                if (u * u + v * v <= 1 && ui * ui + vi * vi >= 1) {
                    ink[y * width + x] = 1;
                }
            }
        }
        return ink;
    }

    private static double[] bar(int width, int height, int left, int top, int barWidth, int barHeight) {
        double[] ink = new double[width * height];
        for (int y = top; y < top + barHeight; y++) {
            for (int x = left; x < left + barWidth; x++) {
                ink[y * width + x] = 1;
            }
        }
        return ink;
    }

    @Test
    void scalesAnOffCentreNineToTwentyPixelsAndCentresItsMass() {
        int width = 280;
        int height = 200;
        // A "9": a ring with a stem down its right side, drawn off the canvas's centre.
        double[] ink = ring(width, height, 190, 80, 45, 45, 14);
        for (int y = 80; y <= 185; y++) {
            for (int x = 221; x <= 234; x++) {
                ink[y * width + x] = 1;
            }
        }
        int[] drawn = {width, height, -1, -1};
        for (int p = 0; p < ink.length; p++) {
            if (ink[p] > 0) {
                drawn[0] = Math.min(drawn[0], p % width);
                drawn[1] = Math.min(drawn[1], p / width);
                drawn[2] = Math.max(drawn[2], p % width);
                drawn[3] = Math.max(drawn[3], p / width);
            }
        }
        // Faint specks below the threshold, far from the ring, must not widen the box.
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            int p = random.nextInt(width * 30);
            ink[p] = Math.max(ink[p], 0.049 * random.nextDouble());
        }

        double[] image = DigitCanvas.toMnist(ink, width, height);

        assertMnistRange(image);
        int[] box = inkBox(image);
        int drawnWidth = drawn[2] - drawn[0] + 1;
        int drawnHeight = drawn[3] - drawn[1] + 1;
        assertThat(drawnHeight).isGreaterThan(drawnWidth);
        assertThat(boxHeight(box)).as("the longer side").isEqualTo(20);
        assertThat(boxWidth(box)).as("the shorter side").isEqualTo(Math.round(20.0 * drawnWidth / drawnHeight));
        double[] centre = centreOfMass(image);
        assertThat(centre[0]).as("column of the centre of mass").isCloseTo(14, within(0.5 + 1e-9));
        assertThat(centre[1]).as("row of the centre of mass").isCloseTo(14, within(0.5 + 1e-9));
        // Centred by its mass, not by its box: the stem pulls the mass right of the box's middle, the ring up.
        assertThat((box[0] + box[2]) / 2.0).as("middle column of the box").isLessThan(centre[0] - 1);
        assertThat((box[1] + box[3]) / 2.0).as("middle row of the box").isGreaterThan(centre[1] + 1);
    }

    @Test
    void keepsTheAspectRatioOfTallAndWideBars() {
        double[] tall = DigitCanvas.toMnist(bar(300, 300, 17, 203, 40, 80), 300, 300);
        double[] wide = DigitCanvas.toMnist(bar(300, 300, 211, 5, 80, 40), 300, 300);

        int[] tallBox = inkBox(tall);
        assertThat(new int[] {boxWidth(tallBox), boxHeight(tallBox)}).containsExactly(10, 20);
        int[] wideBox = inkBox(wide);
        assertThat(new int[] {boxWidth(wideBox), boxHeight(wideBox)}).containsExactly(20, 10);
        // Solid, and centred: the centre of mass is halfway between two pixels on both axes, which goes to 14.5.
        for (double[] image : new double[][] {tall, wide}) {
            int[] box = inkBox(image);
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    assertThat(image[y * SIDE + x]).isCloseTo(1.0, within(1e-12));
                }
            }
            assertThat(centreOfMass(image)).containsExactly(new double[] {14.5, 14.5}, within(1e-9));
        }
    }

    @Test
    void givesTheShippedDigitsBackAsTheyAre() {
        Dataset train = ShippedMnist.subset().training();
        double[] digit = new double[Dataset.PIXELS];
        int unchanged = 0;
        int stretched = 0;
        double worst = 0;
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, digit, 0);
            double[] again = DigitCanvas.toMnist(digit, SIDE, SIDE);
            assertMnistRange(again);
            int[] box = inkBox(digit);
            if (Math.max(boxWidth(box), boxHeight(box)) < 20) {
                // MNIST's anti-aliasing left one digit's ink 19 pixels long: it is stretched to 20.
                int[] after = inkBox(again);
                assertThat(Math.max(boxWidth(after), boxHeight(after))).as("image %d", i).isEqualTo(20);
                stretched++;
                continue;
            }
            // Every pixel is as it was, except ink too faint to count that lay outside the box: dropped.
            boolean same = true;
            double difference = 0;
            for (int p = 0; p < Dataset.PIXELS; p++) {
                if (again[p] != digit[p]) {
                    same = false;
                    assertThat(again[p]).as("image %d pixel %d", i, p).isZero();
                    assertThat(digit[p]).as("image %d pixel %d", i, p).isLessThanOrEqualTo(DigitCanvas.INK_THRESHOLD);
                    difference += digit[p];
                }
            }
            worst = Math.max(worst, difference / Dataset.PIXELS);
            if (same) {
                unchanged++;
            }
        }
        assertThat(stretched).isEqualTo(1);
        // Measured: 934 of the 1,000 come back bit for bit; the other 65 lose a few pixels of 12/255 or less, at
        // most 90/255 of ink in all, a mean absolute difference of 4.5e-4.
        assertThat(unchanged).isEqualTo(934);
        assertThat(worst).as("the largest mean absolute difference").isLessThan(5e-4);
    }

    @Test
    void givesAShippedDigitDrawnTenTimesLargerBackAsItWas() {
        Dataset test = ShippedMnist.small().test();
        double[] digit = new double[Dataset.PIXELS];
        int width = 400;
        int height = 330;
        for (int i = 0; i < test.size(); i++) {
            test.copyFeatures(i, digit, 0);
            double[] canvas = new double[width * height];
            int left = 13 + 9 * i;
            int top = 41 - 3 * i;
            for (int y = 0; y < 10 * SIDE; y++) {
                for (int x = 0; x < 10 * SIDE; x++) {
                    canvas[(top + y) * width + left + x] = digit[(y / 10) * SIDE + x / 10];
                }
            }
            // Averaging each 10x10 block gives the pixel back, up to rounding in the sums: the drawing comes
            // out as the digit itself does (which is the digit, or it less some faint pixels outside its box).
            double[] large = DigitCanvas.toMnist(canvas, width, height);
            assertThat(largestDifference(large, DigitCanvas.toMnist(digit, SIDE, SIDE))).as("image %d", i)
                    .isLessThan(1e-12);
        }
    }

    @Test
    void makesASinglePixelOfInkIntoAFullBox() {
        double[] ink = new double[50 * 50];
        ink[41 * 50 + 3] = 0.6;
        double[] image = DigitCanvas.toMnist(ink, 50, 50);

        assertThat(inkBox(image)).containsExactly(5, 5, 24, 24);
        for (int y = 5; y < 25; y++) {
            for (int x = 5; x < 25; x++) {
                assertThat(image[y * SIDE + x]).isEqualTo(0.6);
            }
        }
        double[] one = DigitCanvas.toMnist(new double[] {1}, 1, 1);
        assertThat(inkBox(one)).containsExactly(5, 5, 24, 24);
        assertThat(centreOfMass(one)).containsExactly(new double[] {14.5, 14.5}, within(1e-9));
    }

    @Test
    void clipsInkShiftedBeyondTheField() {
        // A heavy block at the left end of a long faint tail: the centre of mass sits near the left of the box,
        // so centring it pushes the tail's end past the right edge of the field.
        int width = 200;
        int height = 10;
        double[] ink = new double[width * height];
        for (int p = 0; p < ink.length; p++) {
            ink[p] = p % width < 20 ? 1 : 0.11;
        }
        double[] image = DigitCanvas.toMnist(ink, width, height);

        assertMnistRange(image);
        // Scaled to 20x1: columns 0..1 full, 2..19 at 0.11; centre of mass 5.45, shifted by 9, column 19 lost.
        assertThat(inkBox(image)).containsExactly(9, 14, 27, 14);
        assertThat(image[14 * SIDE + 9]).isCloseTo(1, within(1e-12));
        assertThat(image[14 * SIDE + 27]).isCloseTo(0.11, within(1e-12));
    }

    @Test
    void readsArgbDrawingsOnEitherBackground() {
        int width = 90;
        int height = 120;
        double[] ink = ring(width, height, 40, 65, 30, 45, 8);
        int[] blackOnWhite = new int[ink.length];
        int[] whiteOnBlack = new int[ink.length];
        int[] blackPenOnTransparent = new int[ink.length];
        int[] whitePenOnTransparent = new int[ink.length];
        for (int p = 0; p < ink.length; p++) {
            // Grey levels too, so that the conversion is checked beyond black and white: ink in 255ths.
            int level = ink[p] > 0 ? 255 - 40 * (p % 3) : 0;
            ink[p] = level / 255.0;
            int grey = 255 - level;
            blackOnWhite[p] = 0xFF000000 | grey << 16 | grey << 8 | grey;
            whiteOnBlack[p] = 0xFF000000 | level << 16 | level << 8 | level;
            blackPenOnTransparent[p] = level << 24;
            whitePenOnTransparent[p] = level << 24 | 0xFFFFFF;
        }
        double[] expected = DigitCanvas.toMnist(ink, width, height);

        assertThat(largestDifference(DigitCanvas.toMnist(blackOnWhite, width, height, Background.WHITE), expected))
                .as("black on white").isLessThan(1e-9);
        assertThat(largestDifference(DigitCanvas.toMnist(whiteOnBlack, width, height, Background.BLACK), expected))
                .as("white on black").isLessThan(1e-9);
        assertThat(largestDifference(
                DigitCanvas.toMnist(blackPenOnTransparent, width, height, Background.WHITE), expected))
                .as("black pen on transparent").isLessThan(1e-9);
        assertThat(largestDifference(
                DigitCanvas.toMnist(whitePenOnTransparent, width, height, Background.BLACK), expected))
                .as("white pen on transparent").isLessThan(1e-9);
        // On the wrong background a black pen leaves no ink.
        assertThatThrownBy(() -> DigitCanvas.toMnist(blackPenOnTransparent, width, height, Background.BLACK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the canvas is empty");
    }

    @Test
    void givesFiniteValuesInTheUnitRangeForAnyCanvas() {
        Random random = new Random(13);
        int[][] sizes = {{1, 1}, {1, 1000}, {1000, 1}, {2, 3}, {3, 2}, {7, 500}, {29, 27}, {300, 280}};
        for (int trial = 0; trial < 60; trial++) {
            int width = trial < sizes.length ? sizes[trial][0] : 1 + random.nextInt(300);
            int height = trial < sizes.length ? sizes[trial][1] : 1 + random.nextInt(300);
            double[] ink = new double[width * height];
            int strokes = 1 + random.nextInt(5);
            for (int s = 0; s < strokes; s++) {
                int x = random.nextInt(width);
                int y = random.nextInt(height);
                int w = 1 + random.nextInt(width - x);
                int h = 1 + random.nextInt(height - y);
                double value = 0.06 + 0.94 * random.nextDouble();
                for (int yy = y; yy < y + h; yy++) {
                    for (int xx = x; xx < x + w; xx++) {
                        ink[yy * width + xx] = value;
                    }
                }
            }
            double[] image = DigitCanvas.toMnist(ink, width, height);
            assertMnistRange(image);
            double mass = 0;
            for (double v : image) {
                mass += v;
            }
            assertThat(mass).as("%dx%d", width, height).isPositive();
            int[] box = inkBox(image);
            assertThat(Math.max(boxWidth(box), boxHeight(box))).as("%dx%d", width, height).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void refusesAnEmptyCanvas() {
        assertThatThrownBy(() -> DigitCanvas.toMnist(new double[30 * 20], 30, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the canvas is empty: no pixel above the ink threshold 0.05 in 30x20 pixels");
        double[] faint = new double[30 * 20];
        Arrays.fill(faint, DigitCanvas.INK_THRESHOLD);
        assertThatThrownBy(() -> DigitCanvas.toMnist(faint, 30, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the canvas is empty");
        int[] white = new int[30 * 20];
        Arrays.fill(white, 0xFFFFFFFF);
        assertThatThrownBy(() -> DigitCanvas.toMnist(white, 30, 20, Background.WHITE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the canvas is empty");
    }

    @Test
    void refusesSizesThatDoNotFitTheArray() {
        assertThatThrownBy(() -> DigitCanvas.toMnist(new double[0], 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("width must be at least 1, got 0");
        assertThatThrownBy(() -> DigitCanvas.toMnist(new int[0], 5, -2, Background.WHITE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("height must be at least 1, got -2");
        assertThatThrownBy(() -> DigitCanvas.toMnist(new double[11], 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ink has 11 values, but width * height = 3 * 4 = 12");
        // 65536 * 65536 is 0 in int arithmetic, which would match the empty array.
        assertThatThrownBy(() -> DigitCanvas.toMnist(new double[0], 65536, 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ink has 0 values, but width * height = 65536 * 65536 = 4294967296");
        assertThatThrownBy(() -> DigitCanvas.toMnist(new int[1], Integer.MAX_VALUE, Integer.MAX_VALUE,
                Background.BLACK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("argb has 1 values, but width * height");
    }

    @Test
    void refusesNaNAndValuesOutsideTheUnitRange() {
        for (double bad : new double[] {Double.NaN, -1e-9, 1.0000001, Double.POSITIVE_INFINITY}) {
            double[] ink = new double[5 * 4];
            ink[0] = 1;
            ink[7] = bad;
            assertThatThrownBy(() -> DigitCanvas.toMnist(ink, 5, 4)).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ink[7] (x 2, y 1) is " + bad + ", but ink values lie in [0, 1]");
        }
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> DigitCanvas.toMnist((double[]) null, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ink is null");
        assertThatThrownBy(() -> DigitCanvas.toMnist((int[]) null, 2, 2, Background.WHITE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("argb is null");
        assertThatThrownBy(() -> DigitCanvas.toMnist(new int[4], 2, 2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("background is null");
    }
}
