package org.sigmma.ingest.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.image.Affine;

/**
 * The planted structure is in the H&amp;E image, measured from pixels with simple features: colours in
 * rings around each cell's position (mapped through the registration) and the size and shape of the dark
 * blob at its centre.
 */
class ImageSignalTest {

    static Rendered main;
    static Rendered noArrangement;

    /** A section with its whole image in memory (small sections only). */
    record Rendered(SimulatedSection s, int w, int h, int[] rgb) {

        static Rendered of(SimulatedSection s) {
            HeRenderer r = new HeRenderer(s);
            int w = r.width();
            int h = r.height();
            int[] rgb = new int[w * h];
            java.util.stream.IntStream.range(0, ((h + 255) / 256) * ((w + 255) / 256)).parallel().forEach(t -> {
                int across = (w + 255) / 256;
                int u0 = (t % across) * 256;
                int v0 = (t / across) * 256;
                int tw = Math.min(256, w - u0);
                int th = Math.min(256, h - v0);
                byte[] b = r.renderRgb(u0, v0, tw, th);
                for (int y = 0; y < th; y++) {
                    for (int x = 0; x < tw; x++) {
                        int o = 3 * (y * tw + x);
                        rgb[(v0 + y) * w + u0 + x] = (b[o] & 0xFF) << 16 | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF);
                    }
                }
            });
            return new Rendered(s, w, h, rgb);
        }
    }

    @BeforeAll
    static void render() {
        SimulationParameters p = SimulationParameters.of(7500, 200, 23).withDomainScale(200);
        main = Rendered.of(SectionSimulator.simulate(p));
        noArrangement = Rendered.of(SectionSimulator.simulate(p.withStrengths(1, 1, 1, 0)));
    }

    private static final double[] RINGS = {0, 1.5, 3, 5, 8};

    /**
     * Features of the pixels around a cell: mean R, G, B in rings (0-1.5, 1.5-3, 3-5, 5-8 um), the area of
     * dark (haematoxylin) pixels within 3.5 um, and the elongation of the dark pixels within 6 um.
     */
    static double[] features(Rendered r, int c) {
        SimulatedSection s = r.s();
        Affine toPx = s.image().micronsToImage();
        double um = s.parameters().heUmPerPx();
        double u = toPx.applyX(s.cells().x()[c], s.cells().y()[c]);
        double v = toPx.applyY(s.cells().x()[c], s.cells().y()[c]);
        int rings = RINGS.length - 1;
        double[] sum = new double[rings * 3];
        int[] n = new int[rings];
        double darkNear = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        double nd = 0;
        int reach = (int) Math.ceil(RINGS[rings] / um) + 1;
        for (int dy = -reach; dy <= reach; dy++) {
            for (int dx = -reach; dx <= reach; dx++) {
                int pu = (int) Math.floor(u) + dx;
                int pv = (int) Math.floor(v) + dy;
                if (pu < 0 || pv < 0 || pu >= r.w() || pv >= r.h()) {
                    continue;
                }
                double du = (pu + 0.5 - u) * um;
                double dv = (pv + 0.5 - v) * um;
                double d = Math.sqrt(du * du + dv * dv);
                int px = r.rgb()[pv * r.w() + pu];
                int red = px >> 16 & 0xFF;
                int green = px >> 8 & 0xFF;
                int blue = px & 0xFF;
                for (int k = 0; k < rings; k++) {
                    if (d >= RINGS[k] && d < RINGS[k + 1]) {
                        sum[3 * k] += red;
                        sum[3 * k + 1] += green;
                        sum[3 * k + 2] += blue;
                        n[k]++;
                    }
                }
                boolean dark = red + green < 250 && blue > red;
                if (dark && d < 3.5) {
                    darkNear += um * um;
                }
                if (dark && d < 6) {
                    sx += du;
                    sy += dv;
                    sxx += du * du;
                    syy += dv * dv;
                    sxy += du * dv;
                    nd++;
                }
            }
        }
        double[] f = new double[rings * 3 + 2];
        for (int k = 0; k < rings; k++) {
            for (int ch = 0; ch < 3; ch++) {
                f[3 * k + ch] = n[k] == 0 ? 0 : sum[3 * k + ch] / n[k];
            }
        }
        f[rings * 3] = darkNear;
        double elong = 1;
        if (nd > 3) {
            double mx = sx / nd;
            double my = sy / nd;
            double a = sxx / nd - mx * mx;
            double b = syy / nd - my * my;
            double cxy = sxy / nd - mx * my;
            double tr = a + b;
            double det = a * b - cxy * cxy;
            double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
            double l1 = tr / 2 + disc;
            double l2 = Math.max(1e-6, tr / 2 - disc);
            elong = Math.sqrt(l1 / l2);
        }
        f[rings * 3 + 1] = Math.min(10, elong);
        return f;
    }

    @Test
    void cellTypesAreSeparableFromImageFeaturesAroundTheNucleus() {
        SimulatedCells c = main.s().cells();
        double[][] x = new double[c.size()][];
        int[] label = new int[c.size()];
        boolean[] train = new boolean[c.size()];
        int[] perType = new int[CellType.ALL.length];
        for (int i = 0; i < c.size(); i++) {
            x[i] = features(main, i);
            label[i] = c.types()[i].ordinal();
            train[i] = i % 2 == 0;
            perType[label[i]]++;
        }
        double acc = Stats.nearestCentroidBalancedAccuracy(Stats.standardise(x, train), label, CellType.ALL.length, train);
        long present = java.util.Arrays.stream(perType).filter(k -> k > 0).count();
        System.out.printf("type from image features: balanced accuracy %.3f over %d types (chance %.3f)%n", acc, present, 1.0 / present);
        assertTrue(present >= 8, "most types present: " + present);
        assertTrue(acc > 4.0 / present, "cell types from image features, balanced accuracy " + acc);
    }

    @Test
    void domainIsRecoverableFromTileMeanColour() {
        SimulatedSection s = main.s();
        SimulatedCells c = s.cells();
        List<Tiles.Tile> tiles = Tiles.of(c, 128, 10);
        List<double[]> feats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        Affine toPx = s.image().micronsToImage();
        double um = s.parameters().heUmPerPx();
        for (Tiles.Tile t : tiles) {
            double[] shares = Tiles.domainShares(c, t);
            int d = Tiles.argmax(shares);
            if (shares[d] < 0.7) {
                continue;
            }
            // tiles mostly of glass are dropped, as the section loader drops them
            int tissue = 0;
            int probes = 0;
            for (double y = t.y0() + 2; y < t.y0() + t.side(); y += 4) {
                for (double x = t.x0() + 2; x < t.x0() + t.side(); x += 4) {
                    probes++;
                    tissue += s.inTissue(x, y) ? 1 : 0;
                }
            }
            if (tissue < 0.9 * probes) {
                continue;
            }
            // the tile's pixels: walk its micrometre square at the image's resolution
            double[] mean = new double[3];
            int n = 0;
            for (double y = t.y0() + um / 2; y < t.y0() + t.side(); y += um) {
                for (double x = t.x0() + um / 2; x < t.x0() + t.side(); x += um) {
                    int pu = (int) Math.floor(toPx.applyX(x, y));
                    int pv = (int) Math.floor(toPx.applyY(x, y));
                    if (pu < 0 || pv < 0 || pu >= main.w() || pv >= main.h()) {
                        continue;
                    }
                    int px = main.rgb()[pv * main.w() + pu];
                    mean[0] += px >> 16 & 0xFF;
                    mean[1] += px >> 8 & 0xFF;
                    mean[2] += px & 0xFF;
                    n++;
                }
            }
            for (int k = 0; k < 3; k++) {
                mean[k] /= n;
            }
            feats.add(mean);
            labels.add(d);
        }
        double[][] x = feats.toArray(new double[0][]);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double acc = Stats.looLdaAccuracy(x, y, Domain.ALL.length);
        int[] count = new int[Domain.ALL.length];
        for (int d : y) {
            count[d]++;
        }
        int majority = java.util.Arrays.stream(count).max().orElse(0);
        System.out.printf("domain from tile mean colour: %d tiles, LOO accuracy %.3f (majority class %.3f)%n",
                y.length, acc, (double) majority / y.length);
        assertTrue(labels.stream().distinct().count() >= 4, "tiles of several domains");
        assertTrue(x.length >= 15, "enough tissue tiles of one domain: " + x.length);
        assertTrue(acc > 0.7 && acc > (double) majority / y.length + 0.3, "domain from a tile's mean colour: " + acc);
    }

    /** AUC of the dark-area feature (smaller for exhausted T cells) and of cytoplasm redness (interface). */
    private static double[] contactAucs(Rendered r) {
        SimulatedCells c = r.s().cells();
        List<Double> tScore = new ArrayList<>();
        List<Boolean> tPos = new ArrayList<>();
        List<Double> uScore = new ArrayList<>();
        List<Boolean> uPos = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (c.types()[i] == CellType.T_CELL) {
                double[] f = features(r, i);
                // darker centre and a smaller dark blob
                tScore.add(-f[3 * (RINGS.length - 1)] - 0.02 * (f[0] + f[1]));
                tPos.add(c.contacts()[i] == ContactState.T_CELL_TUMOUR_CONTACT);
            } else if (c.types()[i] == CellType.TUMOUR) {
                double[] f = features(r, i);
                // eosinophilic cytoplasm: red stays, green and blue drop in the 5-8 um ring
                uScore.add(f[9] - (f[10] + f[11]) / 2);
                uPos.add(c.contacts()[i] == ContactState.TUMOUR_STROMA_INTERFACE);
            }
        }
        return new double[] {auc(tScore, tPos), auc(uScore, uPos)};
    }

    private static double auc(List<Double> s, List<Boolean> p) {
        double[] sc = s.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] pos = new boolean[p.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = p.get(i);
        }
        return Stats.auc(sc, pos);
    }

    @Test
    void contactStatesShowInTheImageAndOnlyThroughTheirKnob() {
        double[] on = contactAucs(main);
        double[] off = contactAucs(noArrangement);
        System.out.printf("image contact AUC: exhausted T cells %.3f (knob off %.3f), tumour interface %.3f (knob off %.3f)%n",
                on[0], off[0], on[1], off[1]);
        assertTrue(on[0] > 0.75, "exhausted T cells look different: AUC " + on[0]);
        assertTrue(on[0] > off[0] + 0.15, "because of the arrangement knob: " + on[0] + " vs " + off[0]);
        assertTrue(on[1] > 0.7, "interface tumour cells look different: AUC " + on[1]);
        assertTrue(on[1] > off[1] + 0.15, "because of the arrangement knob: " + on[1] + " vs " + off[1]);
    }
}
