package org.sigmma.ingest.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.neighbours.NeighbourAdjacency;
import org.sigmma.ingest.neighbours.NeighbourGraph;
import org.sigmma.ingest.neighbours.NeighbourGraphBuilder;
import org.sigmma.ingest.simulate.Tissue.CellType;
import org.sigmma.ingest.simulate.Tissue.Contact;
import org.sigmma.ingest.simulate.Tissue.Domain;

/**
 * Simulates a section with known structure at three scales, in both modalities (docs/simulator.md):
 * macro: domains from smooth random fields (density, type mix, domain programme, image tone);
 * meso: niche genes driven by the immune share of a cell's 30 um neighbourhood, and a within-tumour field that either
 * mixes T cells among tumour cells or gathers them in clumps (same composition, different arrangement);
 * micro: cell types (marker genes, nucleus size, shape and darkness);
 * arrangement: T cells touching tumour cells are exhausted (programme + smaller, darker nuclei), tumour cells touching
 * fibroblasts switch an interface programme (and look paler) - signals a tile's composition alone cannot explain.
 */
public final class SectionSimulator {

    static final int MARKERS_PER_TYPE = 6;
    static final int GENES_PER_DOMAIN = 4;
    static final int NICHE_GENES = 6;
    static final int CONTACT_GENES = 4;
    static final int CONTROL_PROBES = 10;
    static final int BLANKS = 10;

    private SectionSimulator() {
    }

    /** A smooth random field: a sum of random plane waves with wavelengths in [minUm, maxUm]. */
    static final class Field {
        final double[] kx;
        final double[] ky;
        final double[] phase;
        final double[] amp;

        Field(SplittableRandom r, int waves, double minUm, double maxUm) {
            kx = new double[waves];
            ky = new double[waves];
            phase = new double[waves];
            amp = new double[waves];
            for (int i = 0; i < waves; i++) {
                double lambda = minUm + r.nextDouble() * (maxUm - minUm);
                double theta = r.nextDouble() * Math.PI;
                kx[i] = 2 * Math.PI / lambda * Math.cos(theta);
                ky[i] = 2 * Math.PI / lambda * Math.sin(theta);
                phase[i] = r.nextDouble() * 2 * Math.PI;
                amp[i] = 0.5 + r.nextDouble();
            }
        }

        double at(double x, double y) {
            double s = 0;
            for (int i = 0; i < kx.length; i++) {
                s += amp[i] * Math.cos(kx[i] * x + ky[i] * y + phase[i]);
            }
            return s / kx.length;
        }
    }

    /** The domain and tumour-arrangement fields of a section, shared by the cell placement and the image. */
    static final class Layout {
        final Field[] domainFields = new Field[Domain.values().length];
        final Field arrangement;
        final Field clumps;

        Layout(SplittableRandom r) {
            for (int d = 0; d < domainFields.length; d++) {
                domainFields[d] = new Field(r, 6, 350, 900);
            }
            arrangement = new Field(r, 4, 180, 400);
            clumps = new Field(r, 6, 40, 70);
        }

        Domain domainAt(double x, double y) {
            int best = 0;
            double bestV = Double.NEGATIVE_INFINITY;
            for (int d = 0; d < domainFields.length; d++) {
                // adipose and vessel are rarer: a handicap keeps tumour, stroma, immune, epithelium dominant
                double v = domainFields[d].at(x, y) - (d >= 3 && d != 4 ? 0.12 : 0);
                if (v > bestV) {
                    bestV = v;
                    best = d;
                }
            }
            return Domain.values()[best];
        }
    }

    public static SimulatedSection simulate(SimulationParameters p) {
        SplittableRandom root = new SplittableRandom(p.seed());
        Layout layout = new Layout(root.split());
        double side = p.sideUm();
        SplittableRandom rPos = root.split();
        // candidates on a jittered grid at the densest spacing, thinned by the domain's density
        double spacing = 10 / Math.sqrt(p.cellsPer100um2() * Domain.IMMUNE.density);
        int perSide = (int) Math.ceil(side / spacing);
        List<double[]> candidates = new ArrayList<>();
        for (int gy = 0; gy < perSide; gy++) {
            for (int gx = 0; gx < perSide; gx++) {
                double x = (gx + 0.15 + 0.7 * rPos.nextDouble()) * spacing;
                double y = (gy + 0.15 + 0.7 * rPos.nextDouble()) * spacing;
                Domain d = layout.domainAt(x, y);
                if (rPos.nextDouble() < d.density / Domain.IMMUNE.density) {
                    candidates.add(new double[] {x, y});
                }
            }
        }
        // keep exactly p.cells() (a uniform thinning keeps every structure) in a raster order
        int n = Math.min(p.cells(), candidates.size());
        int[] pick = reservoir(candidates.size(), n, rPos);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = candidates.get(pick[i])[0];
            y[i] = candidates.get(pick[i])[1];
        }
        Domain[] domain = new Domain[n];
        CellType[] type = new CellType[n];
        SplittableRandom rType = root.split();
        for (int i = 0; i < n; i++) {
            domain[i] = layout.domainAt(x[i], y[i]);
            type[i] = sampleType(domain[i], layout, x[i], y[i], rType);
        }
        // contacts (12 um) and neighbourhoods (30 um)
        NeighbourAdjacency touch = NeighbourGraphBuilder.of(x, y).radius(12).build().adjacency();
        NeighbourAdjacency near = NeighbourGraphBuilder.of(x, y).radius(30).build().adjacency();
        Contact[] contact = new Contact[n];
        float[] immune = new float[n];
        for (int i = 0; i < n; i++) {
            contact[i] = Contact.NONE;
            boolean touchesTumour = false;
            boolean touchesFibro = false;
            for (int j : touch.neighbours(i)) {
                touchesTumour |= type[j] == CellType.TUMOUR;
                touchesFibro |= type[j] == CellType.FIBROBLAST;
            }
            if (type[i] == CellType.T_CELL && touchesTumour) {
                contact[i] = Contact.EXHAUSTED;
            } else if (type[i] == CellType.TUMOUR && touchesFibro) {
                contact[i] = Contact.INTERFACE;
            }
            int[] nb = near.neighbours(i);
            int im = 0;
            for (int j : nb) {
                im += type[j] == CellType.T_CELL || type[j] == CellType.B_CELL ? 1 : 0;
            }
            immune[i] = nb.length == 0 ? 0 : (float) im / nb.length;
        }
        double[] angle = new double[n];
        SplittableRandom rAngle = root.split();
        for (int i = 0; i < n; i++) {
            angle[i] = rAngle.nextDouble() * Math.PI;
        }

        Expression e = expression(p, domain, type, contact, immune, root.split());
        // H&E registration: 0.5 um/px with a small rotation, origin placed so the section and a margin fit
        double theta = Math.toRadians(1.5 + 2 * root.split().nextDouble());
        double margin = 40;
        Affine linear = Affine.rotation(theta).after(Affine.scale(p.heUmPerPx()));
        Affine inverse = linear.inverse();
        double minPx = Double.POSITIVE_INFINITY;
        double minPy = Double.POSITIVE_INFINITY;
        double maxPx = Double.NEGATIVE_INFINITY;
        double maxPy = Double.NEGATIVE_INFINITY;
        for (double[] corner : new double[][] {{-margin, -margin}, {side + margin, -margin}, {-margin, side + margin},
            {side + margin, side + margin}}) {
            double px = inverse.applyX(corner[0], corner[1]);
            double py = inverse.applyY(corner[0], corner[1]);
            minPx = Math.min(minPx, px);
            minPy = Math.min(minPy, py);
            maxPx = Math.max(maxPx, px);
            maxPy = Math.max(maxPy, py);
        }
        Affine imageToMicrons = linear.after(Affine.translation(Math.floor(minPx), Math.floor(minPy)));
        int w = (int) Math.ceil(maxPx - Math.floor(minPx));
        int h = (int) Math.ceil(maxPy - Math.floor(minPy));
        return new SimulatedSection(p, side, x, y, domain, type, contact, immune, angle, e.names, e.programme, e.counts,
                e.controlProbe, e.blank, imageToMicrons, w, h);
    }

    private static int[] reservoir(int total, int k, SplittableRandom r) {
        int[] res = new int[k];
        for (int i = 0; i < total; i++) {
            if (i < k) {
                res[i] = i;
            } else {
                int j = r.nextInt(i + 1);
                if (j < k) {
                    res[j] = i;
                }
            }
        }
        Arrays.sort(res);
        return res;
    }

    private static CellType sampleType(Domain d, Layout layout, double x, double y, SplittableRandom r) {
        double[] mix = d.mix.clone();
        if (d == Domain.TUMOUR) {
            // same T-cell share everywhere in the tumour, but segregated in clumps where the arrangement field is high
            boolean segregated = layout.arrangement.at(x, y) > 0;
            if (segregated) {
                double clump = layout.clumps.at(x, y);
                double t = clump > 0.25 ? 0.45 : 0.02;
                mix[CellType.T_CELL.ordinal()] = t;
                mix[CellType.TUMOUR.ordinal()] = 0.90 - t;
            }
        }
        double u = r.nextDouble() * Arrays.stream(mix).sum();
        for (int t = 0; t < mix.length; t++) {
            u -= mix[t];
            if (u <= 0) {
                return CellType.values()[t];
            }
        }
        return CellType.values()[mix.length - 1];
    }

    record Expression(String[] names, String[] programme, SparseCounts counts, int[] controlProbe, int[] blank) {
    }

    /** Negative binomial (gamma-Poisson) counts around programme-driven means with log-normal library sizes. */
    private static Expression expression(SimulationParameters p, Domain[] domain, CellType[] type, Contact[] contact,
                                         float[] immune, SplittableRandom r) {
        int g = p.genes();
        int n = domain.length;
        String[] names = new String[g];
        String[] programme = new String[g];
        int k = 0;
        for (CellType t : CellType.values()) {
            for (int i = 0; i < MARKERS_PER_TYPE; i++, k++) {
                names[k] = "Mk" + t.name().charAt(0) + t.name().substring(1, 3).toLowerCase() + (i + 1) + "_" + t.ordinal();
                programme[k] = "type:" + t.label();
            }
        }
        for (Domain d : Domain.values()) {
            for (int i = 0; i < GENES_PER_DOMAIN; i++, k++) {
                names[k] = "Dom" + d.name().charAt(0) + d.name().substring(1, 3).toLowerCase() + (i + 1);
                programme[k] = "domain:" + d.name().toLowerCase();
            }
        }
        for (int i = 0; i < NICHE_GENES; i++, k++) {
            names[k] = "Niche" + (i + 1);
            programme[k] = "niche:immune-neighbourhood";
        }
        for (int i = 0; i < CONTACT_GENES; i++, k++) {
            names[k] = "Exh" + (i + 1);
            programme[k] = "contact:exhausted";
        }
        for (int i = 0; i < CONTACT_GENES; i++, k++) {
            names[k] = "Ifc" + (i + 1);
            programme[k] = "contact:interface";
        }
        int programmed = k;
        for (; k < g; k++) {
            names[k] = "Gene" + (k + 1);
            programme[k] = "background";
        }
        double[] base = new double[g];
        for (int i = 0; i < g; i++) {
            base[i] = Math.exp(r.nextGaussian() * 0.8) * (i < programmed ? 0.6 : 1.0);
        }
        int[] indptr = new int[n + 1];
        int[] idx = new int[n * 64];
        int[] val = new int[n * 64];
        int nnz = 0;
        int[] probes = new int[n];
        int[] blanks = new int[n];
        double[] rate = new double[g];
        double dispersion = Math.max(1e-3, p.noise());
        int markerStart = 0;
        int domainStart = CellType.values().length * MARKERS_PER_TYPE;
        int nicheStart = domainStart + Domain.values().length * GENES_PER_DOMAIN;
        int exhStart = nicheStart + NICHE_GENES;
        int ifcStart = exhStart + CONTACT_GENES;
        for (int c = 0; c < n; c++) {
            System.arraycopy(base, 0, rate, 0, g);
            int t = type[c].ordinal();
            for (int i = 0; i < MARKERS_PER_TYPE; i++) {
                rate[markerStart + t * MARKERS_PER_TYPE + i] *= Math.exp(2.2 * p.microStrength());
            }
            int d = domain[c].ordinal();
            for (int i = 0; i < GENES_PER_DOMAIN; i++) {
                rate[domainStart + d * GENES_PER_DOMAIN + i] *= Math.exp(1.6 * p.macroStrength());
            }
            for (int i = 0; i < NICHE_GENES; i++) {
                rate[nicheStart + i] *= Math.exp(3.0 * p.mesoStrength() * immune[c]);
            }
            if (contact[c] == Contact.EXHAUSTED) {
                for (int i = 0; i < CONTACT_GENES; i++) {
                    rate[exhStart + i] *= Math.exp(2.5 * p.arrangementStrength());
                }
            } else if (contact[c] == Contact.INTERFACE) {
                for (int i = 0; i < CONTACT_GENES; i++) {
                    rate[ifcStart + i] *= Math.exp(2.5 * p.arrangementStrength());
                }
            }
            double sum = 0;
            for (double v : rate) {
                sum += v;
            }
            double library = p.meanLibrarySize() * Math.exp(r.nextGaussian() * 0.35 - 0.06);
            for (int i = 0; i < g; i++) {
                double mean = library * rate[i] / sum;
                // gamma(shape 1/dispersion, scale mean*dispersion) then Poisson
                double lambda = gamma(1 / dispersion, r) * mean * dispersion;
                int count = poisson(lambda, r);
                if (count > 0) {
                    if (nnz == idx.length) {
                        idx = Arrays.copyOf(idx, idx.length * 2);
                        val = Arrays.copyOf(val, val.length * 2);
                    }
                    idx[nnz] = i;
                    val[nnz++] = count;
                }
            }
            indptr[c + 1] = nnz;
            probes[c] = poisson(0.05, r);
            blanks[c] = poisson(0.03, r);
        }
        return new Expression(names, programme, new SparseCounts(n, g, indptr, Arrays.copyOf(idx, nnz),
                Arrays.copyOf(val, nnz)), probes, blanks);
    }

    /** Marsaglia-Tsang gamma sampler (shape a, scale 1). */
    static double gamma(double a, SplittableRandom r) {
        if (a < 1) {
            return gamma(a + 1, r) * Math.pow(r.nextDouble(), 1 / a);
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(r);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    static int poisson(double lambda, SplittableRandom r) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian(r)));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
    }

    /** The contact graph the simulator used (exposed for tests). */
    public static NeighbourGraph contacts(double[] x, double[] y) {
        return NeighbourGraphBuilder.of(x, y).radius(12).build();
    }
}
