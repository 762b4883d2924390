package org.sigmma.model.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line plot with error bars (training curves, dose-response, enrichment with intervals), drawn with Java2D so
 * that results people look at are pictures without a plotting library.
 */
public final class LinePlot {

    /**
     * One line.
     *
     * @param label  legend text
     * @param x      abscissae
     * @param y      ordinates (NaN: a gap)
     * @param error  half-widths of the error bars, or null
     */
    public record Series(String label, double[] x, double[] y, double[] error) {
    }

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double reference = Double.NaN;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LinePlot add(Series s) {
        if (s.x().length != s.y().length || s.error() != null && s.error().length != s.y().length) {
            throw new IllegalArgumentException("series " + s.label() + ": x, y and error lengths differ");
        }
        series.add(s);
        return this;
    }

    /** A dashed horizontal line (0 for differences, 1 for ratios). */
    public LinePlot reference(double y) {
        reference = y;
        return this;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(render(), "png", file.toFile());
    }

    public BufferedImage render() {
        int w = 760;
        int h = 460;
        int x0 = 80;
        int y0 = h - 60;
        int pw = w - x0 - 200;
        int ph = h - 110;
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.isNaN(reference) ? Double.POSITIVE_INFINITY : reference;
        double ymax = Double.isNaN(reference) ? Double.NEGATIVE_INFINITY : reference;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xmin = Math.min(xmin, s.x()[i]);
                xmax = Math.max(xmax, s.x()[i]);
                double e = s.error() == null || !Double.isFinite(s.error()[i]) ? 0 : s.error()[i];
                if (Double.isFinite(s.y()[i])) {
                    ymin = Math.min(ymin, s.y()[i] - e);
                    ymax = Math.max(ymax, s.y()[i] + e);
                }
            }
        }
        if (!Double.isFinite(xmin)) {
            xmin = 0;
            xmax = 1;
        }
        if (!Double.isFinite(ymin)) {
            ymin = 0;
            ymax = 1;
        }
        if (xmax == xmin) {
            xmin -= 0.5;
            xmax += 0.5;
        }
        double pad = (ymax - ymin) * 0.08 + 1e-9;
        ymin -= pad;
        ymax += pad;
        double xpad = (xmax - xmin) * 0.04;
        xmin -= xpad;
        xmax += xpad;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x0, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(x0, y0 - ph, pw, ph);
        for (int t = 0; t <= 5; t++) {
            double v = ymin + (ymax - ymin) * t / 5;
            int y = py(v, ymin, ymax, y0, ph);
            g.drawLine(x0 - 4, y, x0, y);
            g.drawString(String.format(Locale.ROOT, "%.3g", v), 8, y + 4);
            double xv = xmin + (xmax - xmin) * t / 5;
            int x = px(xv, xmin, xmax, x0, pw);
            g.drawLine(x, y0, x, y0 + 4);
            g.drawString(String.format(Locale.ROOT, "%.3g", xv), x - 12, y0 + 18);
        }
        g.drawString(xLabel, x0 + pw / 2 - 3 * xLabel.length(), h - 18);
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel, -(y0 - ph / 2) - 3 * yLabel.length(), 22);
        gy.dispose();
        if (!Double.isNaN(reference)) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 5}, 0));
            int y = py(reference, ymin, ymax, y0, ph);
            g.drawLine(x0, y, x0 + pw, y);
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(PALETTE[k % PALETTE.length]);
            g.setStroke(new BasicStroke(2));
            int lastX = -1;
            int lastY = -1;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    lastX = -1;
                    continue;
                }
                int x = px(s.x()[i], xmin, xmax, x0, pw) + (k - series.size() / 2) * 3;
                int y = py(s.y()[i], ymin, ymax, y0, ph);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (lastX >= 0) {
                    g.drawLine(lastX, lastY, x, y);
                }
                if (s.error() != null && Double.isFinite(s.error()[i])) {
                    int ya = py(s.y()[i] - s.error()[i], ymin, ymax, y0, ph);
                    int yb = py(s.y()[i] + s.error()[i], ymin, ymax, y0, ph);
                    g.setStroke(new BasicStroke(1));
                    g.drawLine(x, ya, x, yb);
                    g.drawLine(x - 4, ya, x + 4, ya);
                    g.drawLine(x - 4, yb, x + 4, yb);
                    g.setStroke(new BasicStroke(2));
                }
                lastX = x;
                lastY = y;
            }
            g.fillRect(x0 + pw + 16, y0 - ph + 10 + 20 * k, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), x0 + pw + 36, y0 - ph + 16 + 20 * k);
        }
        g.dispose();
        return img;
    }

    private static int px(double v, double min, double max, int x0, int pw) {
        return x0 + (int) Math.round((v - min) / (max - min) * pw);
    }

    private static int py(double v, double min, double max, int y0, int ph) {
        return y0 - (int) Math.round((v - min) / (max - min) * ph);
    }
}
