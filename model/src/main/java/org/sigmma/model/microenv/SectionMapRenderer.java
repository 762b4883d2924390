package org.sigmma.model.microenv;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.sigmma.math.Bounds;

/**
 * A map of a section coloured by microenvironment, as the paper's Figure 4a: every cell a dot at its centroid, a
 * categorical palette, a legend with cluster sizes and top markers, a scale bar. Plain arrays in, an image out.
 */
public final class SectionMapRenderer {

    /** Tableau-20-like categorical colours, distinct on screen and in print. */
    static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
        0xbcbd22, 0x17becf, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7,
        0xdbdb8d, 0x9edae5};

    private SectionMapRenderer() {
    }

    public static Color colour(int cluster) {
        return cluster < 0 ? new Color(0xdddddd) : new Color(PALETTE[cluster % PALETTE.length]);
    }

    /**
     * Where the map puts the section: pixel = (left + (x - minX) * pxPerUm, top + (y - minY) * pxPerUm). A viewer that
     * draws over the image (the tile grid) needs exactly this.
     *
     * @param width  the whole image, legend included
     */
    public record Layout(double minX, double minY, double spanXUm, double spanYUm, double pxPerUm, int left, int top,
                         int width, int height) {
    }

    /** The layout {@link #render} uses for these cells at this width, with {@code legendLines} legend lines (-1: none). */
    public static Layout layout(double[] x, double[] y, int widthPx, int legendLines) {
        Bounds box = Bounds.of(x, y);
        double minX = box.minX();
        double minY = box.minY();
        double spanX = Math.max(1, box.width());
        double spanY = Math.max(1, box.height());
        int margin = 40;
        int legendWidth = legendLines < 0 ? 0 : 330;
        double scale = (widthPx - 2 * margin) / spanX;
        int mapHeight = (int) Math.ceil(spanY * scale);
        int height = Math.max(mapHeight + 2 * margin + 20, legendLines < 0 ? 0 : 60 + 18 * legendLines);
        return new Layout(minX, minY, spanX, spanY, scale, margin, margin + 20, widthPx + legendWidth, height);
    }

    /**
     * @param widthPx  map width; the height follows the section's aspect ratio
     * @param legend   one line per cluster (null for none)
     */
    public static BufferedImage render(double[] x, double[] y, int[] cluster, int widthPx, String title, List<String> legend) {
        Layout layout = layout(x, y, widthPx, legend == null ? -1 : legend.size());
        double minX = layout.minX();
        double minY = layout.minY();
        double scale = layout.pxPerUm();
        double spanX = layout.spanXUm();
        double spanY = layout.spanYUm();
        int margin = layout.left();
        int height = layout.height();
        BufferedImage img = new BufferedImage(layout.width(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        // dot size from the density: about the mean spacing between cells on the map
        double spacing = Math.sqrt(spanX * spanY / Math.max(1, x.length)) * scale;
        double r = Math.max(0.8, Math.min(6, spacing * 0.55));
        for (int i = 0; i < x.length; i++) {
            g.setColor(colour(cluster[i]));
            double px = margin + (x[i] - minX) * scale;
            double py = layout.top() + (y[i] - minY) * scale;
            g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, margin, 26);
        // scale bar: a round length near a fifth of the width
        double target = spanX / 5;
        double bar = Math.pow(10, Math.floor(Math.log10(target)));
        for (double m : new double[] {5, 2, 1}) {
            if (bar * m <= target) {
                bar *= m;
                break;
            }
        }
        int barPx = (int) Math.round(bar * scale);
        int by = height - 14;
        g.setStroke(new BasicStroke(3));
        g.drawLine(margin, by, margin + barPx, by);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(java.util.Locale.ROOT, "%.0f um", bar), margin + barPx + 8, by + 4);
        if (legend != null) {
            int lx = widthPx + 10;
            int ly = 60;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int c = 0; c < legend.size(); c++) {
                g.setColor(colour(c));
                g.fillRect(lx, ly - 10, 12, 12);
                g.setColor(Color.BLACK);
                g.drawString(legend.get(c), lx + 18, ly);
                ly += 18;
            }
        }
        g.dispose();
        return img;
    }
}
