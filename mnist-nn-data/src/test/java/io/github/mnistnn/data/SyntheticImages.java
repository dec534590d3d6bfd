package io.github.mnistnn.data;

/** Hand-drawn 28x28 images for the preprocessing tests. */
final class SyntheticImages {
    static final int SIDE = Dataset.IMAGE_SIDE;

    private SyntheticImages() {
    }

    /** A one-pixel-wide line of full ink through rows 4..23 that moves {@code slope} columns right per row. */
    static byte[] slantedLine(double slope) {
        byte[] image = new byte[Dataset.PIXELS];
        for (int y = 4; y <= 23; y++) {
            int x = (int) Math.round(13.5 + slope * (y - 13.5));
            image[y * SIDE + x] = (byte) 255;
        }
        return image;
    }

    /** An upright ring, symmetric about column 13.5 and row 13.5. */
    static byte[] uprightRing() {
        byte[] image = new byte[Dataset.PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double u = (x - 13.5) / 6;
                double v = (y - 13.5) / 10;
                double r = u * u + v * v;
                if (r > 0.6 && r < 1) {
                    image[y * SIDE + x] = (byte) 200;
                }
            }
        }
        return image;
    }

    /** The given images as a dataset, image {@code i} having digit {@code i % 10}. */
    static Dataset dataset(byte[]... images) {
        byte[] pixels = new byte[images.length * Dataset.PIXELS];
        byte[] digits = new byte[images.length];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, pixels, i * Dataset.PIXELS, Dataset.PIXELS);
            digits[i] = (byte) (i % 10);
        }
        return Dataset.ofDigits(pixels, digits);
    }

    /** The ink-weighted standard deviation of the column of the ink, in pixels. */
    static double columnSpread(byte[] image) {
        double mass = 0;
        double sum = 0;
        double sumSquares = 0;
        for (int p = 0; p < image.length; p++) {
            int v = image[p] & 0xFF;
            int x = p % SIDE;
            mass += v;
            sum += (double) v * x;
            sumSquares += (double) v * x * x;
        }
        double mean = sum / mass;
        return Math.sqrt(sumSquares / mass - mean * mean);
    }

    /** The sum of the pixel values. */
    static long mass(byte[] image) {
        long sum = 0;
        for (byte b : image) {
            sum += b & 0xFF;
        }
        return sum;
    }
}
