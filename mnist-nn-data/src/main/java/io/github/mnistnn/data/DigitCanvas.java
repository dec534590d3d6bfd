package io.github.mnistnn.data;

import java.util.function.IntToDoubleFunction;

/**
 * A digit drawn on a canvas of any size, made into a 28x28 image the way MNIST made its digits, so that a
 * network trained on MNIST can read it:
 *
 * <ol>
 *   <li>the <b>bounding box</b> of the ink is the smallest rectangle holding every pixel whose ink is above
 *       {@link #INK_THRESHOLD}; whatever lies outside it is dropped;</li>
 *   <li>the box is <b>scaled</b> so that its longer side is {@link #BOX_SIDE} (20) pixels and its shorter side
 *       {@code round(shorter * 20 / longer)} pixels, at least 1, which keeps the aspect ratio to within that
 *       rounding. Each axis is resampled on its own: by area averaging (each new pixel is the mean of the old
 *       pixels it covers, weighted by how much of each it covers) where the side shrinks or stays, and
 *       bilinearly (old pixels read at their centres, the edge pixels extended) where it grows;</li>
 *   <li>the scaled box is <b>placed</b> in a blank 28x28 field, shifted by whole pixels so that the centre of
 *       mass of its ink lands as close as it can to pixel (14, 14), column and row counted from 0: the shift is
 *       {@code Math.round(14 - c)} on each axis for the box's centre of mass {@code c}, so the result's centre of
 *       mass lies in (13.5, 14.5], halfway cases going to 14.5 (to within 1e-9 of rounding in the sums). The
 *       centres of mass of the 1,000 shipped training digits lie in 13.501..14.500: MNIST placed them the same
 *       way, and they come back from here as they were, but for faint pixels outside their box (see
 *       {@link #INK_THRESHOLD}). Whole-pixel shifts keep the strokes as sharp as the scaling left them. Ink
 *       shifted beyond the field is clipped, so a box whose centre of mass is very far from its middle (a long
 *       faint tail on a heavy blob) loses the end of the tail, and its centre of mass then moves off
 *       (14, 14).</li>
 * </ol>
 *
 * <p>The result has 784 values in [0, 1], row by row, 0 the background and 1 full ink: the pixels
 * {@link Dataset#copyFeatures} gives, ready for {@code Network.predict}. They are not rounded to MNIST's
 * 1/255 steps.
 *
 * <p>Ink comes either as values in [0, 1] (0 the background, 1 full ink, as MNIST stores white on black), or as
 * ARGB pixels with the {@link Background} they were drawn on. Bad input throws {@link IllegalArgumentException}
 * naming the argument and what is wrong with it, and so does a canvas with no ink above the threshold.
 *
 * <pre>{@code
 * double[] ink = new double[280 * 200];                // row by row, 0 = background, 1 = ink
 * for (int y = 30; y < 170; y++) {
 *     for (int x = 150; x < 175; x++) {
 *         ink[y * 280 + x] = 1;                        // a thick upright bar, a "1"
 *     }
 * }
 * double[] input = DigitCanvas.toMnist(ink, 280, 200); // 784 values in [0, 1]
 * int digit = network.predict(input);
 * }</pre>
 */
public final class DigitCanvas {
    /**
     * The ink above which a pixel belongs to the digit's bounding box, a twentieth of full ink (about 13 of
     * 255): above the noise of a lossily compressed background, below all but the faintest anti-aliasing.
     * Fainter pixels inside the box are kept, those outside it dropped: 65 of the 1,000 shipped training digits
     * lose a few such pixels, at most 90/255 of ink in all, and none of them moves for it.
     */
    public static final double INK_THRESHOLD = 0.05;
    /** The longer side of the scaled bounding box, in pixels, as in MNIST. */
    public static final int BOX_SIDE = 20;

    private static final int SIDE = Dataset.IMAGE_SIDE;
    private static final int CENTRE = SIDE / 2;
    /**
     * Sums of many doubles are not exact, so a centre of mass meant to be halfway between two pixels, as a
     * symmetric shape's is, may come out a hair to either side: within this it counts as halfway.
     */
    private static final double HALF_TOLERANCE = 1e-9;

    /**
     * What a drawing in ARGB pixels was drawn on. A pixel's grey is its luma
     * {@code (0.299 R + 0.587 G + 0.114 B) / 255}, composited by its alpha over the background, so a transparent
     * pixel is background: a pen's strokes on a transparent web canvas read as ink on either background, as long
     * as the pen is dark for {@link #WHITE} and light for {@link #BLACK}.
     */
    public enum Background {
        /** Dark ink on white: ink is {@code 1 - grey}. */
        WHITE,
        /** Light ink on black, as MNIST stores its digits: ink is the grey itself. */
        BLACK
    }

    private DigitCanvas() {
    }

    /**
     * The MNIST image of a digit given as ink values.
     *
     * @param ink {@code width * height} values, row by row, each in [0, 1]: 0 the background, 1 full ink
     * @param width the canvas width in pixels, at least 1
     * @param height the canvas height in pixels, at least 1
     * @return 784 values in [0, 1], row by row, as a new array
     * @throws IllegalArgumentException if {@code ink} is null, a size is below 1, the length is not
     *     {@code width * height}, a value is NaN or outside [0, 1], or no value is above {@link #INK_THRESHOLD}
     */
    public static double[] toMnist(double[] ink, int width, int height) {
        checkShape(ink == null ? -1 : ink.length, "ink", width, height);
        for (int p = 0; p < ink.length; p++) {
            double v = ink[p];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("ink[" + p + "] (x " + p % width + ", y " + p / width + ") is "
                        + v + ", but ink values lie in [0, 1]");
            }
        }
        return frame(p -> ink[p], width, height);
    }

    /**
     * The MNIST image of a digit given as ARGB pixels, as {@code BufferedImage.getRGB} gives them. A web canvas's
     * {@code ImageData} holds R, G, B, A bytes: pack each pixel as {@code (a << 24) | (r << 16) | (g << 8) | b}.
     *
     * <pre>{@code
     * BufferedImage drawing = ImageIO.read(new File("digit.png"));
     * int w = drawing.getWidth();
     * int h = drawing.getHeight();
     * int[] argb = drawing.getRGB(0, 0, w, h, null, 0, w);
     * double[] input = DigitCanvas.toMnist(argb, w, h, DigitCanvas.Background.WHITE);
     * }</pre>
     *
     * @param argb {@code width * height} pixels, row by row, alpha in the top byte
     * @param width the canvas width in pixels, at least 1
     * @param height the canvas height in pixels, at least 1
     * @param background what the digit was drawn on
     * @return 784 values in [0, 1], row by row, as a new array
     * @throws IllegalArgumentException if {@code argb} or {@code background} is null, a size is below 1, the
     *     length is not {@code width * height}, or no pixel's ink is above {@link #INK_THRESHOLD}
     */
    public static double[] toMnist(int[] argb, int width, int height, Background background) {
        checkShape(argb == null ? -1 : argb.length, "argb", width, height);
        if (background == null) {
            throw new IllegalArgumentException("background is null; say whether the digit is drawn on WHITE or "
                    + "BLACK");
        }
        boolean white = background == Background.WHITE;
        return frame(p -> ink(argb[p], white), width, height);
    }

    /** The ink of one ARGB pixel on the given background. */
    private static double ink(int argb, boolean whiteBackground) {
        double alpha = (argb >>> 24) / 255.0;
        double luma = (0.299 * (argb >>> 16 & 0xFF) + 0.587 * (argb >>> 8 & 0xFF) + 0.114 * (argb & 0xFF)) / 255.0;
        double grey = alpha * luma + (1 - alpha) * (whiteBackground ? 1 : 0);
        return clamp(whiteBackground ? 1 - grey : grey);
    }

    private static void checkShape(int length, String name, int width, int height) {
        if (length < 0) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be at least 1, got " + height);
        }
        long pixels = (long) width * height;
        if (length != pixels) {
            throw new IllegalArgumentException(name + " has " + length + " values, but width * height = " + width
                    + " * " + height + " = " + pixels);
        }
    }

    /** Crops, scales and centres; {@code ink} gives values in [0, 1] for indices below width * height. */
    private static double[] frame(IntToDoubleFunction ink, int width, int height) {
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (ink.applyAsDouble(row + x) > INK_THRESHOLD) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = y;
                }
            }
        }
        if (right < 0) {
            throw new IllegalArgumentException("the canvas is empty: no pixel above the ink threshold "
                    + INK_THRESHOLD + " in " + width + "x" + height + " pixels");
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        int longer = Math.max(boxWidth, boxHeight);
        int scaledWidth = scaledSide(boxWidth, longer);
        int scaledHeight = scaledSide(boxHeight, longer);

        Resampling across = Resampling.of(boxWidth, scaledWidth);
        double[] rows = new double[boxHeight * scaledWidth];
        for (int y = 0; y < boxHeight; y++) {
            int source = (top + y) * width + left;
            for (int j = 0; j < scaledWidth; j++) {
                double sum = 0;
                double[] w = across.weights[j];
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * ink.applyAsDouble(source + across.first[j] + k);
                }
                rows[y * scaledWidth + j] = sum;
            }
        }
        Resampling down = Resampling.of(boxHeight, scaledHeight);
        double[] box = new double[scaledHeight * scaledWidth];
        for (int i = 0; i < scaledHeight; i++) {
            double[] w = down.weights[i];
            for (int k = 0; k < w.length; k++) {
                int source = (down.first[i] + k) * scaledWidth;
                for (int x = 0; x < scaledWidth; x++) {
                    box[i * scaledWidth + x] += w[k] * rows[source + x];
                }
            }
        }
        return centred(box, scaledWidth, scaledHeight);
    }

    private static int scaledSide(int side, int longer) {
        return side == longer ? BOX_SIDE : (int) Math.max(1, Math.round((double) side * BOX_SIDE / longer));
    }

    /**
     * The box placed in the 28x28 field by whole pixels, its centre of mass nearest (14, 14), clipped to the
     * field. The mass is positive: every pixel of the box above the threshold gets a positive weight.
     */
    private static double[] centred(double[] box, int width, int height) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = box[y * width + x];
                mass += v;
                sumX += x * v;
                sumY += y * v;
            }
        }
        int shiftX = (int) Math.round(CENTRE - sumX / mass + HALF_TOLERANCE);
        int shiftY = (int) Math.round(CENTRE - sumY / mass + HALF_TOLERANCE);
        double[] image = new double[Dataset.PIXELS];
        for (int y = 0; y < height; y++) {
            int ty = y + shiftY;
            if (ty < 0 || ty >= SIDE) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                int tx = x + shiftX;
                if (tx >= 0 && tx < SIDE) {
                    image[ty * SIDE + tx] = clamp(box[y * width + x]);
                }
            }
        }
        return image;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The weights that make {@code to} pixels out of {@code from}: new pixel j is a weighted sum from first[j]. */
    private static final class Resampling {
        final int[] first;
        final double[][] weights;

        private Resampling(int to) {
            first = new int[to];
            weights = new double[to][];
        }

        static Resampling of(int from, int to) {
            Resampling r = new Resampling(to);
            double step = (double) from / to;
            for (int j = 0; j < to; j++) {
                if (to <= from) {
                    // Area averaging: new pixel j covers old [lo, hi); exact integers when from == to.
                    double lo = (double) j * from / to;
                    double hi = (double) (j + 1) * from / to;
                    int a = (int) Math.floor(lo);
                    int b = Math.min(from, (int) Math.ceil(hi));
                    double[] w = new double[b - a];
                    for (int i = a; i < b; i++) {
                        w[i - a] = (Math.min(i + 1, hi) - Math.max(i, lo)) / (hi - lo);
                    }
                    r.first[j] = a;
                    r.weights[j] = w;
                } else {
                    // Bilinear: new pixel j's centre read between the centres of the old pixels around it.
                    double u = Math.max(0, Math.min(from - 1, (j + 0.5) * step - 0.5));
                    int a = Math.min(from - 1, (int) Math.floor(u));
                    double f = u - a;
                    r.first[j] = a;
                    r.weights[j] = a == from - 1 ? new double[] {1} : new double[] {1 - f, f};
                }
            }
            return r;
        }
    }
}
