package io.github.mnistnn.examples;

import io.github.mnistnn.Evaluation;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a confusion matrix as a PNG heat map with Java2D: rows the true class, columns the predicted one, each
 * cell shaded by its share of the row and labelled with its count.
 *
 * <pre>{@code
 * ConfusionHeatmap.write(evaluation, List.of("0", "1", "2", "3", "none"), Path.of("results/confusion.png"));
 * }</pre>
 */
public final class ConfusionHeatmap {
    private static final int CELL = 70;
    private static final int MARGIN = 90;

    private ConfusionHeatmap() {
    }

    /**
     * Draws and writes the heat map.
     *
     * @param evaluation the evaluation
     * @param names one name per class
     * @param file the PNG to write
     * @throws IOException if it cannot be written
     */
    public static void write(Evaluation evaluation, List<String> names, Path file) throws IOException {
        int k = evaluation.classes();
        int size = 2 * MARGIN + k * CELL;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < k; i++) {
                long rowTotal = 0;
                for (int j = 0; j < k; j++) {
                    rowTotal += evaluation.confusion(i, j);
                }
                for (int j = 0; j < k; j++) {
                    long count = evaluation.confusion(i, j);
                    double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                    int shade = (int) Math.round(255 * (1 - share));
                    g.setColor(new Color(shade, shade, 255));
                    int x = MARGIN + j * CELL;
                    int y = MARGIN + i * CELL;
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(Color.LIGHT_GRAY);
                    g.drawRect(x, y, CELL, CELL);
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    String text = String.valueOf(count);
                    g.drawString(text, x + (CELL - fm.stringWidth(text)) / 2, y + CELL / 2 + 5);
                }
                g.setColor(Color.BLACK);
                String name = names.get(i);
                g.drawString(name, MARGIN - 10 - fm.stringWidth(name), MARGIN + i * CELL + CELL / 2 + 5);
                g.drawString(name, MARGIN + i * CELL + (CELL - fm.stringWidth(name)) / 2, MARGIN - 10);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("predicted class", MARGIN + k * CELL / 2 - 50, MARGIN - 40);
            g.drawString("true class", 10, MARGIN - 40);
            g.drawString(String.format(java.util.Locale.ROOT, "accuracy %.2f %% of %d", 100 * evaluation.accuracy(),
                    evaluation.count()), MARGIN, MARGIN + k * CELL + 40);
        } finally {
            g.dispose();
        }
        PngFile.write(image, file);
    }
}
