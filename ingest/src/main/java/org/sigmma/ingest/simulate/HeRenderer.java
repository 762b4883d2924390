package org.sigmma.ingest.simulate;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.simulate.Tissue.CellType;
import org.sigmma.ingest.simulate.Tissue.Contact;
import org.sigmma.ingest.simulate.Tissue.Domain;

/**
 * Paints the H&amp;E image of a simulated section in image pixels: eosin background toned by domain, stromal fibres,
 * white holes for adipocytes and vessel lumens, cytoplasm and hematoxylin nuclei per cell type (smaller and darker for
 * exhausted T cells, paler cytoplasm for tumour cells at a stromal interface), illumination drift and noise.
 * Deterministic for the section's seed. Holds the whole image in memory (about 4 bytes per pixel).
 */
public final class HeRenderer {

    private HeRenderer() {
    }

    static final Color[] DOMAIN_TONE = {
        new Color(205, 140, 190), // tumour: dense purple-pink cytoplasm
        new Color(246, 168, 192), // stroma: bright eosin pink
        new Color(214, 166, 218), // immune aggregate: lilac
        new Color(242, 192, 198), // vessel-rich: pale salmon
        new Color(228, 158, 214), // epithelium: pink-violet
        new Color(238, 204, 222)  // adipose: pale
    };

    public static BufferedImage render(SimulatedSection s) {
        SimulationParameters p = s.parameters();
        int w = s.imageWidth();
        int h = s.imageHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Affine i2m = s.imageToMicrons();
        SectionSimulator.Layout layout = new SectionSimulator.Layout(new SplittableRandom(p.seed()).split());
        // background: glass outside the section, domain tone inside, on a 4 px lattice
        double macro = Math.min(1, p.macroStrength());
        for (int py = 0; py < h; py += 4) {
            for (int px = 0; px < w; px += 4) {
                double ux = i2m.applyX(px + 2, py + 2);
                double uy = i2m.applyY(px + 2, py + 2);
                Color c;
                if (ux < 0 || uy < 0 || ux > s.sideUm() || uy > s.sideUm()) {
                    c = new Color(248, 246, 248);
                } else {
                    Color tone = DOMAIN_TONE[layout.domainAt(ux, uy).ordinal()];
                    Color mean = DOMAIN_TONE[1];
                    c = new Color(mix(mean.getRed(), tone.getRed(), macro), mix(mean.getGreen(), tone.getGreen(), macro),
                            mix(mean.getBlue(), tone.getBlue(), macro));
                }
                g.setColor(c);
                g.fillRect(px, py, 4, 4);
            }
        }
        AffineTransform m2i = toAwt(i2m.inverse());
        g.setTransform(m2i);
        SplittableRandom r = new SplittableRandom(p.seed() ^ 0x5eedL);
        int n = s.nCells();
        // fibres in stroma, holes for adipocytes and vessel lumens
        g.setStroke(new java.awt.BasicStroke(0.8f));
        for (int i = 0; i < n; i++) {
            if (s.domain()[i] == Domain.STROMA && macro > 0) {
                double a = s.nucleusAngle()[i];
                g.setColor(new Color(214, 120, 168, 140));
                g.draw(new Line2D.Double(s.x()[i] - 9 * Math.cos(a), s.y()[i] - 9 * Math.sin(a), s.x()[i] + 9 * Math.cos(a),
                        s.y()[i] + 9 * Math.sin(a)));
            }
        }
        for (int i = 0; i < n; i++) {
            if (s.type()[i] == CellType.ADIPOCYTE) {
                g.setColor(new Color(252, 250, 252));
                g.fill(new Ellipse2D.Double(s.x()[i] - 13, s.y()[i] - 13, 26, 26));
                g.setColor(new Color(226, 150, 190));
                g.setStroke(new java.awt.BasicStroke(0.7f));
                g.draw(new Ellipse2D.Double(s.x()[i] - 13, s.y()[i] - 13, 26, 26));
            } else if (s.type()[i] == CellType.ENDOTHELIAL && s.domain()[i] == Domain.VESSEL) {
                g.setColor(new Color(250, 244, 248));
                g.fill(new Ellipse2D.Double(s.x()[i] - 3, s.y()[i] - 7, 6, 5));
            }
        }
        double micro = Math.min(1, p.microStrength());
        double arrangement = Math.min(1, p.arrangementStrength());
        for (int i = 0; i < n; i++) {
            CellType t = s.type()[i];
            if (t == CellType.ADIPOCYTE) {
                continue;
            }
            // cytoplasm
            double cr = mix(3.6, t.radiusUm, micro) * 1.7;
            Color cyto = t == CellType.TUMOUR ? new Color(205, 140, 190) : t == CellType.EPITHELIAL
                    ? new Color(225, 150, 195) : t == CellType.MACROPHAGE ? new Color(215, 150, 185) : null;
            if (s.contact()[i] == Contact.INTERFACE && cyto != null) {
                cyto = blend(cyto, new Color(238, 200, 222), arrangement);
            }
            if (cyto != null) {
                g.setColor(cyto);
                g.fill(new Ellipse2D.Double(s.x()[i] - cr, s.y()[i] - cr, 2 * cr, 2 * cr));
            }
        }
        for (int i = 0; i < n; i++) {
            CellType t = s.type()[i];
            double radius = mix(3.4, t.radiusUm, micro);
            double elong = mix(1.4, t.elongation, micro);
            double dark = mix(0.8, t.darkness, micro);
            if (s.contact()[i] == Contact.EXHAUSTED) {
                radius *= 1 - 0.25 * arrangement;
                dark = Math.min(1, dark + 0.15 * arrangement);
            }
            double jitter = 1 + 0.12 * SectionSimulator.gaussian(r) * Math.max(0.2, p.noise());
            double a = radius * Math.sqrt(elong) * jitter;
            double b = radius / Math.sqrt(elong) * jitter;
            AffineTransform keep = g.getTransform();
            g.translate(s.x()[i], s.y()[i]);
            g.rotate(s.nucleusAngle()[i]);
            int red = (int) (150 - 110 * dark);
            int green = (int) (100 - 80 * dark);
            int blue = (int) (190 - 60 * dark);
            g.setColor(new Color(clamp(red), clamp(green), clamp(blue)));
            g.fill(new Ellipse2D.Double(-a, -b, 2 * a, 2 * b));
            // chromatin texture: a few darker specks
            g.setColor(new Color(clamp(red - 30), clamp(green - 25), clamp(blue - 30)));
            for (int k = 0; k < 3; k++) {
                double sx = (r.nextDouble() - 0.5) * a;
                double sy = (r.nextDouble() - 0.5) * b;
                g.fill(new Ellipse2D.Double(sx - 0.5, sy - 0.5, 1.0, 1.0));
            }
            g.setTransform(keep);
        }
        g.dispose();
        // illumination drift and noise
        double noise = 10 * p.noise() + 2;
        int[] row = new int[w];
        for (int py = 0; py < h; py++) {
            img.getRGB(0, py, w, 1, row, 0, w);
            for (int px = 0; px < w; px++) {
                double light = 1 + 0.04 * Math.sin(px * 0.0011 + 0.7) * Math.cos(py * 0.0013);
                int v = row[px];
                int rr = clamp((int) (((v >> 16) & 0xFF) * light + SectionSimulator.gaussian(r) * noise));
                int gg = clamp((int) (((v >> 8) & 0xFF) * light + SectionSimulator.gaussian(r) * noise));
                int bb = clamp((int) ((v & 0xFF) * light + SectionSimulator.gaussian(r) * noise));
                row[px] = (rr << 16) | (gg << 8) | bb;
            }
            img.setRGB(0, py, w, 1, row, 0, w);
        }
        return img;
    }

    static AffineTransform toAwt(Affine a) {
        double[][] m = a.matrix();
        return new AffineTransform(m[0][0], m[1][0], m[0][1], m[1][1], m[0][2], m[1][2]);
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    private static double mix(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static Color blend(Color a, Color b, double t) {
        return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t), mix(a.getBlue(), b.getBlue(), t));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
