package io.github.mnistnn.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws the training curves as a PNG with Java2D: the loss on the left, training and test accuracy on the
 * right, against the epoch.
 *
 * <pre>{@code
 * CurvePlot.write(history.epochs(), Path.of("results/curves.png"));
 * }</pre>
 */
public final class CurvePlot {
    private static final int PANEL_WIDTH = 520;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 60;
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color TEST = new Color(0xd62728);

    private CurvePlot() {
    }

    /**
     * Draws and writes the curves.
     *
     * @param epochs the history, at least one epoch
     * @param file the PNG to write
     * @throws IOException if it cannot be written
     */
    public static void write(List<EpochRecord> epochs, Path file) throws IOException {
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            double maxLoss = epochs.stream().mapToDouble(EpochRecord::loss).max().orElse(1);
            double minAccuracy = epochs.stream()
                    .mapToDouble(r -> Math.min(r.trainingAccuracy(), r.testAccuracy())).min().orElse(0);
            double low = Math.max(0, Math.floor(minAccuracy * 20) / 20);
            panel(g, 0, "training loss", epochs, 0, maxLoss * 1.05, "%.2f");
            series(g, 0, epochs, EpochRecord::loss, 0, maxLoss * 1.05, TRAIN);
            panel(g, PANEL_WIDTH, "accuracy (%): train blue, test red", epochs, low * 100, 100, "%.0f");
            series(g, PANEL_WIDTH, epochs, r -> 100 * r.trainingAccuracy(), low * 100, 100, TRAIN);
            series(g, PANEL_WIDTH, epochs, r -> 100 * r.testAccuracy(), low * 100, 100, TEST);
        } finally {
            g.dispose();
        }
        PngFile.write(image, file);
    }

    private static void panel(Graphics2D g, int left, String title, List<EpochRecord> epochs, double low,
            double high, String format) {
        int x0 = left + MARGIN;
        int y0 = HEIGHT - MARGIN;
        int w = PANEL_WIDTH - 2 * MARGIN + 20;
        int h = HEIGHT - 2 * MARGIN;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t <= 4; t++) {
            int y = y0 - t * h / 4;
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x0, y, x0 + w, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, format, low + t * (high - low) / 4), left + 8, y + 4);
        }
        int last = epochs.size();
        for (int t = 0; t <= 4; t++) {
            int x = x0 + t * w / 4;
            g.drawString(String.valueOf(Math.max(1, Math.round(1 + t * (last - 1) / 4.0))), x - 6, y0 + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0 - h, w, h);
        g.drawString("epoch", x0 + w / 2 - 15, y0 + 38);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x0, MARGIN - 15);
    }

    private static void series(Graphics2D g, int left, List<EpochRecord> epochs, ToDoubleFunction<EpochRecord> value,
            double low, double high, Color color) {
        int x0 = left + MARGIN;
        int y0 = HEIGHT - MARGIN;
        int w = PANEL_WIDTH - 2 * MARGIN + 20;
        int h = HEIGHT - 2 * MARGIN;
        int n = epochs.size();
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            int x = x0 + (n == 1 ? w / 2 : i * w / (n - 1));
            double v = Math.max(low, Math.min(high, value.applyAsDouble(epochs.get(i))));
            int y = y0 - (int) Math.round((v - low) / (high - low) * h);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 3, y - 3, 6, 6);
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
