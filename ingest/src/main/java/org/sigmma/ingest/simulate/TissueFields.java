package org.sigmma.ingest.simulate;

/**
 * The smooth fields that make tiles of one domain differ from each other: cell density, how many T cells
 * infiltrate a tumour and whether they mix with tumour cells or gather in clumps, how finely tumour nests
 * and stromal septa interdigitate, and the direction of stromal fibres. Each varies over one to two tiles,
 * independently of the others, so that a tile's cell mix does not fix its arrangement.
 */
final class TissueFields {

    private static final long STAGE = 0xF1E1DL;
    /** Share of tumour-domain area in nests (the rest is stromal septa). */
    static final double NEST_SHARE = 0.7;
    private static final double NEST_THRESHOLD = Probit.inverse(1 - NEST_SHARE);

    private final NoiseField density;
    private final NoiseField infiltration;
    private final NoiseField mixing;
    private final NoiseField nestCoarse;
    private final NoiseField nestFine;
    private final NoiseField nestScale;
    private final NoiseField clump;
    private final NoiseField fibreAngle;

    TissueFields(long seed) {
        density = new NoiseField(Random64.hash(seed, STAGE, 1), 160, 2);
        infiltration = new NoiseField(Random64.hash(seed, STAGE, 2), 200, 2);
        mixing = new NoiseField(Random64.hash(seed, STAGE, 3), 170, 2);
        nestCoarse = new NoiseField(Random64.hash(seed, STAGE, 4), 110, 2);
        nestFine = new NoiseField(Random64.hash(seed, STAGE, 5), 38, 2);
        nestScale = new NoiseField(Random64.hash(seed, STAGE, 6), 240, 1);
        clump = new NoiseField(Random64.hash(seed, STAGE, 7), 30, 2);
        fibreAngle = new NoiseField(Random64.hash(seed, STAGE, 8), 300, 2);
    }

    /** Multiplies a domain's cell density: 0.7 to 1.3. */
    double densityFactor(double x, double y) {
        return 0.7 + 0.6 * density.uniform(x, y);
    }

    /** Share of T cells among tumour-domain cells: 0.04 to 0.34. */
    double infiltration(double x, double y) {
        return 0.04 + 0.30 * infiltration.uniform(x, y);
    }

    /** 1 where T cells scatter among tumour cells, 0 where they gather in clumps; mostly near 0 or 1. */
    double mixing(double x, double y) {
        return smoothstep(0.35, 0.65, mixing.uniform(x, y));
    }

    /** Whether a point lies in a clump of T cells, for a clumped share {@code share} of the area. */
    boolean inClump(double x, double y, double share) {
        return clump.uniform(x, y) > 1 - share;
    }

    /**
     * Whether a tumour-domain point is in a tumour nest rather than a stromal septum. Fine and coarse
     * nest patterns are blended by a slow field; blending standard normal scores keeps the nest share at
     * {@link #NEST_SHARE} whatever the blend, so only the length of the interface changes.
     */
    boolean inNest(double x, double y) {
        double w = nestScale.uniform(x, y);
        double zf = Probit.inverse(nestFine.uniform(x, y));
        double zc = Probit.inverse(nestCoarse.uniform(x, y));
        double z = (w * zf + (1 - w) * zc) / Math.sqrt(w * w + (1 - w) * (1 - w));
        return z > NEST_THRESHOLD;
    }

    /** Direction of stromal fibres, radians in [0, pi). */
    double fibreAngle(double x, double y) {
        return Math.PI * fibreAngle.uniform(x, y);
    }

    static double smoothstep(double lo, double hi, double v) {
        double t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
        return t * t * (3 - 2 * t);
    }
}
