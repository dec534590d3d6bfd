package io.github.mnistnn.data;

import io.github.mnistnn.LabeledData;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Immutable MNIST images with their labels. Pixels are held as bytes 0..255 and handed out scaled to [0, 1]
 * by dividing by 255, as the reference does. Each image keeps its original {@link #digit digit}; its
 * {@link #label label} is the digit itself, or its class after {@link #digitTask}.
 *
 * <pre>{@code
 * Dataset train = ShippedMnist.subset().training();     // 1,000 images, 100 of each digit
 * Dataset.Split parts = train.split(0.2, 42L);          // 800 training, 200 validation
 * Dataset task = parts.training().digitTask(0, 1, 2, 3); // 0..3 -> classes 0..3, other digits -> class 4
 * int[] counts = task.classCounts();
 * }</pre>
 */
public final class Dataset implements LabeledData {
    /** The side of an MNIST image in pixels. */
    public static final int IMAGE_SIDE = 28;
    /** The number of pixels of an MNIST image, and the {@link #inputWidth()} of every dataset. */
    public static final int PIXELS = IMAGE_SIDE * IMAGE_SIDE;
    /** The number of MNIST digits. */
    public static final int DIGITS = 10;

    private static final byte[] NO_TASK = new byte[0];

    private final byte[] pixels;
    private final byte[] digits;
    private final byte[] labels;
    private final byte[] taskDigits;
    private final int classCount;

    private Dataset(byte[] pixels, byte[] digits, byte[] labels, byte[] taskDigits, int classCount) {
        this.pixels = pixels;
        this.digits = digits;
        this.labels = labels;
        this.taskDigits = taskDigits;
        this.classCount = classCount;
    }

    /**
     * Takes ownership of the arrays, which the caller must not change afterwards.
     *
     * @param pixels {@code digits.length * PIXELS} bytes, row-major per image
     * @param digits one digit 0..9 per image, already checked by the reader
     */
    static Dataset ofDigits(byte[] pixels, byte[] digits) {
        if (pixels.length != digits.length * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes for " + digits.length + " images");
        }
        return new Dataset(pixels, digits, digits, NO_TASK, DIGITS);
    }

    /**
     * The same images' labelling with other pixels, for transforms in this package. Takes ownership of the
     * array, which the caller must not change afterwards.
     *
     * @param newPixels {@code size() * PIXELS} bytes, row-major per image
     */
    Dataset withPixels(byte[] newPixels) {
        if (newPixels.length != pixels.length) {
            throw new IllegalArgumentException(newPixels.length + " pixel bytes for " + digits.length + " images");
        }
        return new Dataset(newPixels, digits, labels, taskDigits, classCount);
    }

    /** The pixels themselves, not a copy, for reading in this package: never write to the array. */
    byte[] sharedPixels() {
        return pixels;
    }

    @Override
    public int size() {
        return digits.length;
    }

    /** {@return always {@link #PIXELS}, 784} */
    @Override
    public int inputWidth() {
        return PIXELS;
    }

    /** {@return 10 for the digits, or the number of chosen digits plus one after {@link #digitTask}} */
    @Override
    public int classCount() {
        return classCount;
    }

    /**
     * The class of one image: its digit, or its class in the task from {@link #digitTask}.
     *
     * @param index the image, in {@code [0, size)}
     * @return its class, in {@code [0, classCount)}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    @Override
    public int label(int index) {
        return labels[Objects.checkIndex(index, digits.length)];
    }

    /**
     * The original MNIST digit of one image, whatever task it is labelled for.
     *
     * @param index the image, in {@code [0, size)}
     * @return the digit, 0..9
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public int digit(int index) {
        return digits[Objects.checkIndex(index, digits.length)];
    }

    /**
     * Copies one image's pixels, scaled to [0, 1] by dividing by 255.
     *
     * @param index the image, in {@code [0, size)}
     * @param dst written with 784 values from {@code offset}, row by row
     * @param offset where the first value goes
     * @throws IndexOutOfBoundsException if {@code index} is out of range or {@code dst} too short
     */
    @Override
    public void copyFeatures(int index, double[] dst, int offset) {
        Objects.checkIndex(index, digits.length);
        Objects.checkFromIndexSize(offset, PIXELS, dst.length);
        int base = index * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
            dst[offset + p] = (pixels[base + p] & 0xFF) / 255.0;
        }
    }

    /**
     * One image's raw pixels, as a new array; read each as unsigned with {@code image[p] & 0xFF}.
     *
     * @param index the image, in {@code [0, size)}
     * @return 784 bytes, row by row, each 0..255 unsigned
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public byte[] image(int index) {
        Objects.checkIndex(index, digits.length);
        return Arrays.copyOfRange(pixels, index * PIXELS, (index + 1) * PIXELS);
    }

    /**
     * How many images each class has.
     *
     * @return a new array of {@link #classCount()} counts, indexed by class
     */
    public int[] classCounts() {
        int[] counts = new int[classCount];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The digits chosen by {@link #digitTask}, in class order.
     *
     * @return a new array, empty when the labels are the digits themselves
     */
    public int[] taskDigits() {
        int[] out = new int[taskDigits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = taskDigits[i];
        }
        return out;
    }

    /**
     * The first images, in order (the reference's small set is the first 100 training and first 10 test images).
     *
     * @param n how many, in {@code [0, size]}
     * @return a dataset of the first {@code n} images with the same labelling
     * @throws IllegalArgumentException if {@code n} is negative or larger than {@link #size()}
     */
    public Dataset head(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("head(" + n + ") of a dataset of " + size() + " images");
        }
        return new Dataset(Arrays.copyOf(pixels, n * PIXELS), Arrays.copyOf(digits, n), Arrays.copyOf(labels, n),
                taskDigits, classCount);
    }

    /**
     * Splits the images at random, reproducibly, into a training and a validation part. The images are
     * shuffled with {@link Random} seeded by {@code seed}; the validation part takes
     * {@code round(size * validationFraction)} of them. Each part keeps the original order of its images.
     *
     * @param validationFraction the share for validation, strictly between 0 and 1
     * @param seed the shuffle's seed: one seed, one split
     * @return the two parts, disjoint and together all images
     * @throws IllegalArgumentException if the fraction is not in (0, 1) or would leave a part empty
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
        }
        int n = size();
        int validationSize = (int) Math.round(n * validationFraction);
        if (validationSize < 1 || validationSize > n - 1) {
            throw new IllegalArgumentException("a validation fraction of " + validationFraction + " of " + n
                    + " images leaves a part empty");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] training = Arrays.copyOfRange(order, validationSize, n);
        Arrays.sort(validation);
        Arrays.sort(training);
        return new Split(select(training), select(validation));
    }

    /** The images at the given indices, in that order, with the same labelling. */
    Dataset select(int[] indices) {
        byte[] p = new byte[indices.length * PIXELS];
        byte[] d = new byte[indices.length];
        byte[] l = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(pixels, i * PIXELS, p, k * PIXELS, PIXELS);
            d[k] = digits[i];
            l[k] = labels[i];
        }
        return new Dataset(p, d, l, taskDigits, classCount);
    }

    /**
     * The reference's task: the first chosen digit becomes class 0, the second class 1 and so on, and every
     * other digit the last class, "none". No images are dropped or repeated (no rebalancing). The classes come
     * from the original digits, so a task can be applied to a dataset that already has one.
     *
     * <pre>{@code
     * Dataset task = train.digitTask(0, 1, 2, 3); // the reference's five classes: 0, 1, 2, 3, none
     * }</pre>
     *
     * @param chosen 1 to 9 distinct digits, each 0..9
     * @return a dataset with the same images and {@code chosen.length + 1} classes
     * @throws IllegalArgumentException if no digit, more than 9, a repeated digit or one outside 0..9 is given
     */
    public Dataset digitTask(int... chosen) {
        Objects.requireNonNull(chosen, "chosen");
        if (chosen.length < 1 || chosen.length > DIGITS - 1) {
            throw new IllegalArgumentException("choose 1 to 9 digits, got " + chosen.length);
        }
        byte none = (byte) chosen.length;
        byte[] classOf = new byte[DIGITS];
        Arrays.fill(classOf, none);
        byte[] task = new byte[chosen.length];
        for (int c = 0; c < chosen.length; c++) {
            int d = chosen[c];
            if (d < 0 || d >= DIGITS) {
                throw new IllegalArgumentException("digit " + d + " is outside 0..9");
            }
            if (classOf[d] != none) {
                throw new IllegalArgumentException("digit " + d + " is chosen twice");
            }
            classOf[d] = (byte) c;
            task[c] = (byte) d;
        }
        byte[] l = new byte[digits.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = classOf[digits[i]];
        }
        return new Dataset(pixels, digits, l, task, chosen.length + 1);
    }

    /**
     * A 64-bit FNV-1a hash of the class count, labels, digits and pixels: equal datasets have equal
     * fingerprints, and a changed pixel or label almost surely changes it.
     *
     * @return the fingerprint
     */
    public long fingerprint() {
        long h = 0xcbf29ce484222325L;
        h = (h ^ classCount) * 0x100000001b3L;
        for (int i = 0; i < digits.length; i++) {
            h = (h ^ labels[i]) * 0x100000001b3L;
            h = (h ^ digits[i]) * 0x100000001b3L;
        }
        for (byte p : pixels) {
            h = (h ^ (p & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " images, " + classCount + " classes"
                + (taskDigits.length == 0 ? "" : ", task " + Arrays.toString(taskDigits()) + " + none") + "]";
    }

    /**
     * The two parts of a {@link #split}.
     *
     * @param training the images to train on
     * @param validation the images held out
     */
    public record Split(Dataset training, Dataset validation) {
        /**
         * Checks both parts are present.
         *
         * @param training the images to train on
         * @param validation the images held out
         * @throws NullPointerException if a part is null
         */
        public Split {
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(validation, "validation");
        }
    }
}
