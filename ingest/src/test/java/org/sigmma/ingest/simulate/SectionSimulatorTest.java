package org.sigmma.ingest.simulate;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.simulate.Tissue.CellType;
import org.sigmma.ingest.simulate.Tissue.Contact;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.ingest.xenium.XeniumBundle;
import org.sigmma.ingest.xenium.XeniumReader;

/** The planted structure is really there, in both modalities, and the bundle reads back as written. */
class SectionSimulatorTest {

    static SimulatedSection s;
    static BufferedImage image;
    static final int N = 7000;

    @BeforeAll
    static void simulate() {
        s = SectionSimulator.simulate(SimulationParameters.of(N, 200, 5));
        image = HeRenderer.render(s);
    }

    private static double[] geneSum(String prefix) {
        double[] out = new double[s.nCells()];
        SparseCounts c = s.counts();
        for (int i = 0; i < s.nCells(); i++) {
            double lib = Math.max(1, c.librarySize(i));
            for (int k = c.indptr()[i]; k < c.indptr()[i + 1]; k++) {
                if (s.geneNames()[c.indices()[k]].startsWith(prefix)) {
                    out[i] += c.values()[k] * 1e4 / lib;
                }
            }
            out[i] = Math.log1p(out[i]);
        }
        return out;
    }

    @Test
    void deterministicForASeedAndRealisticCounts() {
        SimulatedSection again = SectionSimulator.simulate(SimulationParameters.of(N, 200, 5));
        assertArrayEquals(s.x(), again.x());
        assertArrayEquals(s.counts().values(), again.counts().values());
        assertEquals(N, s.nCells());
        long[] lib = new long[N];
        for (int i = 0; i < N; i++) {
            lib[i] = s.counts().librarySize(i);
        }
        java.util.Arrays.sort(lib);
        assertTrue(lib[N / 2] >= 100 && lib[N / 2] <= 300, "median library " + lib[N / 2]);
        assertFalse(java.util.Arrays.equals(s.x(), SectionSimulator.simulate(SimulationParameters.of(N, 200, 6)).x()));
    }

    /** Image features around each nucleus: dark-pixel areas within 2, 3.5 and 5 um, and the darkness at the centre. */
    private static double[][] nucleusFeatures() {
        Affine m2i = s.imageToMicrons().inverse();
        double[][] f = new double[N][4];
        for (int i = 0; i < N; i++) {
            double cx = m2i.applyX(s.x()[i], s.y()[i]);
            double cy = m2i.applyY(s.x()[i], s.y()[i]);
            double inner = 0;
            int innerN = 0;
            for (int dy = -10; dy <= 10; dy++) {
                for (int dx = -10; dx <= 10; dx++) {
                    int px = (int) Math.round(cx) + dx;
                    int py = (int) Math.round(cy) + dy;
                    if (px < 0 || py < 0 || px >= image.getWidth() || py >= image.getHeight()) {
                        continue;
                    }
                    int rgb = image.getRGB(px, py);
                    double lum = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3.0;
                    int r2 = dx * dx + dy * dy;
                    boolean dark = lum < 110;
                    if (dark && r2 <= 16) {
                        f[i][0]++;
                    }
                    if (dark && r2 <= 49) {
                        f[i][1]++;
                    }
                    if (dark && r2 <= 100) {
                        f[i][2]++;
                    }
                    if (r2 <= 2) {
                        inner += lum;
                        innerN++;
                    }
                }
            }
            f[i][3] = inner / Math.max(1, innerN);
        }
        return standardise(f);
    }

    static double[][] standardise(double[][] f) {
        int dim = f[0].length;
        for (int d = 0; d < dim; d++) {
            double mean = 0;
            double sq = 0;
            for (double[] row : f) {
                mean += row[d];
            }
            mean /= f.length;
            for (double[] row : f) {
                sq += (row[d] - mean) * (row[d] - mean);
            }
            double sd = Math.sqrt(sq / f.length) + 1e-9;
            for (double[] row : f) {
                row[d] = (row[d] - mean) / sd;
            }
        }
        return f;
    }

    @Test
    void cellTypesAreSeparableFromTheImageAroundTheNucleus() {
        double[][] f = nucleusFeatures();
        int[] label = new int[N];
        for (int i = 0; i < N; i++) {
            label[i] = s.type()[i].ordinal();
        }
        double acc = nearestCentroidAccuracy(f, label, CellType.values().length);
        double majority = majorityShare(label, CellType.values().length);
        assertTrue(acc > 1.6 * majority, "type from image " + acc + " vs majority " + majority);
    }

    @Test
    void nicheGenesFollowTheNeighbourhoodNotOnlyTheOwnType() {
        double[] niche = geneSum("Niche");
        // within one cell type, the niche programme still tracks the immune share of the neighbourhood
        for (CellType t : new CellType[] {CellType.TUMOUR, CellType.FIBROBLAST}) {
            double[] a = new double[N];
            double[] b = new double[N];
            int m = 0;
            for (int i = 0; i < N; i++) {
                if (s.type()[i] == t) {
                    a[m] = niche[i];
                    b[m++] = s.nicheImmuneShare()[i];
                }
            }
            double r = correlation(java.util.Arrays.copyOf(a, m), java.util.Arrays.copyOf(b, m));
            assertTrue(r > 0.25, t + ": niche genes vs immune neighbourhood r = " + r);
        }
    }

    @Test
    void domainIsRecoverableFromTileColourAndFromTileExpression() {
        Map<Long, int[]> domainCounts = new HashMap<>();
        Map<Long, double[]> colour = new HashMap<>();
        Map<Long, double[]> expr = new HashMap<>();
        Map<Long, Integer> cells = new HashMap<>();
        double[][] domGenes = new double[6][];
        String[] prefixes = {"DomTum", "DomStr", "DomImm", "DomVes", "DomEpi", "DomAdi"};
        for (int d = 0; d < 6; d++) {
            domGenes[d] = geneSum(prefixes[d]);
        }
        Affine m2i = s.imageToMicrons().inverse();
        for (int i = 0; i < N; i++) {
            long key = ((long) (s.y()[i] / 128) << 32) | (long) (s.x()[i] / 128);
            domainCounts.computeIfAbsent(key, k -> new int[6])[s.domain()[i].ordinal()]++;
            double[] e = expr.computeIfAbsent(key, k -> new double[6]);
            for (int d = 0; d < 6; d++) {
                e[d] += domGenes[d][i];
            }
            cells.merge(key, 1, Integer::sum);
        }
        for (long key : cells.keySet()) {
            double x0 = (key & 0xFFFFFFFFL) * 128.0;
            double y0 = (key >> 32) * 128.0;
            double[] c = colour.computeIfAbsent(key, k -> new double[3]);
            for (double uy = y0 + 2; uy < y0 + 128; uy += 4) {
                for (double ux = x0 + 2; ux < x0 + 128; ux += 4) {
                    int px = (int) m2i.applyX(ux, uy);
                    int py = (int) m2i.applyY(ux, uy);
                    int rgb = image.getRGB(Math.min(image.getWidth() - 1, px), Math.min(image.getHeight() - 1, py));
                    c[0] += ((rgb >> 16) & 0xFF) / 1024.0;
                    c[1] += ((rgb >> 8) & 0xFF) / 1024.0;
                    c[2] += (rgb & 0xFF) / 1024.0;
                }
            }
        }
        java.util.List<Long> keys = new java.util.ArrayList<>(cells.keySet());
        // whole tiles only: edge tiles are part glass
        keys.removeIf(k -> cells.get(k) < 10 || ((k & 0xFFFFFFFFL) + 1) * 128 > s.sideUm() || ((k >> 32) + 1) * 128 > s.sideUm());
        int n = keys.size();
        int[] label = new int[n];
        double[][] byColour = new double[n][];
        double[][] byExpr = new double[n][];
        for (int t = 0; t < n; t++) {
            long k = keys.get(t);
            int[] dc = domainCounts.get(k);
            int best = 0;
            for (int d = 1; d < 6; d++) {
                best = dc[d] > dc[best] ? d : best;
            }
            label[t] = best;
            double m = cells.get(k);
            byColour[t] = colour.get(k).clone();
            byExpr[t] = java.util.Arrays.stream(expr.get(k)).map(v -> v / m).toArray();
        }
        double majority = majorityShare(label, 6);
        double fromColour = leaveOneOutAccuracy(standardise(byColour), label, 6);
        double fromExpr = leaveOneOutAccuracy(byExpr, label, 6);
        assertTrue(fromExpr > 0.8, "domain from tile expression " + fromExpr);
        assertTrue(fromColour > majority + 0.1, "domain from tile colour " + fromColour + " vs majority " + majority);
    }

    @Test
    void arrangementIsNotExplainedByCompositionButByContacts() {
        double[] exh = geneSum("Exh");
        Map<Long, double[]> comp = new HashMap<>();
        Map<Long, double[]> y = new HashMap<>();
        Map<Long, double[]> contacts = new HashMap<>();
        Map<Long, double[]> domainTally = new HashMap<>();
        for (int i = 0; i < N; i++) {
            long key0 = ((long) (s.y()[i] / 64) << 32) | (long) (s.x()[i] / 64);
            double[] tally = domainTally.computeIfAbsent(key0, k -> new double[2]);
            tally[0] += s.domain()[i] == Tissue.Domain.TUMOUR ? 1 : 0;
            tally[1]++;
        }
        Map<Long, Double> tumourShare = new HashMap<>();
        domainTally.forEach((k, v) -> tumourShare.put(k, v[0] / v[1]));
        for (int i = 0; i < N; i++) {
            long key = ((long) (s.y()[i] / 64) << 32) | (long) (s.x()[i] / 64);
            double[] c = comp.computeIfAbsent(key, k -> new double[CellType.values().length + 1]);
            c[s.type()[i].ordinal()]++;
            c[CellType.values().length]++;
            if (s.type()[i] == CellType.T_CELL) {
                y.computeIfAbsent(key, k -> new double[2])[0] += exh[i];
                y.get(key)[1]++;
                contacts.computeIfAbsent(key, k -> new double[1])[0] += s.contact()[i] == Contact.EXHAUSTED ? 1 : 0;
            }
        }
        java.util.List<double[]> xComp = new java.util.ArrayList<>();
        java.util.List<double[]> xBoth = new java.util.ArrayList<>();
        java.util.List<Double> target = new java.util.ArrayList<>();
        for (Map.Entry<Long, double[]> e : y.entrySet()) {
            double tCells = e.getValue()[1];
            if (tCells < 3 || tumourShare.getOrDefault(e.getKey(), 0.0) < 0.5) {
                continue; // tumour tiles: composition alike, arrangement (mixed or segregated T cells) differs
            }
            double[] c = comp.get(e.getKey());
            double total = c[c.length - 1];
            double[] shares = new double[c.length];
            shares[0] = 1;
            for (int t = 0; t < c.length - 1; t++) {
                shares[t + 1] = c[t] / total;
            }
            xComp.add(shares);
            double[] both = java.util.Arrays.copyOf(shares, shares.length + 1);
            both[shares.length] = contacts.get(e.getKey())[0] / tCells;
            xBoth.add(both);
            target.add(e.getValue()[0] / tCells);
        }
        double[] t = target.stream().mapToDouble(Double::doubleValue).toArray();
        double r2Comp = rSquared(xComp.toArray(new double[0][]), t);
        double r2Both = rSquared(xBoth.toArray(new double[0][]), t);
        assertTrue(t.length >= 15, "tumour patches with T cells: " + t.length);
        // partial R^2: the share of what composition leaves unexplained that the contacts explain
        double partial = (r2Both - r2Comp) / (1 - r2Comp);
        assertTrue(r2Comp < 0.8 && partial > 0.4, "exhaustion from composition R2 " + r2Comp + ", with contacts " + r2Both
                + ", partial " + partial);
    }

    @Test
    void theBundleReadsBackAsWritten(@TempDir Path dir) {
        SimulatedSection small = SectionSimulator.simulate(SimulationParameters.of(1500, 120, 9));
        BundleWriter.write(small, dir, f -> { });
        try (XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(dir)) {
            assertEquals(1500, b.cells().cellIds().length);
            assertEquals(120, b.matrix().geneNames().length);
            assertArrayEquals(small.counts().values(), b.matrix().counts().values());
            assertEquals(small.x()[17], b.cells().x()[17], 1e-3);
            assertEquals(0.2125, b.pixelSizeUm());
            assertTrue(b.image().isPresent() && b.labels().isPresent());
            assertTrue(b.imageToMicrons().orElseThrow().distance(small.imageToMicrons()) < 1e-6);
            long probes = java.util.Arrays.stream(b.matrix().qcCounts().get("control_probe")).sum();
            assertEquals(java.util.Arrays.stream(small.controlProbeCounts()).sum(), probes);
        }
    }

    // --- small statistics helpers -------------------------------------------------------------

    static double nearestCentroidAccuracy(double[][] f, int[] label, int classes) {
        // fit on even rows, score on odd rows
        int dim = f[0].length;
        double[][] centroid = new double[classes][dim];
        int[] count = new int[classes];
        for (int i = 0; i < f.length; i += 2) {
            count[label[i]]++;
            for (int d = 0; d < dim; d++) {
                centroid[label[i]][d] += f[i][d];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < dim; d++) {
                centroid[c][d] /= Math.max(1, count[c]);
            }
        }
        int right = 0;
        int total = 0;
        for (int i = 1; i < f.length; i += 2) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (count[c] == 0) {
                    continue;
                }
                double dist = 0;
                for (int d = 0; d < dim; d++) {
                    dist += (f[i][d] - centroid[c][d]) * (f[i][d] - centroid[c][d]);
                }
                if (dist < bestD) {
                    bestD = dist;
                    best = c;
                }
            }
            right += best == label[i] ? 1 : 0;
            total++;
        }
        return (double) right / total;
    }

    /** Nearest class centroid, each item scored against centroids computed without it. */
    static double leaveOneOutAccuracy(double[][] f, int[] label, int classes) {
        int dim = f[0].length;
        double[][] sum = new double[classes][dim];
        int[] count = new int[classes];
        for (int i = 0; i < f.length; i++) {
            count[label[i]]++;
            for (int d = 0; d < dim; d++) {
                sum[label[i]][d] += f[i][d];
            }
        }
        int right = 0;
        for (int i = 0; i < f.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                int m = count[c] - (label[i] == c ? 1 : 0);
                if (m == 0) {
                    continue;
                }
                double dist = 0;
                for (int d = 0; d < dim; d++) {
                    double centroid = (sum[c][d] - (label[i] == c ? f[i][d] : 0)) / m;
                    dist += (f[i][d] - centroid) * (f[i][d] - centroid);
                }
                if (dist < bestD) {
                    bestD = dist;
                    best = c;
                }
            }
            right += best == label[i] ? 1 : 0;
        }
        return (double) right / f.length;
    }

    static double majorityShare(int[] label, int classes) {
        int[] c = new int[classes];
        for (int l : label) {
            c[l]++;
        }
        return (double) java.util.Arrays.stream(c).max().orElse(0) / label.length;
    }

    static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** R^2 of an ordinary least-squares fit (normal equations with a small ridge for collinear shares). */
    static double rSquared(double[][] x, double[] y) {
        int p = x[0].length;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    a[j][k] += x[i][j] * x[i][k];
                }
                a[j][p] += x[i][j] * y[i];
            }
        }
        for (int j = 0; j < p; j++) {
            a[j][j] += 1e-6;
        }
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                piv = Math.abs(a[r][c]) > Math.abs(a[piv][c]) ? r : piv;
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            beta[j] = a[j][p] / a[j][j];
        }
        double mean = java.util.Arrays.stream(y).average().orElse(0);
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = 0;
            for (int j = 0; j < p; j++) {
                pred += beta[j] * x[i][j];
            }
            ssRes += (y[i] - pred) * (y[i] - pred);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - ssRes / ssTot;
    }
}
