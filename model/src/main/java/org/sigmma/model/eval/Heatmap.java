package org.sigmma.model.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A labelled square heatmap with a diverging colour scale centred on 0 (neighbourhood enrichment z-scores), drawn with
 * Java2D; each cell prints its value.
 */
public final class Heatmap {

    private static final int CELL = 44;
    private static final int MARGIN = 70;

    private Heatmap() {
    }

    /**
     * @param values a square matrix, rows and columns labelled alike; NaN is drawn grey
     */
    public static BufferedImage render(String title, String[] labels, double[][] values) {
        int k = labels.length;
        double max = 1e-9;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        int side = MARGIN + k * CELL + 20;
        BufferedImage img = new BufferedImage(side + 90, side + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < k; i++) {
            g.setColor(Color.BLACK);
            g.drawString(labels[i], 10, MARGIN + i * CELL + CELL / 2 + 4);
            g.drawString(labels[i], MARGIN + i * CELL + 4, MARGIN - 8);
            for (int j = 0; j < k; j++) {
                double v = values[i][j];
                g.setColor(colour(v, max));
                g.fillRect(MARGIN + j * CELL, MARGIN + i * CELL, CELL, CELL);
                g.setColor(Math.abs(v) > 0.6 * max ? Color.WHITE : Color.BLACK);
                String text = Double.isFinite(v) ? String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v) : "-";
                g.drawString(text, MARGIN + j * CELL + 6, MARGIN + i * CELL + CELL / 2 + 4);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(MARGIN, MARGIN, k * CELL, k * CELL);
        // the colour scale
        int x0 = MARGIN + k * CELL + 30;
        for (int p = 0; p <= 100; p++) {
            double v = max - 2 * max * p / 100.0;
            g.setColor(colour(v, max));
            g.fillRect(x0, MARGIN + p * k * CELL / 101, 16, k * CELL / 101 + 1);
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.0f", max), x0 + 20, MARGIN + 8);
        g.drawString("0", x0 + 20, MARGIN + k * CELL / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "%.0f", -max), x0 + 20, MARGIN + k * CELL);
        g.dispose();
        return img;
    }

    public static void write(Path file, String title, String[] labels, double[][] values) throws IOException {
        ImageIO.write(render(title, labels, values), "png", file.toFile());
    }

    /** Blue (negative) - white (0) - red (positive). */
    static Color colour(double v, double max) {
        if (!Double.isFinite(v)) {
            return new Color(0xcccccc);
        }
        double t = Math.max(-1, Math.min(1, v / max));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
