package io.github.mnistnn;

import java.util.SplittableRandom;

/**
 * Data augmentation for image inputs, a {@link Trainer} option: every time a training image is used it is shifted
 * and rotated by a fresh random amount (uniform in {@code [-maxShift, maxShift]} pixels in each direction and
 * {@code [-maxDegrees, maxDegrees]} about the centre), and optionally zoomed about the centre by a factor uniform
 * in {@code [1 - maxZoom, 1 + maxZoom]}, sampled bilinearly, with 0 (the background) outside the image. It is
 * done on the host, from the trainer's seed, so every backend trains on the same images and a seed gives the same
 * run. The test data is never augmented.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder().augmentation(Augmentation.shiftsAndRotations(2, 10)).build();
 * Trainer zooming = Trainer.builder().augmentation(Augmentation.shiftsRotationsAndZoom(2, 10, 0.1)).build();
 * }</pre>
 */
public final class Augmentation {
    private final double maxShift;
    private final double maxDegrees;
    private final double maxZoom;

    private Augmentation(double maxShift, double maxDegrees, double maxZoom) {
        this.maxShift = maxShift;
        this.maxDegrees = maxDegrees;
        this.maxZoom = maxZoom;
    }

    /**
     * Random shifts and rotations.
     *
     * @param maxShift the largest shift in pixels, each way, at least 0
     * @param maxDegrees the largest rotation in degrees, each way, in [0, 180]
     * @return the augmentation
     * @throws IllegalArgumentException if a bound is negative, not finite, or the rotation passes 180 degrees
     */
    public static Augmentation shiftsAndRotations(double maxShift, double maxDegrees) {
        return shiftsRotationsAndZoom(maxShift, maxDegrees, 0);
    }

    /**
     * Random shifts, rotations and zooms. A zoom of 0 draws no zoom factor, so it gives exactly the images of
     * {@link #shiftsAndRotations} with the same seed.
     *
     * @param maxShift the largest shift in pixels, each way, at least 0
     * @param maxDegrees the largest rotation in degrees, each way, in [0, 180]
     * @param maxZoom the largest change of scale, each way, in [0, 1): 0.1 zooms by 0.9 to 1.1
     * @return the augmentation
     * @throws IllegalArgumentException if a bound is negative, not finite, the rotation passes 180 degrees or the
     *     zoom reaches 1
     */
    public static Augmentation shiftsRotationsAndZoom(double maxShift, double maxDegrees, double maxZoom) {
        if (!(maxShift >= 0) || Double.isInfinite(maxShift)) {
            throw new IllegalArgumentException("maxShift must be finite and at least 0, got " + maxShift);
        }
        if (!(maxDegrees >= 0 && maxDegrees <= 180)) {
            throw new IllegalArgumentException("maxDegrees must be in [0, 180], got " + maxDegrees);
        }
        if (!(maxZoom >= 0 && maxZoom < 1)) {
            throw new IllegalArgumentException("maxZoom must be in [0, 1), got " + maxZoom);
        }
        return new Augmentation(maxShift, maxDegrees, maxZoom);
    }

    /**
     * The largest shift.
     *
     * @return pixels, each way
     */
    public double maxShift() {
        return maxShift;
    }

    /**
     * The largest rotation.
     *
     * @return degrees, each way
     */
    public double maxDegrees() {
        return maxDegrees;
    }

    /**
     * The largest zoom.
     *
     * @return the change of scale, each way; 0 for none
     */
    public double maxZoom() {
        return maxZoom;
    }

    /** Draws one image's shift, rotation and zoom and writes the moved image. */
    void apply(Shape shape, double[] src, int srcOffset, SplittableRandom random, double[] dst, int dstOffset) {
        double dx = (2 * random.nextDouble() - 1) * maxShift;
        double dy = (2 * random.nextDouble() - 1) * maxShift;
        double degrees = (2 * random.nextDouble() - 1) * maxDegrees;
        double scale = maxZoom > 0 ? 1 + (2 * random.nextDouble() - 1) * maxZoom : 1;
        transform(shape, src, srcOffset, dx, dy, degrees, scale, dst, dstOffset);
    }

    /**
     * Writes the image zoomed by {@code scale} and rotated by {@code degrees} (counter-clockwise as displayed,
     * rows going down) about its centre and then shifted by {@code dx} columns and {@code dy} rows, each output
     * pixel sampled bilinearly from the input at the point that lands on it, 0 outside.
     */
    static void transform(Shape shape, double[] src, int srcOffset, double dx, double dy, double degrees,
            double scale, double[] dst, int dstOffset) {
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        double radians = StrictMath.toRadians(degrees);
        double cos = StrictMath.cos(radians);
        double sin = StrictMath.sin(radians);
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // the inverse map: undo the shift, then the zoom, then the rotation
                double u = (x - dx - cx) / scale;
                double v = (y - dy - cy) / scale;
                double sx = cos * u - sin * v + cx;
                double sy = sin * u + cos * v + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                int out = dstOffset + (y * w + x) * c;
                for (int ch = 0; ch < c; ch++) {
                    double top = (1 - fx) * pixel(src, srcOffset, h, w, c, y0, x0, ch)
                            + fx * pixel(src, srcOffset, h, w, c, y0, x0 + 1, ch);
                    double bottom = (1 - fx) * pixel(src, srcOffset, h, w, c, y0 + 1, x0, ch)
                            + fx * pixel(src, srcOffset, h, w, c, y0 + 1, x0 + 1, ch);
                    dst[out + ch] = (1 - fy) * top + fy * bottom;
                }
            }
        }
    }

    private static double pixel(double[] src, int offset, int h, int w, int c, int y, int x, int ch) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0 : src[offset + (y * w + x) * c + ch];
    }

    @Override
    public String toString() {
        return "shifts up to " + maxShift + " px, rotations up to " + maxDegrees + " degrees"
                + (maxZoom > 0 ? ", zoom up to " + maxZoom : "");
    }
}
