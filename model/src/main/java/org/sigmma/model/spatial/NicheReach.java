package org.sigmma.model.spatial;

import java.util.Locale;

/**
 * How far each of SIGMMA's scales reaches, in NEAR-graph hops, for niche features.
 *
 * <p>Hops rather than a radius in micrometres, by default: the NEAR graph is a Delaunay graph pruned at 30 um, so one
 * hop follows the local cell density (dense cortex layers and sparse white matter get the same number of neighbours
 * per layer), hop layers need no coordinates, and they are CellCharter's definition, against which the issue's
 * reference was measured (k-means k = 10, same-cluster share over NEAR edges: 0.66 on the PCA alone, 0.94 with its
 * 1..3-hop means on the mouse-brain sample, bench/results/spatial-mouse-*.json). On that sample hop layer l lies on
 * average 17 l um from the cell (18, 33, 50, 67, ... 138 um for l = 1..8, docs/spatial-statistics.md), so the defaults
 * micro = 2, meso = 4, macro = 8 hops reach about 33, 67 and 138 um: the platform's 32 / 64 / 128 um scales, measured
 * along the tissue's own graph. A section of another density keeps the hop counts and changes the micrometres, which
 * is the point: a niche is "the cells around", not a fixed disc.
 *
 * @param micro hops at the micro scale
 * @param meso  hops at the meso scale
 * @param macro hops at the macro scale
 */
public record NicheReach(int micro, int meso, int macro) {

    public NicheReach {
        check("micro", micro);
        check("meso", meso);
        check("macro", macro);
    }

    public static NicheReach defaults() {
        return new NicheReach(2, 4, 8);
    }

    /** The hops of a scale named micro, meso or macro (any case). */
    public int hops(String scale) {
        if (scale == null) {
            throw new IllegalArgumentException("scale must be micro, meso or macro, not null");
        }
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "micro" -> micro;
            case "meso" -> meso;
            case "macro" -> macro;
            default -> throw new IllegalArgumentException("unknown scale '" + scale + "' (expected micro, meso or macro)");
        };
    }

    private static void check(String name, int hops) {
        if (hops < 1 || hops > NicheParameters.MAX_HOPS) {
            throw new IllegalArgumentException(name + " hops must be in 1.." + NicheParameters.MAX_HOPS + ", not " + hops);
        }
    }
}
