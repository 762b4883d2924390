package org.sigmma.ingest.simulate;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.sigmma.ingest.image.Affine;

/**
 * Draws any region of a simulated section's H&amp;E image, in image pixels, from the cells and the tissue
 * layout: never the whole slide at once, so a slide of any size is rendered tile by tile. Stains follow
 * Beer-Lambert: each pixel holds an amount of haematoxylin, eosin and red-cell pigment, and its colour is
 * {@code illumination * exp(-(h * H + e * E + r * R))} with the stain vectors of Macenko's reference.
 *
 * <p>Layers, bottom to top: glass or extracellular matrix (eosin with fibres along the fibre field, tone
 * and fibre density by domain), holes (fat vacuoles with a thin membrane, vessel lumens with red cells and a
 * hyaline perivascular collar, gland lumens), cytoplasm (each pixel belongs to the nearest cell within its
 * reach, borders between cells slightly darker), nuclei (irregular ellipses with chromatin texture; tumour
 * nuclei vesicular with a nucleolus). Then stain and illumination variation across the slide, optical blur
 * and sensor noise. Every random choice is a hash of the seed and a position, so tiles join seamlessly and
 * the image does not depend on the order or the threads that render it.
 */
public final class HeRenderer {

    private static final double[] H = normalise(0.5626, 0.7201, 0.4062);
    private static final double[] E = normalise(0.2159, 0.8012, 0.5581);
    private static final double[] R = {0.12, 1.0, 0.85};
    private static final double K_H = 1.5;
    private static final double K_E = 1.0;
    private static final int HALO = 4;
    private static final int LATTICE = 8;
    /** Scanner fields (stitched camera frames) have their own slight vignetting, in image pixels. */
    private static final int SCAN_FIELD_PX = 1024;

    private final SimulatedSection s;
    private final SimulationParameters p;
    private final CellGrid grid;
    private final Affine toUm;
    private final Affine toPx;
    private final double umPerPx;
    private final int seed;
    private final double[] ecmEosin = new double[Domain.ALL.length];
    private final double[] ecmFibres = new double[Domain.ALL.length];
    private final double[] ecmHaem = new double[Domain.ALL.length];
    private final NoiseField stainH;
    private final NoiseField stainE;

    public HeRenderer(SimulatedSection section) {
        this.s = section;
        this.p = section.parameters();
        this.grid = new CellGrid(section.cells().x(), section.cells().y(), 16);
        this.toUm = section.image().imageToMicrons();
        this.toPx = toUm.inverse();
        this.umPerPx = Math.sqrt(Math.abs(toUm.determinant()));
        this.seed = (int) Random64.hash(p.seed(), 0x1AA6E);
        double meanE = 0;
        double meanF = 0;
        double meanH = 0;
        for (Domain d : Domain.ALL) {
            meanE += d.ecmEosin / Domain.ALL.length;
            meanF += d.fibres / Domain.ALL.length;
            meanH += d.ecmHaematoxylin / Domain.ALL.length;
        }
        for (Domain d : Domain.ALL) {
            ecmEosin[d.ordinal()] = Math.max(0.05, meanE + p.macroStrength() * (d.ecmEosin - meanE));
            ecmFibres[d.ordinal()] = Math.max(0, meanF + p.macroStrength() * (d.fibres - meanF));
            ecmHaem[d.ordinal()] = Math.max(0, meanH + p.macroStrength() * (d.ecmHaematoxylin - meanH));
        }
        stainH = new NoiseField(Random64.hash(p.seed(), 0x57A1), 1500, 2);
        stainE = new NoiseField(Random64.hash(p.seed(), 0x57A2), 1500, 2);
    }

    public int width() {
        return s.image().width();
    }

    public int height() {
        return s.image().height();
    }

    /** A region of the image as a TYPE_INT_RGB image. */
    public BufferedImage render(Rectangle r) {
        byte[] rgb = renderRgb(r.x, r.y, r.width, r.height);
        BufferedImage img = new BufferedImage(r.width, r.height, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[r.width * r.height];
        for (int i = 0; i < px.length; i++) {
            px[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
        }
        img.setRGB(0, 0, r.width, r.height, px, 0, r.width);
        return img;
    }

    /**
     * The region [u0, u0 + w) x [v0, v0 + h) of the image as interleaved 8-bit RGB, rows top to bottom.
     * Pixels outside the image are drawn all the same (glass), so edge tiles can be padded.
     */
    public byte[] renderRgb(int u0, int v0, int w, int h) {
        int bw = w + 2 * HALO;
        int bh = h + 2 * HALO;
        Region g = new Region(u0 - HALO, v0 - HALO, bw, bh);
        background(g);
        holes(g);
        cytoplasm(g);
        nuclei(g);
        return compose(g, w, h);
    }

    /** The buffers of one region being drawn, with its pixel-to-micrometre map. */
    private final class Region {
        final int u0;
        final int v0;
        final int w;
        final int h;
        final float[] haem;
        final float[] eosin;
        final float[] red;
        final boolean[] glass;
        /** Micrometres of the centre of buffer pixel (0, 0), and per step in i and j. */
        final double x0;
        final double y0;
        final double xi;
        final double yi;
        final double xj;
        final double yj;
        final double minX;
        final double minY;
        final double maxX;
        final double maxY;

        Region(int u0, int v0, int w, int h) {
            this.u0 = u0;
            this.v0 = v0;
            this.w = w;
            this.h = h;
            haem = new float[w * h];
            eosin = new float[w * h];
            red = new float[w * h];
            glass = new boolean[w * h];
            x0 = toUm.applyX(u0 + 0.5, v0 + 0.5);
            y0 = toUm.applyY(u0 + 0.5, v0 + 0.5);
            xi = toUm.applyX(u0 + 1.5, v0 + 0.5) - x0;
            yi = toUm.applyY(u0 + 1.5, v0 + 0.5) - y0;
            xj = toUm.applyX(u0 + 0.5, v0 + 1.5) - x0;
            yj = toUm.applyY(u0 + 0.5, v0 + 1.5) - y0;
            double[] xs = {toUm.applyX(u0, v0), toUm.applyX(u0 + w, v0), toUm.applyX(u0, v0 + h), toUm.applyX(u0 + w, v0 + h)};
            double[] ys = {toUm.applyY(u0, v0), toUm.applyY(u0 + w, v0), toUm.applyY(u0, v0 + h), toUm.applyY(u0 + w, v0 + h)};
            double a = Double.POSITIVE_INFINITY;
            double b = Double.POSITIVE_INFINITY;
            double c = Double.NEGATIVE_INFINITY;
            double d = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                a = Math.min(a, xs[k]);
                b = Math.min(b, ys[k]);
                c = Math.max(c, xs[k]);
                d = Math.max(d, ys[k]);
            }
            minX = a;
            minY = b;
            maxX = c;
            maxY = d;
        }

        double x(int i, int j) {
            return x0 + i * xi + j * xj;
        }

        double y(int i, int j) {
            return y0 + i * yi + j * yj;
        }

        /** Buffer pixel bounds [i0, i1] x [j0, j1] of a disc of radius r um around a point, clipped; null if outside. */
        int[] box(double cx, double cy, double r) {
            double u = toPx.applyX(cx, cy) - u0 - 0.5;
            double v = toPx.applyY(cx, cy) - v0 - 0.5;
            double rp = r / umPerPx + 1;
            int i0 = Math.max(0, (int) Math.floor(u - rp));
            int i1 = Math.min(w - 1, (int) Math.ceil(u + rp));
            int j0 = Math.max(0, (int) Math.floor(v - rp));
            int j1 = Math.min(h - 1, (int) Math.ceil(v + rp));
            return i0 > i1 || j0 > j1 ? null : new int[] {i0, i1, j0, j1};
        }
    }

    // ---------------------------------------------------------------- layers

    private void background(Region g) {
        // slow quantities on a coarse lattice anchored to the image (not the region), interpolated:
        // tissue edge, matrix tone, fibre density and direction
        int lu0 = Math.floorDiv(g.u0, LATTICE);
        int lv0 = Math.floorDiv(g.v0, LATTICE);
        int lw = Math.floorDiv(g.u0 + g.w, LATTICE) - lu0 + 2;
        int lh = Math.floorDiv(g.v0 + g.h, LATTICE) - lv0 + 2;
        float[] edge = new float[lw * lh];
        float[] tone = new float[lw * lh];
        float[] fib = new float[lw * lh];
        float[] tint = new float[lw * lh];
        float[] dirC = new float[lw * lh];
        float[] dirS = new float[lw * lh];
        for (int lj = 0; lj < lh; lj++) {
            for (int li = 0; li < lw; li++) {
                double x = g.x((lu0 + li) * LATTICE - g.u0, (lv0 + lj) * LATTICE - g.v0);
                double y = g.y((lu0 + li) * LATTICE - g.u0, (lv0 + lj) * LATTICE - g.v0);
                int k = lj * lw + li;
                edge[k] = (float) Math.max(-20, Math.min(20, s.map.tissueDepth(x, y)));
                // a little jitter turns the raster's steps into irregular borders
                double jx = x + 6 * (vnoise(x / 9, y / 9, seed + 11) - 0.5);
                double jy = y + 6 * (vnoise(x / 9, y / 9, seed + 12) - 0.5);
                Domain d = s.map.at(jx, jy);
                tone[k] = (float) ecmEosin[d.ordinal()];
                fib[k] = (float) ecmFibres[d.ordinal()];
                tint[k] = (float) ecmHaem[d.ordinal()];
                double a = 2 * s.fields.fibreAngle(x, y);
                dirC[k] = (float) Math.cos(a);
                dirS[k] = (float) Math.sin(a);
            }
        }
        for (int j = 0; j < g.h; j++) {
            int lj = Math.floorDiv(g.v0 + j, LATTICE) - lv0;
            float fy = (Math.floorMod(g.v0 + j, LATTICE)) / (float) LATTICE;
            for (int i = 0; i < g.w; i++) {
                int li = Math.floorDiv(g.u0 + i, LATTICE) - lu0;
                float fx = (Math.floorMod(g.u0 + i, LATTICE)) / (float) LATTICE;
                int k = lj * lw + li;
                double depth = lerp(edge, k, lw, fx, fy);
                double x = g.x(i, j);
                double y = g.y(i, j);
                int o = j * g.w + i;
                double mottle = vnoise(x / 2.2, y / 2.2, seed + 1);
                if (depth <= 0) {
                    g.glass[o] = true;
                    g.eosin[o] = (float) (0.025 + 0.02 * mottle);
                    g.haem[o] = 0.012f;
                    continue;
                }
                double c2 = lerp(dirC, k, lw, fx, fy);
                double s2 = lerp(dirS, k, lw, fx, fy);
                double norm = Math.max(1e-6, Math.sqrt(c2 * c2 + s2 * s2));
                // back from the doubled angle: fibres are axial
                double ca = Math.sqrt(Math.max(0, (1 + c2 / norm) / 2));
                double sa = Math.copySign(Math.sqrt(Math.max(0, (1 - c2 / norm) / 2)), s2);
                // collagen: value noise stretched along the fibre direction (long streaks, thin across), wavy
                double par = x * ca + y * sa;
                double across = -x * sa + y * ca + 3 * vnoise(x / 25, y / 25, seed + 2);
                double streak = 0.75 * vnoise(par / 22, across / 2.4, seed + 3) + 0.25 * vnoise(par / 9, across / 1.1, seed + 13);
                double fibre = lerp(fib, k, lw, fx, fy) * smooth(0.35, 0.75, streak);
                // loose, oedematous patches where the matrix thins out
                double loose = smooth(0.12, 0.45, vnoise(x / 30, y / 30, seed + 14));
                double e = lerp(tone, k, lw, fx, fy) * (0.35 + 1.1 * fibre) * (0.85 + 0.3 * mottle) * (0.7 + 0.3 * loose) + 0.06;
                g.eosin[o] = (float) e;
                g.haem[o] = (float) ((0.03 + lerp(tint, k, lw, fx, fy)) * (0.8 + 0.4 * vnoise(x / 1.3, y / 1.3, seed + 4)));
            }
        }
    }

    private void holes(Region g) {
        double cx = (g.minX + g.maxX) / 2;
        double cy = (g.minY + g.maxY) / 2;
        double half = Math.sqrt((g.maxX - g.minX) * (g.maxX - g.minX) + (g.maxY - g.minY) * (g.maxY - g.minY)) / 2;
        List<Integer> ids = s.structures.near(cx, cy, half + 50);
        double collar = 12;
        for (int id : ids) {
            Structures.Hole hole = s.structures.holes.get(id);
            double reach = hole.radius() + (hole.kind() == Structures.VESSEL ? collar : 1.5);
            int[] b = g.box(hole.x(), hole.y(), reach);
            if (b == null) {
                continue;
            }
            long hs = Random64.hash(p.seed(), 0x401E, id);
            // vessel-rich tissue is congested: its vessels are full of red cells
            double rbcFill = hole.domain() == Domain.VESSEL_RICH ? 0.6 + 0.4 * Random64.unit(hs) : 0.15 + 0.6 * Random64.unit(hs);
            for (int j = b[2]; j <= b[3]; j++) {
                for (int i = b[0]; i <= b[1]; i++) {
                    double x = g.x(i, j);
                    double y = g.y(i, j);
                    double dx = x - hole.x();
                    double dy = y - hole.y();
                    double d = Math.sqrt(dx * dx + dy * dy);
                    int o = j * g.w + i;
                    if (g.glass[o]) {
                        continue;
                    }
                    switch (hole.kind()) {
                        case Structures.FAT -> {
                            double rr = hole.radius() * (1 + 0.04 * (vnoise(Math.atan2(dy, dx) * 3, id, seed + 5) - 0.5));
                            if (d < rr - 0.7) {
                                g.eosin[o] = 0.015f;
                                g.haem[o] = 0.008f;
                            } else if (d < rr + 0.7) {
                                g.eosin[o] = (float) (0.55 + 0.2 * vnoise(x, y, seed + 6));
                                g.haem[o] = 0.05f;
                            }
                        }
                        case Structures.GLAND -> {
                            if (d < hole.radius()) {
                                double secretion = smooth(0.55, 0.8, vnoise(x / 4, y / 4, seed + 7));
                                g.eosin[o] = (float) (0.02 + 0.22 * secretion);
                                g.haem[o] = 0.01f;
                            }
                        }
                        default -> {
                            if (d < hole.radius()) {
                                g.eosin[o] = 0.10f;
                                g.haem[o] = 0.01f;
                                g.red[o] = (float) redCells(x, y, hole, id, rbcFill);
                            } else if (d < hole.radius() + collar) {
                                // hyaline, fibre-poor perivascular matrix: a meso-scale cue
                                double t = 1 - (d - hole.radius()) / collar;
                                double gain = 1 + 0.7 * p.mesoStrength() * t;
                                g.eosin[o] = (float) (g.eosin[o] * (1 - 0.4 * t) + 0.6 * t * (gain - 1) + 0.25 * t);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Red cells packed in a lumen: discs of 3.5 um at hashed spots, paler in the middle (biconcave). */
    private double redCells(double x, double y, Structures.Hole hole, int id, double fill) {
        double r = Math.min(3.6, hole.radius() * 0.8);
        int count = (int) Math.round(fill * Math.max(1, hole.radius() * hole.radius() / (r * r)));
        double best = 0;
        for (int k = 0; k < count; k++) {
            long hk = Random64.hash(p.seed(), 0x4EDC, id, k);
            double a = Random64.unit(hk) * 2 * Math.PI;
            double rr = Math.sqrt(Random64.unit(Random64.mix(hk))) * Math.max(0, hole.radius() - r * 0.8);
            double dx = x - (hole.x() + rr * Math.cos(a));
            double dy = y - (hole.y() + rr * Math.sin(a));
            double q = Math.sqrt(dx * dx + dy * dy) / r;
            if (q < 1) {
                double v = (1 - smooth(0.8, 1, q)) * (0.75 + 0.25 * q);
                best = Math.max(best, v);
            }
        }
        return best;
    }

    private int[] cellsNear(Region g, double pad) {
        return grid.inBox(g.minX - pad, g.minY - pad, g.maxX + pad, g.maxY + pad);
    }

    private void cytoplasm(Region g) {
        CellAppearance a = s.appearance;
        int[] near = cellsNear(g, 14);
        int n = g.w * g.h;
        float[] best = new float[n];
        float[] second = new float[n];
        int[] owner = new int[n];
        java.util.Arrays.fill(best, 9f);
        java.util.Arrays.fill(second, 9f);
        double[] cx = s.cells().x();
        double[] cy = s.cells().y();
        for (int c : near) {
            double rc = a.cytoplasmRadius[c];
            // cytoplasm follows the nucleus: elongated cells have elongated bodies
            double elong = Math.sqrt(a.nucleusA[c] / a.nucleusB[c]);
            double ra = rc * Math.sqrt(elong);
            double rb = rc / Math.sqrt(elong);
            int[] b = g.box(cx[c], cy[c], ra * 1.05);
            if (b == null) {
                continue;
            }
            double cos = Math.cos(a.angle[c]);
            double sin = Math.sin(a.angle[c]);
            for (int j = b[2]; j <= b[3]; j++) {
                for (int i = b[0]; i <= b[1]; i++) {
                    double dx = g.x(i, j) - cx[c];
                    double dy = g.y(i, j) - cy[c];
                    double xr = (dx * cos + dy * sin) / ra;
                    double yr = (-dx * sin + dy * cos) / rb;
                    float sc = (float) Math.sqrt(xr * xr + yr * yr);
                    int o = j * g.w + i;
                    if (sc < best[o]) {
                        second[o] = best[o];
                        best[o] = sc;
                        owner[o] = c;
                    } else if (sc < second[o]) {
                        second[o] = sc;
                    }
                }
            }
        }
        for (int j = 0; j < g.h; j++) {
            for (int i = 0; i < g.w; i++) {
                int o = j * g.w + i;
                if (best[o] >= 1.02f) {
                    continue;
                }
                int c = owner[o];
                double x = g.x(i, j);
                double y = g.y(i, j);
                double cover = 1 - smooth(0.82, 1.02, best[o]);
                double tex = a.cytoplasmTexture[c];
                double grain = vnoise(x / 1.1, y / 1.1, seed + 8);
                double e = a.cytoplasmEosin[c] * (1 + tex * (2 * grain - 1)) + 0.04;
                double h = a.cytoplasmHaematoxylin[c] * (0.8 + 0.4 * grain) + 0.03;
                if (second[o] < 1.02f && second[o] - best[o] < 0.07f) {
                    e += 0.22;
                }
                g.eosin[o] = (float) (g.eosin[o] * (1 - cover) + e * cover);
                g.haem[o] = (float) (g.haem[o] * (1 - cover) + h * cover);
            }
        }
    }

    private void nuclei(Region g) {
        CellAppearance a = s.appearance;
        int[] near = cellsNear(g, 8);
        double[] cx = s.cells().x();
        double[] cy = s.cells().y();
        for (int c : near) {
            double na = a.nucleusA[c];
            double nb = a.nucleusB[c];
            int[] b = g.box(cx[c], cy[c], na * 1.25 + 0.5);
            if (b == null) {
                continue;
            }
            long hc = Random64.hash(p.seed(), 0x2FC1, c);
            // boundary wobble: second and third harmonics with random phases, more for large irregular nuclei
            double irregular = 0.04 + 0.05 * Math.min(1, na / 5.5);
            double w2 = irregular * Random64.unit(hc);
            double w3 = irregular * Random64.unit(Random64.mix(hc));
            double p2 = 2 * Math.PI * Random64.unit(Random64.mix(hc + 1));
            double p3 = 2 * Math.PI * Random64.unit(Random64.mix(hc + 2));
            double c2p = Math.cos(p2);
            double s2p = Math.sin(p2);
            double c3p = Math.cos(p3);
            double s3p = Math.sin(p3);
            double cos = Math.cos(a.angle[c]);
            double sin = Math.sin(a.angle[c]);
            double dark = a.darkness[c];
            double tex = a.texture[c];
            double nucleolus = a.nucleolus[c];
            double edge = 0.45 / nb;
            double ox = 0.3 * (Random64.unit(Random64.mix(hc + 3)) - 0.5);
            double oy = 0.3 * (Random64.unit(Random64.mix(hc + 4)) - 0.5);
            for (int j = b[2]; j <= b[3]; j++) {
                for (int i = b[0]; i <= b[1]; i++) {
                    double x = g.x(i, j);
                    double y = g.y(i, j);
                    double dx = x - cx[c];
                    double dy = y - cy[c];
                    double xr = (dx * cos + dy * sin) / na;
                    double yr = (-dx * sin + dy * cos) / nb;
                    double rho2 = xr * xr + yr * yr;
                    if (rho2 > 1.7) {
                        continue;
                    }
                    double rho = Math.sqrt(rho2);
                    double ct = rho > 1e-9 ? xr / rho : 1;
                    double st = rho > 1e-9 ? yr / rho : 0;
                    double c2 = ct * ct - st * st;
                    double s2 = 2 * ct * st;
                    double c3 = ct * (4 * ct * ct - 3);
                    double s3 = st * (3 - 4 * st * st);
                    double limit = 1 + w2 * (c2 * c2p + s2 * s2p) + w3 * (c3 * c3p + s3 * s3p);
                    double cover = Math.min(1, Math.max(0, (limit - rho) / edge + 0.5));
                    if (cover <= 0) {
                        continue;
                    }
                    double chromatin = vnoise(x / 0.65, y / 0.65, seed + 9);
                    double hn = dark * (1 + 0.8 * tex * (2 * chromatin - 1));
                    double en = 0.10;
                    if (nucleolus > 0) {
                        // vesicular: pale centre, chromatin at the membrane, a dark magenta nucleolus
                        hn *= 1 - 0.45 * nucleolus * Math.max(0, 1 - rho2 * 1.1);
                        double qx = (xr - ox) * na;
                        double qy = (yr - oy) * nb;
                        double dn = Math.sqrt(qx * qx + qy * qy);
                        double spot = 1 - smooth(0.45, 0.75, dn);
                        hn += 0.8 * nucleolus * spot;
                        en += 0.35 * nucleolus * spot;
                    }
                    int o = j * g.w + i;
                    g.haem[o] = (float) (g.haem[o] * (1 - cover) + hn * cover);
                    g.eosin[o] = (float) (g.eosin[o] * (1 - 0.75 * cover) + en * cover);
                }
            }
        }
    }

    private byte[] compose(Region g, int w, int h) {
        double noise = p.imageNoise();
        // optical density per channel, with slow stain variation across the slide
        int n = g.w * g.h;
        float[][] od = new float[3][n];
        int lu0 = Math.floorDiv(g.u0, LATTICE);
        int lv0 = Math.floorDiv(g.v0, LATTICE);
        int lw = Math.floorDiv(g.u0 + g.w, LATTICE) - lu0 + 2;
        int lh = Math.floorDiv(g.v0 + g.h, LATTICE) - lv0 + 2;
        float[] vh = new float[lw * lh];
        float[] ve = new float[lw * lh];
        for (int lj = 0; lj < lh; lj++) {
            for (int li = 0; li < lw; li++) {
                double x = g.x((lu0 + li) * LATTICE - g.u0, (lv0 + lj) * LATTICE - g.v0);
                double y = g.y((lu0 + li) * LATTICE - g.u0, (lv0 + lj) * LATTICE - g.v0);
                vh[lj * lw + li] = (float) (1 + 0.12 * noise * (2 * stainH.uniform(x, y) - 1));
                ve[lj * lw + li] = (float) (1 + 0.12 * noise * (2 * stainE.uniform(x, y) - 1));
            }
        }
        for (int j = 0; j < g.h; j++) {
            int lj = Math.floorDiv(g.v0 + j, LATTICE) - lv0;
            float fy = (Math.floorMod(g.v0 + j, LATTICE)) / (float) LATTICE;
            for (int i = 0; i < g.w; i++) {
                int li = Math.floorDiv(g.u0 + i, LATTICE) - lu0;
                float fx = (Math.floorMod(g.u0 + i, LATTICE)) / (float) LATTICE;
                int k = lj * lw + li;
                int o = j * g.w + i;
                double hh = K_H * g.haem[o] * lerp(vh, k, lw, fx, fy);
                double ee = K_E * g.eosin[o] * lerp(ve, k, lw, fx, fy);
                double rr = g.red[o];
                for (int ch = 0; ch < 3; ch++) {
                    od[ch][o] = (float) (hh * H[ch] + ee * E[ch] + rr * R[ch]);
                }
            }
        }
        double sigma = 0.55 + 0.25 * noise;
        for (int ch = 0; ch < 3; ch++) {
            od[ch] = blur(od[ch], g.w, g.h, sigma);
        }
        byte[] out = new byte[w * h * 3];
        double[] white = {247, 244, 249};
        double amp = 2.5 * noise / 512.0;
        long[] fieldCache = {Long.MIN_VALUE, 0};
        for (int j = 0; j < h; j++) {
            int v = g.v0 + HALO + j;
            for (int i = 0; i < w; i++) {
                int u = g.u0 + HALO + i;
                int o = (j + HALO) * g.w + (i + HALO);
                double light = illumination(u, v, noise, fieldCache);
                // roughly Gaussian sensor noise per channel: two 10-bit uniforms summed, from one hash
                long hp = Random64.hash(seed, u, v);
                for (int ch = 0; ch < 3; ch++) {
                    int bits = (int) (hp >>> (ch * 20));
                    double z = ((bits & 0x3FF) + ((bits >>> 10) & 0x3FF) - 1023) * amp;
                    double val = white[ch] * light * Math.exp(-od[ch][o]) + z;
                    out[3 * (j * w + i) + ch] = (byte) Math.max(0, Math.min(255, (int) Math.round(val)));
                }
            }
        }
        return out;
    }

    /** Slide illumination: each scanner field slightly vignetted and a touch brighter or darker than the next. */
    private double illumination(int u, int v, double noise, long[] cache) {
        int fu = Math.floorDiv(u, SCAN_FIELD_PX);
        int fv = Math.floorDiv(v, SCAN_FIELD_PX);
        double ru = (u - fu * SCAN_FIELD_PX) / (double) SCAN_FIELD_PX * 2 - 1;
        double rv = (v - fv * SCAN_FIELD_PX) / (double) SCAN_FIELD_PX * 2 - 1;
        long key = ((long) fu << 32) ^ (fv & 0xFFFFFFFFL);
        if (cache[0] != key) {
            cache[0] = key;
            cache[1] = Double.doubleToRawLongBits(0.012 * noise * (2 * Random64.unit(Random64.hash(seed, 0xF1E1D, fu, fv)) - 1));
        }
        double field = Double.longBitsToDouble(cache[1]);
        return 1 + field - 0.02 * noise * (ru * ru + rv * rv) / 2;
    }

    private static float[] blur(float[] src, int w, int h, double sigma) {
        int r = Math.min(HALO, (int) Math.ceil(2.5 * sigma));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[src.length];
        for (int j = 0; j < h; j++) {
            int row = j * w;
            for (int i = 0; i < w; i++) {
                double acc = 0;
                if (i >= r && i < w - r) {
                    for (int t = -r; t <= r; t++) {
                        acc += k[t + r] * src[row + i + t];
                    }
                } else {
                    for (int t = -r; t <= r; t++) {
                        acc += k[t + r] * src[row + Math.min(w - 1, Math.max(0, i + t))];
                    }
                }
                tmp[row + i] = (float) acc;
            }
        }
        float[] out = new float[src.length];
        for (int j = 0; j < h; j++) {
            for (int t = -r; t <= r; t++) {
                int jj = Math.min(h - 1, Math.max(0, j + t));
                float kt = (float) k[t + r];
                int from = jj * w;
                int to = j * w;
                for (int i = 0; i < w; i++) {
                    out[to + i] += kt * tmp[from + i];
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static float lerp(float[] a, int k, int lw, float fx, float fy) {
        float top = a[k] + fx * (a[k + 1] - a[k]);
        float bottom = a[k + lw] + fx * (a[k + lw + 1] - a[k + lw]);
        return top + fy * (bottom - top);
    }

    static double smooth(double lo, double hi, double v) {
        return TissueFields.smoothstep(lo, hi, v);
    }

    /** Value noise in [0, 1] with a smooth (C1) interpolant: cheap per-pixel texture. */
    static double vnoise(double x, double y, int salt) {
        double fx0 = Math.floor(x);
        double fy0 = Math.floor(y);
        int ix = (int) fx0;
        int iy = (int) fy0;
        double fx = x - fx0;
        double fy = y - fy0;
        double a = lattice(ix, iy, salt);
        double b = lattice(ix + 1, iy, salt);
        double c = lattice(ix, iy + 1, salt);
        double d = lattice(ix + 1, iy + 1, salt);
        double sx = fx * fx * (3 - 2 * fx);
        double sy = fy * fy * (3 - 2 * fy);
        double top = a + sx * (b - a);
        double bottom = c + sx * (d - c);
        return top + sy * (bottom - top);
    }

    private static double lattice(int ix, int iy, int salt) {
        int h = ix * 0x27d4eb2d ^ iy * 0x165667b1 ^ salt * 0x9e3779b1;
        h ^= h >>> 15;
        h *= 0x2c1b3c6d;
        h ^= h >>> 12;
        h *= 0x297a2d39;
        h ^= h >>> 15;
        return (h >>> 8) * 0x1.0p-24;
    }

    private static double[] normalise(double a, double b, double c) {
        double n = Math.sqrt(a * a + b * b + c * c);
        return new double[] {a / n, b / n, c / n};
    }
}
