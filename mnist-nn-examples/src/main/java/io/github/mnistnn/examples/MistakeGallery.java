package io.github.mnistnn.examples;

import io.github.mnistnn.Misclassification;
import io.github.mnistnn.data.Dataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws misclassified images as a PNG gallery with Java2D: up to {@link #MAX_IMAGES} images in rows of six,
 * each 28x28 image scaled three times (dark ink on white), captioned with its true and predicted class, the
 * network's confidence and its index in the data. When a class name is not the image's digit (the "none"
 * class of a digit task) the caption shows the digit too: {@code true 7 (none) → 2}.
 *
 * <pre>{@code
 * List<Misclassification> worst = MistakeRanking.mostConfident(network, test, MistakeGallery.MAX_IMAGES);
 * MistakeGallery.write(worst, test, List.of("0", "1", "2", "3", "none"), Path.of("results/misclassified.png"));
 * }</pre>
 */
public final class MistakeGallery {
    /** The most images one gallery shows; later entries of the list are left out. */
    public static final int MAX_IMAGES = 24;

    private static final int COLUMNS = 6;
    private static final int SCALE = 3;
    private static final int IMAGE = Dataset.IMAGE_SIDE * SCALE;
    private static final int CELL_WIDTH = 150;
    private static final int CELL_HEIGHT = IMAGE + 48;
    private static final int MARGIN = 16;
    private static final int TITLE = 44;
    private static final String ARROW = "\u2192";

    private MistakeGallery() {
    }

    /**
     * Draws and writes the gallery of the first {@link #MAX_IMAGES} mistakes, in list order.
     *
     * @param mistakes the mistakes to show, most interesting first (as {@code MistakeRanking} orders them)
     * @param data the images the mistakes' indices refer to
     * @param names one name per class, as the classes are labelled in {@code data}
     * @param file the PNG to write
     * @throws IllegalArgumentException if a mistake's index is not an image of {@code data} or its class has
     *     no name
     * @throws NullPointerException if an argument is null
     * @throws IOException if it cannot be written
     */
    public static void write(List<Misclassification> mistakes, Dataset data, List<String> names, Path file)
            throws IOException {
        Objects.requireNonNull(mistakes, "mistakes");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(file, "file");
        List<Misclassification> shown = mistakes.subList(0, Math.min(MAX_IMAGES, mistakes.size()));
        for (Misclassification m : shown) {
            check(m, data, names);
        }
        int rows = Math.max(1, (shown.size() + COLUMNS - 1) / COLUMNS);
        int width = 2 * MARGIN + COLUMNS * CELL_WIDTH;
        int height = TITLE + rows * CELL_HEIGHT + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(shown.isEmpty() ? "no misclassified images"
                    : "the " + shown.size() + " most confidently misclassified images (true class " + ARROW
                            + " predicted class)", MARGIN, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            for (int k = 0; k < shown.size(); k++) {
                Misclassification m = shown.get(k);
                int cellX = MARGIN + (k % COLUMNS) * CELL_WIDTH;
                int cellY = TITLE + (k / COLUMNS) * CELL_HEIGHT;
                int x = cellX + (CELL_WIDTH - IMAGE) / 2;
                drawDigit(image, data.image(m.index()), x, cellY);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(x - 1, cellY - 1, IMAGE + 1, IMAGE + 1);
                g.setColor(Color.BLACK);
                String first = caption(m, data, names, ARROW);
                String second = String.format(Locale.ROOT, "%.0f %%, image %d", 100 * m.confidence(), m.index());
                g.drawString(first, cellX + (CELL_WIDTH - fm.stringWidth(first)) / 2, cellY + IMAGE + 18);
                g.setColor(Color.DARK_GRAY);
                g.drawString(second, cellX + (CELL_WIDTH - fm.stringWidth(second)) / 2, cellY + IMAGE + 34);
            }
        } finally {
            g.dispose();
        }
        PngFile.write(image, file);
    }

    /**
     * The caption of one mistake: {@code true 3 → 5}, or {@code true 7 (none) → 2} when the true class's name
     * is not the image's digit.
     *
     * @param arrow what goes between the true and the predicted class
     */
    static String caption(Misclassification m, Dataset data, List<String> names, String arrow) {
        String actual = names.get(m.actual());
        String digit = String.valueOf(data.digit(m.index()));
        String truth = actual.equals(digit) ? actual : digit + " (" + actual + ")";
        return "true " + truth + " " + arrow + " " + names.get(m.predicted());
    }

    private static void check(Misclassification m, Dataset data, List<String> names) {
        if (m.index() >= data.size()) {
            throw new IllegalArgumentException("mistake at image " + m.index() + " but the data has " + data.size()
                    + " images");
        }
        if (m.actual() >= names.size() || m.predicted() >= names.size()) {
            throw new IllegalArgumentException("mistake at image " + m.index() + " has classes " + m.actual()
                    + " and " + m.predicted() + " but only " + names.size() + " class names were given");
        }
    }

    private static void drawDigit(BufferedImage target, byte[] pixels, int left, int top) {
        for (int p = 0; p < pixels.length; p++) {
            int shade = 255 - (pixels[p] & 0xFF);
            int rgb = shade << 16 | shade << 8 | shade;
            int x = left + (p % Dataset.IMAGE_SIDE) * SCALE;
            int y = top + (p / Dataset.IMAGE_SIDE) * SCALE;
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    target.setRGB(x + dx, y + dy, rgb);
                }
            }
        }
    }
}
