package org.sigmma.ingest.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The holes in the tissue that cells line or surround: vessels (a lumen with red cells, endothelium and,
 * for the larger ones, a ring of pericytes), glands of normal epithelium (a lumen lined by epithelial
 * cells) and fat (adipocyte vacuoles). They are placed before the cells, by dart throwing with a gap,
 * at a rate set by the domain.
 */
final class Structures {

    static final int VESSEL = 0;
    static final int GLAND = 1;
    static final int FAT = 2;
    private static final long STAGE = 0x57C7L;
    private static final double BUCKET_UM = 32;

    /** One hole: its kind, centre, radius (lumen or vacuole) and domain. */
    record Hole(int kind, double x, double y, double radius, Domain domain) {

        /** Fill cells keep out of this radius. */
        double exclusion() {
            return switch (kind) {
                case VESSEL -> radius + 2.0;
                case GLAND -> radius + 1.5;
                default -> radius + 0.5;
            };
        }

        /** Everything the hole draws lies within this radius (gland and vessel walls included). */
        double reach() {
            return radius + (kind == FAT ? 1.5 : 12);
        }
    }

    final List<Hole> holes = new ArrayList<>();
    private final double width;
    private final double height;
    private final int nx;
    private final int ny;
    private final List<List<Integer>> buckets;

    private Structures(double width, double height) {
        this.width = width;
        this.height = height;
        this.nx = Math.max(1, (int) Math.ceil(width / BUCKET_UM));
        this.ny = Math.max(1, (int) Math.ceil(height / BUCKET_UM));
        this.buckets = new ArrayList<>(nx * ny);
        for (int i = 0; i < nx * ny; i++) {
            buckets.add(new ArrayList<>(0));
        }
    }

    static Structures place(DomainMap map, long seed) {
        Structures s = new Structures(map.width, map.height);
        SplittableRandom r = Random64.stream(seed, STAGE);
        double area = map.width * map.height;
        // glands of normal epithelium
        s.throwDarts(map, r, (long) (area / 1e4 * 1.2), d -> d == Domain.EPITHELIUM ? 1.0 : 0.0,
                d -> 9 + 10 * r.nextDouble(), GLAND, 16);
        // fat: packed in adipose, a few in stroma
        s.throwDarts(map, r, (long) (area / (Math.PI * 24 * 24) * 12), d -> d == Domain.ADIPOSE ? 1.0 : d == Domain.STROMA ? 0.004 : 0,
                d -> 15 + 17 * r.nextDouble(), FAT, 1.0);
        // vessels at each domain's rate, lumen radius log-uniform in the domain's range
        double maxRate = 0;
        for (Domain d : Domain.ALL) {
            maxRate = Math.max(maxRate, d.vessels);
        }
        double rate = maxRate;
        s.throwDarts(map, r, (long) Math.ceil(area / 1e4 * rate * 1.3), d -> d.vessels / rate,
                d -> d.lumenMin * Math.exp(r.nextDouble() * Math.log(d.lumenMax / d.lumenMin)), VESSEL, 8);
        return s;
    }

    private interface Rate {
        double of(Domain d);
    }

    private interface Radius {
        double of(Domain d);
    }

    private void throwDarts(DomainMap map, SplittableRandom r, long darts, Rate rate, Radius radius, int kind, double gap) {
        for (long i = 0; i < darts; i++) {
            double x = r.nextDouble() * width;
            double y = r.nextDouble() * height;
            Domain d = map.at(x, y);
            double p = rate.of(d);
            double u = r.nextDouble();
            double rad = radius.of(d);
            if (u >= p || !map.inTissue(x, y)) {
                continue;
            }
            if (clear(x, y, rad, gap)) {
                add(new Hole(kind, x, y, rad, d));
            }
        }
    }

    private boolean clear(double x, double y, double rad, double gap) {
        double reach = rad + gap + 48;
        for (int h : near(x, y, reach)) {
            Hole o = holes.get(h);
            double need = rad + o.radius + Math.max(gap, o.kind == FAT ? 1.0 : 8);
            double dx = o.x - x;
            double dy = o.y - y;
            if (dx * dx + dy * dy < need * need) {
                return false;
            }
        }
        return true;
    }

    private void add(Hole h) {
        int id = holes.size();
        holes.add(h);
        double reach = Math.max(h.reach(), h.exclusion());
        int i0 = bx(h.x - reach);
        int i1 = bx(h.x + reach);
        int j0 = by(h.y - reach);
        int j1 = by(h.y + reach);
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                buckets.get(j * nx + i).add(id);
            }
        }
    }

    private int bx(double x) {
        return Math.min(nx - 1, Math.max(0, (int) Math.floor(x / BUCKET_UM)));
    }

    private int by(double y) {
        return Math.min(ny - 1, Math.max(0, (int) Math.floor(y / BUCKET_UM)));
    }

    /** Ids of the holes whose reach may touch a disc of radius {@code reach} around the point (no duplicates). */
    List<Integer> near(double x, double y, double reach) {
        List<Integer> out = new ArrayList<>();
        int i0 = bx(x - reach);
        int i1 = bx(x + reach);
        int j0 = by(y - reach);
        int j1 = by(y + reach);
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                for (int id : buckets.get(j * nx + i)) {
                    if (!out.contains(id)) {
                        out.add(id);
                    }
                }
            }
        }
        return out;
    }

    /** Whether a fill cell may not sit here. */
    boolean excludes(double x, double y) {
        for (int id : buckets.get(by(y) * nx + bx(x))) {
            Hole h = holes.get(id);
            double dx = h.x - x;
            double dy = h.y - y;
            double e = h.exclusion();
            if (dx * dx + dy * dy < e * e) {
                return true;
            }
        }
        return false;
    }

    /** Excluded area per domain, um^2 (for sizing the section). */
    double[] excludedArea() {
        double[] a = new double[Domain.ALL.length];
        for (Hole h : holes) {
            a[h.domain.ordinal()] += Math.PI * h.exclusion() * h.exclusion();
        }
        return a;
    }

    /** Distance from a point to the nearest vessel wall (0 inside a lumen), capped at {@code cap} um. */
    double vesselWallDistance(double x, double y, double cap, VesselIndex index) {
        return index.wallDistance(x, y, cap);
    }

    /** A grid over vessels only, for distance queries of every cell. */
    VesselIndex vesselIndex() {
        return new VesselIndex(this);
    }

    /** Bucketed vessel centres for nearest-wall queries. */
    static final class VesselIndex {
        private static final double CELL = 50;
        private final Structures s;
        private final int nx;
        private final int ny;
        private final List<List<Hole>> buckets;

        VesselIndex(Structures s) {
            this.s = s;
            this.nx = Math.max(1, (int) Math.ceil(s.width / CELL));
            this.ny = Math.max(1, (int) Math.ceil(s.height / CELL));
            this.buckets = new ArrayList<>(nx * ny);
            for (int i = 0; i < nx * ny; i++) {
                buckets.add(new ArrayList<>(1));
            }
            for (Hole h : s.holes) {
                if (h.kind == VESSEL) {
                    int i = Math.min(nx - 1, Math.max(0, (int) (h.x / CELL)));
                    int j = Math.min(ny - 1, Math.max(0, (int) (h.y / CELL)));
                    buckets.get(j * nx + i).add(h);
                }
            }
        }

        double wallDistance(double x, double y, double cap) {
            int ci = Math.min(nx - 1, Math.max(0, (int) (x / CELL)));
            int cj = Math.min(ny - 1, Math.max(0, (int) (y / CELL)));
            double best = cap;
            int maxRing = (int) Math.ceil(cap / CELL) + 1;
            for (int ring = 0; ring <= maxRing; ring++) {
                // a vessel in ring k lies at least (k - 1) * CELL away: stop once that passes the best so far
                if ((ring - 1) * CELL > best + 20) {
                    break;
                }
                for (int j = cj - ring; j <= cj + ring; j++) {
                    for (int i = ci - ring; i <= ci + ring; i++) {
                        if (Math.max(Math.abs(i - ci), Math.abs(j - cj)) != ring || i < 0 || j < 0 || i >= nx || j >= ny) {
                            continue;
                        }
                        for (Hole h : buckets.get(j * nx + i)) {
                            double d = Math.max(0, Math.sqrt((h.x - x) * (h.x - x) + (h.y - y) * (h.y - y)) - h.radius);
                            if (d < best) {
                                best = d;
                            }
                        }
                    }
                }
            }
            return best;
        }
    }
}
