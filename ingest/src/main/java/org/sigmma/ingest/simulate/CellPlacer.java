package org.sigmma.ingest.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Places the cells: first those that line structures (endothelium and pericytes around vessels, epithelium
 * around gland lumens, adipocytes at the rim of their vacuole), then the rest by dart throwing at the
 * domain's density, each dart taking the cell type its position calls for and keeping its distance from
 * earlier cells (no two nuclei overlap). Which type a position calls for is where the arrangement lives:
 * in tumour, T cells either scatter among tumour cells or gather in clumps, by a field independent of how
 * many there are.
 */
final class CellPlacer {

    private static final long STAGE_RING = 0x121C6L;
    private static final long STAGE_FILL = 0xF111L;
    /** Cells keep their centres this many body radii (summed) apart. */
    static final double SPACING = 0.72;
    private static final double GRID_UM = 10;
    /** Non-tumour cells within this distance of a tumour are in its immune rim. */
    static final double RIM_UM = 60;
    /** Immune-aggregate cells this far inside the aggregate are in its B-cell core. */
    static final double CORE_UM = 36;

    private static final double[] NEST = mix(CellType.TUMOUR, 0.94, CellType.MACROPHAGE, 0.06);
    private static final double[] SEPTUM = mix(CellType.FIBROBLAST, 0.70, CellType.MACROPHAGE, 0.14,
            CellType.ENDOTHELIAL, 0.06, CellType.PERICYTE, 0.04, CellType.B_CELL, 0.06);
    private static final double[] STROMA = mix(CellType.FIBROBLAST, 0.70, CellType.ENDOTHELIAL, 0.03,
            CellType.PERICYTE, 0.03, CellType.T_CELL, 0.10, CellType.B_CELL, 0.03, CellType.MACROPHAGE, 0.11);
    private static final double[] IMMUNE_CORE = mix(CellType.B_CELL, 0.68, CellType.T_CELL, 0.18,
            CellType.MACROPHAGE, 0.08, CellType.FIBROBLAST, 0.04, CellType.ENDOTHELIAL, 0.02);
    private static final double[] IMMUNE_EDGE = mix(CellType.T_CELL, 0.58, CellType.B_CELL, 0.20,
            CellType.MACROPHAGE, 0.10, CellType.FIBROBLAST, 0.10, CellType.ENDOTHELIAL, 0.02);
    private static final double[] VESSEL_RICH = mix(CellType.FIBROBLAST, 0.45, CellType.ENDOTHELIAL, 0.10,
            CellType.PERICYTE, 0.10, CellType.T_CELL, 0.14, CellType.B_CELL, 0.04, CellType.MACROPHAGE, 0.17);
    private static final double[] LAMINA = mix(CellType.EPITHELIAL, 0.10, CellType.FIBROBLAST, 0.42,
            CellType.T_CELL, 0.18, CellType.B_CELL, 0.10, CellType.MACROPHAGE, 0.17, CellType.ENDOTHELIAL, 0.03);
    private static final double[] ADIPOSE = mix(CellType.FIBROBLAST, 0.55, CellType.ENDOTHELIAL, 0.12,
            CellType.MACROPHAGE, 0.18, CellType.T_CELL, 0.10, CellType.PERICYTE, 0.05);

    /** The placed cells, before they are put in spatial order. */
    record Placement(int n, double[] x, double[] y, CellType[] type, Domain[] domain, double[] orientation, int[] hole) {
    }

    private final DomainMap map;
    private final TissueFields fields;
    private final Structures structures;
    private final long seed;

    private int n;
    private double[] x;
    private double[] y;
    private CellType[] type;
    private Domain[] domain;
    private double[] orientation;
    private int[] hole;
    private final int gx;
    private final int gy;
    private final int[] head;
    private int[] next;

    CellPlacer(DomainMap map, TissueFields fields, Structures structures, long seed) {
        this.map = map;
        this.fields = fields;
        this.structures = structures;
        this.seed = seed;
        this.gx = Math.max(1, (int) Math.ceil(map.width / GRID_UM));
        this.gy = Math.max(1, (int) Math.ceil(map.height / GRID_UM));
        this.head = new int[gx * gy];
        Arrays.fill(head, -1);
    }

    /** How many cells line the structures (for sizing a section before placing anything). */
    static int ringCellCount(Structures s, DomainMap map, long seed) {
        int[] count = {0};
        for (int h = 0; h < s.holes.size(); h++) {
            ringCells(s.holes.get(h), h, map, seed, (cx, cy, t, o) -> count[0]++);
        }
        return count[0];
    }

    private interface RingSink {
        void add(double x, double y, CellType type, double orientation);
    }

    private static void ringCells(Structures.Hole h, int id, DomainMap map, long seed, RingSink sink) {
        SplittableRandom r = Random64.stream(seed, STAGE_RING, id);
        switch (h.kind()) {
            case Structures.VESSEL -> {
                ring(h, h.radius() + 1.6, 10, 2, CellType.ENDOTHELIAL, true, r, map, sink);
                if (h.radius() >= 4.5) {
                    ring(h, h.radius() + 7, 15, 2, CellType.PERICYTE, true, r, map, sink);
                } else if (r.nextDouble() < 0.4) {
                    ring(h, h.radius() + 6, 1e9, 1, CellType.PERICYTE, true, r, map, sink);
                }
            }
            case Structures.GLAND -> ring(h, h.radius() + 5.0, 6.0, 4, CellType.EPITHELIAL, false, r, map, sink);
            default -> {
                double a = r.nextDouble() * 2 * Math.PI;
                double rr = h.radius() - 1.8;
                double cx = h.x() + rr * Math.cos(a);
                double cy = h.y() + rr * Math.sin(a);
                if (map.inTissue(cx, cy)) {
                    sink.add(cx, cy, CellType.ADIPOCYTE, a + Math.PI / 2);
                }
            }
        }
    }

    private static void ring(Structures.Hole h, double radius, double spacing, int min, CellType t, boolean tangential,
                             SplittableRandom r, DomainMap map, RingSink sink) {
        int k = Math.max(min, (int) Math.round(2 * Math.PI * radius / spacing));
        double a0 = r.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < k; i++) {
            double a = a0 + 2 * Math.PI * (i + 0.25 * (r.nextDouble() - 0.5)) / k;
            double rr = radius + 0.6 * (r.nextDouble() - 0.5);
            double cx = h.x() + rr * Math.cos(a);
            double cy = h.y() + rr * Math.sin(a);
            if (map.inTissue(cx, cy)) {
                sink.add(cx, cy, t, tangential ? a + Math.PI / 2 : a);
            }
        }
    }

    Placement place(int cells) {
        int cap = cells + 16;
        x = new double[cap];
        y = new double[cap];
        type = new CellType[cap];
        domain = new Domain[cap];
        orientation = new double[cap];
        hole = new int[cap];
        next = new int[cap];
        for (int h = 0; h < structures.holes.size() && n < cells; h++) {
            int id = h;
            ringCells(structures.holes.get(h), h, map, seed, (cx, cy, t, o) -> {
                if (n < cells) {
                    add(cx, cy, t, o, id);
                }
            });
        }
        double lambdaMax = 0;
        for (Domain d : Domain.ALL) {
            lambdaMax = Math.max(lambdaMax, d.density);
        }
        lambdaMax *= 1.3;
        SplittableRandom r = Random64.stream(seed, STAGE_FILL);
        long darts = 0;
        long maxDarts = 2000L * cells + 1_000_000;
        while (n < cells) {
            if (++darts > maxDarts) {
                throw new IllegalStateException("placed only " + n + " of " + cells + " cells after " + maxDarts
                        + " tries: the section is too crowded (lower the density)");
            }
            double px = r.nextDouble() * map.width;
            double py = r.nextDouble() * map.height;
            double accept = r.nextDouble();
            double u = r.nextDouble();
            if (!map.inTissue(px, py)) {
                continue;
            }
            Domain d = map.at(px, py);
            if (accept * lambdaMax >= d.density * fields.densityFactor(px, py)) {
                continue;
            }
            if (structures.excludes(px, py)) {
                continue;
            }
            CellType t = typeAt(px, py, d, u);
            if (!free(px, py, t)) {
                continue;
            }
            double o = t == CellType.FIBROBLAST || t == CellType.PERICYTE
                    ? fields.fibreAngle(px, py) + 0.35 * (r.nextDouble() - 0.5)
                    : r.nextDouble() * Math.PI * 2;
            add(px, py, t, o, -1);
        }
        return new Placement(n, Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(type, n),
                Arrays.copyOf(domain, n), Arrays.copyOf(orientation, n), Arrays.copyOf(hole, n));
    }

    /** The type a fill cell at this point takes, for a uniform draw {@code u}. */
    CellType typeAt(double px, double py, Domain d, double u) {
        switch (d) {
            case TUMOUR -> {
                double f = fields.infiltration(px, py);
                double m = fields.mixing(px, py);
                // mixed: every point has chance f; clumped: the clump field's top share f is all T cells
                double pT = m * f + (1 - m) * (fields.inClump(px, py, f) ? 1 : 0);
                if (u < pT) {
                    return CellType.T_CELL;
                }
                double v = (u - pT) / (1 - pT);
                return pick(fields.inNest(px, py) ? NEST : SEPTUM, v);
            }
            case IMMUNE_AGGREGATE -> {
                return pick(map.boundaryDistance(px, py) > CORE_UM ? IMMUNE_CORE : IMMUNE_EDGE, u);
            }
            default -> {
                double[] base = switch (d) {
                    case STROMA -> STROMA;
                    case VESSEL_RICH -> VESSEL_RICH;
                    case EPITHELIUM -> LAMINA;
                    default -> ADIPOSE;
                };
                if (map.tumourDistance(px, py) <= RIM_UM) {
                    base = rim(base);
                }
                return pick(base, u);
            }
        }
    }

    private static final java.util.Map<double[], double[]> RIMS = new java.util.IdentityHashMap<>();

    /** The immune rim around tumour: three times the T cells and twice the macrophages. */
    private static synchronized double[] rim(double[] base) {
        return RIMS.computeIfAbsent(base, b -> {
            double[] out = b.clone();
            out[CellType.T_CELL.ordinal()] = b[CellType.T_CELL.ordinal()] * 3 + 0.05;
            out[CellType.MACROPHAGE.ordinal()] *= 2;
            double s = 0;
            for (double v : out) {
                s += v;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] /= s;
            }
            return out;
        });
    }

    private static CellType pick(double[] p, double u) {
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return CellType.ALL[i];
            }
        }
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return CellType.ALL[i];
            }
        }
        throw new IllegalStateException("empty type mix");
    }

    private static double[] mix(Object... typeShare) {
        double[] p = new double[CellType.ALL.length];
        double s = 0;
        for (int i = 0; i < typeShare.length; i += 2) {
            double v = (Double) typeShare[i + 1];
            p[((CellType) typeShare[i]).ordinal()] += v;
            s += v;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    private int bucket(double px, double py) {
        int i = Math.min(gx - 1, Math.max(0, (int) (px / GRID_UM)));
        int j = Math.min(gy - 1, Math.max(0, (int) (py / GRID_UM)));
        return j * gx + i;
    }

    private boolean free(double px, double py, CellType t) {
        int ci = Math.min(gx - 1, Math.max(0, (int) (px / GRID_UM)));
        int cj = Math.min(gy - 1, Math.max(0, (int) (py / GRID_UM)));
        for (int j = Math.max(0, cj - 1); j <= Math.min(gy - 1, cj + 1); j++) {
            for (int i = Math.max(0, ci - 1); i <= Math.min(gx - 1, ci + 1); i++) {
                for (int k = head[j * gx + i]; k >= 0; k = next[k]) {
                    double min = SPACING * (t.bodyRadius + type[k].bodyRadius);
                    double dx = x[k] - px;
                    double dy = y[k] - py;
                    if (dx * dx + dy * dy < min * min) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void add(double px, double py, CellType t, double o, int holeId) {
        if (n == x.length) {
            int cap = x.length * 2;
            x = Arrays.copyOf(x, cap);
            y = Arrays.copyOf(y, cap);
            type = Arrays.copyOf(type, cap);
            domain = Arrays.copyOf(domain, cap);
            orientation = Arrays.copyOf(orientation, cap);
            hole = Arrays.copyOf(hole, cap);
            next = Arrays.copyOf(next, cap);
        }
        x[n] = px;
        y[n] = py;
        type[n] = t;
        domain[n] = map.at(px, py);
        orientation[n] = o;
        hole[n] = holeId;
        int b = bucket(px, py);
        next[n] = head[b];
        head[b] = n;
        n++;
    }
}
