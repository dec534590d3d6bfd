package io.github.mnistnn.data;

import java.util.Objects;

/**
 * Deslanting: straightens each image by its second-order moments, the classic preprocessing that makes
 * slanted handwriting upright. For an image with intensities {@code I(x, y)} (x the column, y the row, both
 * 0..27) it takes the centre of mass {@code (cx, cy)}, the central moments
 * {@code mu11 = sum (x - cx)(y - cy) I / sum I} and {@code mu02 = sum (y - cy)^2 I / sum I}, and the skew
 * {@code alpha = mu11 / mu02}, the slope {@code dx/dy} of the best-fitting line through the ink. It then shears
 * each row: the new pixel {@code (x, y)} is the old image at {@code (x + alpha (y - cy), y)}, so a stroke that
 * leans by {@code alpha} becomes vertical through {@code cx}, and the row through the centre of mass stays
 * where it is. Sampling is bilinear (along a row only, as the shear keeps rows), outside the image counts as
 * blank, and values are rounded and clamped to 0..255 so the result is again a {@link Dataset}. An image with
 * {@code mu02 = 0} (blank, or all its ink in one row) is left as it is.
 *
 * <pre>{@code
 * TrainAndTest data = ShippedMnist.subset();
 * Dataset upright = Deskew.apply(data.training().digitTask(0, 1, 2, 3)); // same labels, deslanted pixels
 * }</pre>
 */
public final class Deskew {
    private static final int SIDE = Dataset.IMAGE_SIDE;
    /** Beyond this shift (in pixels) a row is entirely outside the image; clamping keeps the index math in range. */
    private static final double MAX_SHIFT = SIDE + 2;

    private Deskew() {
    }

    /**
     * Deslants every image.
     *
     * @param data the images
     * @return a new dataset with the deslanted images and the same labels, digits and digit task
     * @throws NullPointerException if {@code data} is null
     */
    public static Dataset apply(Dataset data) {
        Objects.requireNonNull(data, "data");
        byte[] src = data.sharedPixels();
        byte[] dst = new byte[src.length];
        for (int offset = 0; offset < src.length; offset += Dataset.PIXELS) {
            deskewImage(src, offset, dst);
        }
        return data.withPixels(dst);
    }

    /**
     * The skew {@code alpha = mu11 / mu02} of one image, the horizontal shift per row of its ink.
     *
     * @param src pixels of many images
     * @param offset the first pixel of the image
     * @return the skew, or 0 when {@code mu02 = 0}
     */
    static double skew(byte[] src, int offset) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < SIDE; y++) {
            int row = offset + y * SIDE;
            for (int x = 0; x < SIDE; x++) {
                int v = src[row + x] & 0xFF;
                mass += v;
                sumX += x * v;
                sumY += y * v;
            }
        }
        if (mass == 0) {
            return 0;
        }
        double cx = sumX / mass;
        double cy = sumY / mass;
        double mu11 = 0;
        double mu02 = 0;
        for (int y = 0; y < SIDE; y++) {
            int row = offset + y * SIDE;
            double dy = y - cy;
            double rowMass = 0;
            double rowX = 0;
            for (int x = 0; x < SIDE; x++) {
                int v = src[row + x] & 0xFF;
                rowMass += v;
                rowX += (x - cx) * v;
            }
            mu11 += dy * rowX;
            mu02 += dy * dy * rowMass;
        }
        return mu02 == 0 ? 0 : mu11 / mu02;
    }

    /** The row of the centre of mass of one image, or 0 for a blank image. */
    private static double centreRow(byte[] src, int offset) {
        double mass = 0;
        double sumY = 0;
        for (int y = 0; y < SIDE; y++) {
            int row = offset + y * SIDE;
            int rowMass = 0;
            for (int x = 0; x < SIDE; x++) {
                rowMass += src[row + x] & 0xFF;
            }
            mass += rowMass;
            sumY += (double) y * rowMass;
        }
        return mass == 0 ? 0 : sumY / mass;
    }

    /** Writes the deslanted image at {@code offset} of {@code src} to the same place in {@code dst}. */
    static void deskewImage(byte[] src, int offset, byte[] dst) {
        double alpha = skew(src, offset);
        if (alpha == 0) {
            System.arraycopy(src, offset, dst, offset, Dataset.PIXELS);
            return;
        }
        double cy = centreRow(src, offset);
        for (int y = 0; y < SIDE; y++) {
            int row = offset + y * SIDE;
            double shift = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, alpha * (y - cy)));
            int whole = (int) Math.floor(shift);
            double f = shift - whole;
            for (int x = 0; x < SIDE; x++) {
                int left = x + whole;
                double a = left >= 0 && left < SIDE ? src[row + left] & 0xFF : 0;
                double b = left + 1 >= 0 && left + 1 < SIDE ? src[row + left + 1] & 0xFF : 0;
                long v = Math.round((1 - f) * a + f * b);
                dst[row + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }
}
