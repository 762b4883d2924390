package org.sigmma.ingest.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the tissue domains lie: a weighted Voronoi diagram of domain seeds about one domain scale apart,
 * its boundaries bent by a smooth warp so that they look like tissue rather than polygons, rasterised at
 * {@link #RESOLUTION_UM}. The raster also holds each point's distance to the nearest domain boundary and to
 * the nearest tumour, and the tissue outline (glass around a wavy edge).
 */
final class DomainMap {

    static final double RESOLUTION_UM = 4.0;
    /** A coarser raster is enough to size a section before the real layout is drawn. */
    static final double SIZING_RESOLUTION_UM = 16.0;
    private static final long STAGE = 0xD0_3A1L;

    final double width;
    final double height;
    private final double res;
    final int cols;
    final int rows;
    private final byte[] domain;
    private final float[] boundaryDistance;
    private final float[] tumourDistance;
    private final NoiseField edge;
    /** Domain seed positions and types, for the truth. */
    final double[] seedX;
    final double[] seedY;
    final Domain[] seedDomain;

    DomainMap(double width, double height, double scaleUm, long seed) {
        this(width, height, scaleUm, seed, RESOLUTION_UM);
    }

    DomainMap(double width, double height, double scaleUm, long seed, double resolutionUm) {
        this.width = width;
        this.height = height;
        this.res = resolutionUm;
        this.cols = Math.max(1, (int) Math.ceil(width / res));
        this.rows = Math.max(1, (int) Math.ceil(height / res));
        this.edge = new NoiseField(Random64.hash(seed, STAGE, 1), 220, 2);

        // seeds: dart throwing with a minimum spacing over the section and a margin around it
        SplittableRandom r = Random64.stream(seed, STAGE, 2);
        double spacing = 0.8 * scaleUm;
        double x0 = -scaleUm / 2;
        double y0 = -scaleUm / 2;
        double w = width + scaleUm;
        double h = height + scaleUm;
        List<double[]> pts = new ArrayList<>();
        int darts = (int) Math.min(5_000_000, 40 * (w * h) / (spacing * spacing) + 50);
        SeedGrid grid = new SeedGrid(x0, y0, w, h, spacing);
        for (int i = 0; i < darts; i++) {
            double px = x0 + r.nextDouble() * w;
            double py = y0 + r.nextDouble() * h;
            if (grid.free(px, py, spacing)) {
                grid.add(px, py);
                pts.add(new double[] {px, py});
            }
        }
        seedX = new double[pts.size()];
        seedY = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            seedX[i] = pts.get(i)[0];
            seedY[i] = pts.get(i)[1];
        }
        seedDomain = assignDomains(seedX, seedY, width, height, r);

        // weighted, warped nearest seed for every raster cell
        NoiseField warpX = new NoiseField(Random64.hash(seed, STAGE, 3), scaleUm * 0.9, 3);
        NoiseField warpY = new NoiseField(Random64.hash(seed, STAGE, 4), scaleUm * 0.9, 3);
        double amp = 0.35 * scaleUm;
        domain = new byte[cols * rows];
        SeedGrid lookup = new SeedGrid(x0, y0, w, h, scaleUm);
        for (int i = 0; i < seedX.length; i++) {
            lookup.add(seedX[i], seedY[i]);
        }
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                double px = (i + 0.5) * res;
                double py = (j + 0.5) * res;
                double qx = px + amp * warpX.raw(px, py);
                double qy = py + amp * warpY.raw(px, py);
                int best = lookup.nearestWeighted(qx, qy, seedX, seedY, seedDomain, scaleUm);
                domain[j * cols + i] = (byte) seedDomain[best].ordinal();
            }
        }

        boolean[] boundary = new boolean[cols * rows];
        boolean[] tumour = new boolean[cols * rows];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                int k = j * cols + i;
                byte d = domain[k];
                tumour[k] = d == Domain.TUMOUR.ordinal();
                boundary[k] = (i > 0 && domain[k - 1] != d) || (i + 1 < cols && domain[k + 1] != d)
                        || (j > 0 && domain[k - cols] != d) || (j + 1 < rows && domain[k + cols] != d);
            }
        }
        boundaryDistance = DistanceTransform.distance(boundary, cols, rows, res);
        tumourDistance = DistanceTransform.distance(tumour, cols, rows, res);
    }

    /** Domain types for the seeds: those inside the section get the weights' shares exactly (largest remainder). */
    private static Domain[] assignDomains(double[] sx, double[] sy, double width, double height, SplittableRandom r) {
        int n = sx.length;
        List<Integer> inside = new ArrayList<>();
        List<Integer> outside = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (sx[i] >= 0 && sx[i] <= width && sy[i] >= 0 && sy[i] <= height ? inside : outside).add(i);
        }
        Domain[] out = new Domain[n];
        List<Domain> bag = balancedBag(inside.size());
        shuffle(bag, r);
        for (int k = 0; k < inside.size(); k++) {
            out[inside.get(k)] = bag.get(k);
        }
        List<Domain> rest = balancedBag(outside.size());
        shuffle(rest, r);
        for (int k = 0; k < outside.size(); k++) {
            out[outside.get(k)] = rest.get(k);
        }
        return out;
    }

    /** n domains in the proportions of their seed weights; every domain once before any twice when n is small. */
    private static List<Domain> balancedBag(int n) {
        List<Domain> bag = new ArrayList<>();
        if (n <= Domain.ALL.length) {
            Domain[] byWeight = Domain.ALL.clone();
            Arrays.sort(byWeight, (a, b) -> Double.compare(b.seedWeight, a.seedWeight));
            bag.addAll(Arrays.asList(byWeight).subList(0, n));
            return bag;
        }
        double total = 0;
        for (Domain d : Domain.ALL) {
            total += d.seedWeight;
        }
        int[] count = new int[Domain.ALL.length];
        double[] rem = new double[Domain.ALL.length];
        int given = 0;
        for (Domain d : Domain.ALL) {
            double share = n * d.seedWeight / total;
            count[d.ordinal()] = Math.max(1, (int) Math.floor(share));
            rem[d.ordinal()] = share - Math.floor(share);
            given += count[d.ordinal()];
        }
        while (given < n) {
            int best = 0;
            for (int k = 1; k < rem.length; k++) {
                if (rem[k] > rem[best]) {
                    best = k;
                }
            }
            count[best]++;
            rem[best] = -1;
            given++;
        }
        while (given > n) {
            int best = 0;
            for (int k = 1; k < count.length; k++) {
                if (count[k] > count[best]) {
                    best = k;
                }
            }
            count[best]--;
            given--;
        }
        for (Domain d : Domain.ALL) {
            for (int k = 0; k < count[d.ordinal()]; k++) {
                bag.add(d);
            }
        }
        return bag;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private int index(double x, double y) {
        int i = (int) Math.floor(x / res);
        int j = (int) Math.floor(y / res);
        i = Math.min(cols - 1, Math.max(0, i));
        j = Math.min(rows - 1, Math.max(0, j));
        return j * cols + i;
    }

    Domain at(double x, double y) {
        return Domain.ALL[domain[index(x, y)]];
    }

    int ordinalAtCell(int i, int j) {
        return domain[j * cols + i];
    }

    /** Distance to the nearest boundary between two domains, um (resolution of the raster). */
    double boundaryDistance(double x, double y) {
        return boundaryDistance[index(x, y)];
    }

    /** Distance to the nearest tumour-domain point, um; 0 inside tumour. */
    double tumourDistance(double x, double y) {
        return tumourDistance[index(x, y)];
    }

    /** Width of the glass margin at a point of the section edge, um. */
    private double margin(double x, double y) {
        return 6 + 30 * edge.uniform(x, y);
    }

    /** Whether a point is tissue (inside the section's wavy outline) rather than glass. */
    boolean inTissue(double x, double y) {
        return tissueDepth(x, y) > 0;
    }

    /**
     * How far inside the tissue outline a point lies, um (negative on glass): a continuous quantity, so an
     * image can interpolate it and draw a smooth edge.
     */
    double tissueDepth(double x, double y) {
        double d = Math.min(Math.min(x, width - x), Math.min(y, height - y));
        if (d > 36) {
            return d;
        }
        return d - margin(x, y);
    }

    /** Tissue area of each domain in um^2, counted on the raster. */
    double[] tissueArea() {
        double[] a = new double[Domain.ALL.length];
        double cell = res * res;
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                double x = (i + 0.5) * res;
                double y = (j + 0.5) * res;
                if (inTissue(x, y)) {
                    a[domain[j * cols + i]] += cell;
                }
            }
        }
        return a;
    }

    /** A bucket grid of points for the spacing test and the nearest-seed search. */
    private static final class SeedGrid {
        private final double x0;
        private final double y0;
        private final double cell;
        private final int nx;
        private final int ny;
        private final List<List<double[]>> buckets;

        SeedGrid(double x0, double y0, double w, double h, double cell) {
            this.x0 = x0;
            this.y0 = y0;
            this.cell = cell;
            this.nx = Math.max(1, (int) Math.ceil(w / cell));
            this.ny = Math.max(1, (int) Math.ceil(h / cell));
            this.buckets = new ArrayList<>(nx * ny);
            for (int i = 0; i < nx * ny; i++) {
                buckets.add(new ArrayList<>(2));
            }
        }

        private int bx(double x) {
            return Math.min(nx - 1, Math.max(0, (int) Math.floor((x - x0) / cell)));
        }

        private int by(double y) {
            return Math.min(ny - 1, Math.max(0, (int) Math.floor((y - y0) / cell)));
        }

        private int added;

        void add(double x, double y) {
            buckets.get(by(y) * nx + bx(x)).add(new double[] {x, y, added++});
        }

        boolean free(double x, double y, double min) {
            int cx = bx(x);
            int cy = by(y);
            int reach = (int) Math.ceil(min / cell);
            for (int j = Math.max(0, cy - reach); j <= Math.min(ny - 1, cy + reach); j++) {
                for (int i = Math.max(0, cx - reach); i <= Math.min(nx - 1, cx + reach); i++) {
                    for (double[] p : buckets.get(j * nx + i)) {
                        double dx = p[0] - x;
                        double dy = p[1] - y;
                        if (dx * dx + dy * dy < min * min) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        /** The seed minimising distance minus its domain's size bias; widens the search until one is found. */
        int nearestWeighted(double x, double y, double[] sx, double[] sy, Domain[] sd, double scale) {
            int cx = bx(x);
            int cy = by(y);
            for (int reach = 2; ; reach += 2) {
                int best = -1;
                double bestScore = Double.POSITIVE_INFINITY;
                for (int j = Math.max(0, cy - reach); j <= Math.min(ny - 1, cy + reach); j++) {
                    for (int i = Math.max(0, cx - reach); i <= Math.min(nx - 1, cx + reach); i++) {
                        for (double[] p : buckets.get(j * nx + i)) {
                            int k = (int) p[2];
                            double score = Math.sqrt((sx[k] - x) * (sx[k] - x) + (sy[k] - y) * (sy[k] - y)) - sd[k].sizeBias * scale;
                            if (score < bestScore) {
                                bestScore = score;
                                best = k;
                            }
                        }
                    }
                }
                if (best >= 0 || reach > nx + ny) {
                    if (best < 0) {
                        throw new IllegalStateException("no domain seed at all");
                    }
                    return best;
                }
            }
        }
    }
}
