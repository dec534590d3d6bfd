package io.github.mnistnn.data;

import io.github.mnistnn.LabeledData;
import java.util.Objects;

/**
 * The two hand-made features of "Learning From Data" (Abu-Mostafa, Magdon-Ismail and Lin), appended to the
 * pixels. With the pixels scaled to [0, 1] by dividing by 255:
 *
 * <ul>
 *   <li><b>intensity</b> is the mean pixel value, in [0, 1]: 0 for a blank image, 1 for an all-ink one;</li>
 *   <li><b>symmetry</b> is minus the mean absolute difference between the image and its left-right mirror,
 *       {@code -(1/784) sum |I(x, y) - I(27 - x, y)|}, in [-1, 0]: 0 for a perfectly symmetric image, -1 when
 *       every pixel is the opposite of its mirror (say the left half all ink and the right half blank).</li>
 * </ul>
 *
 * <pre>{@code
 * Dataset train = ShippedMnist.subset().training().digitTask(0, 1, 2, 3);
 * LabeledData inputs = ImageFeatures.withIntensityAndSymmetry(train); // 786 features per image
 * NetworkSpec spec = NetworkSpec.builder(ImageFeatures.WIDTH).layer(5, Activation.SOFTMAX).build();
 * }</pre>
 */
public final class ImageFeatures {
    /** The width of {@link #withIntensityAndSymmetry}'s samples: 784 pixels, intensity and symmetry. */
    public static final int WIDTH = Dataset.PIXELS + 2;

    private static final int SIDE = Dataset.IMAGE_SIDE;

    private ImageFeatures() {
    }

    /**
     * The intensity of one image: its mean pixel value scaled to [0, 1].
     *
     * @param image 784 pixels, row by row, each 0..255 unsigned (as {@link Dataset#image} gives)
     * @return in [0, 1]
     * @throws IllegalArgumentException if {@code image} does not have 784 pixels
     * @throws NullPointerException if {@code image} is null
     */
    public static double intensity(byte[] image) {
        return intensity(checked(image), 0);
    }

    /**
     * The symmetry of one image: minus the mean absolute difference from its left-right mirror, pixels
     * scaled to [0, 1].
     *
     * @param image 784 pixels, row by row, each 0..255 unsigned (as {@link Dataset#image} gives)
     * @return in [-1, 0]; 0 for a left-right symmetric image
     * @throws IllegalArgumentException if {@code image} does not have 784 pixels
     * @throws NullPointerException if {@code image} is null
     */
    public static double symmetry(byte[] image) {
        return symmetry(checked(image), 0);
    }

    /**
     * The images as {@link #WIDTH} features each: the 784 pixels scaled to [0, 1] as {@link Dataset} gives them,
     * then the {@link #intensity} and the {@link #symmetry}. The features are computed once, here; the result
     * is immutable and has the same size, labels and class count as {@code data}.
     *
     * @param data the images
     * @return labelled data of width 786
     * @throws NullPointerException if {@code data} is null
     */
    public static LabeledData withIntensityAndSymmetry(Dataset data) {
        Objects.requireNonNull(data, "data");
        byte[] pixels = data.sharedPixels();
        double[] extra = new double[2 * data.size()];
        for (int i = 0; i < data.size(); i++) {
            extra[2 * i] = intensity(pixels, i * Dataset.PIXELS);
            extra[2 * i + 1] = symmetry(pixels, i * Dataset.PIXELS);
        }
        return new PixelsWithFeatures(data, extra, 2);
    }

    private static byte[] checked(byte[] image) {
        Objects.requireNonNull(image, "image");
        if (image.length != Dataset.PIXELS) {
            throw new IllegalArgumentException("an image has " + Dataset.PIXELS + " pixels, got " + image.length);
        }
        return image;
    }

    static double intensity(byte[] pixels, int offset) {
        long sum = 0;
        for (int p = offset; p < offset + Dataset.PIXELS; p++) {
            sum += pixels[p] & 0xFF;
        }
        return sum / (255.0 * Dataset.PIXELS);
    }

    static double symmetry(byte[] pixels, int offset) {
        long sum = 0;
        for (int y = 0; y < SIDE; y++) {
            int row = offset + y * SIDE;
            for (int x = 0; x < SIDE / 2; x++) {
                sum += Math.abs((pixels[row + x] & 0xFF) - (pixels[row + SIDE - 1 - x] & 0xFF));
            }
        }
        // Each mirrored pair was counted once but contributes to both of its pixels; 0.0, never -0.0.
        return sum == 0 ? 0.0 : -2.0 * sum / (255.0 * Dataset.PIXELS);
    }
}
