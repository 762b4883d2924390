package org.sigmma.model.spatial;

import java.util.Locale;

/**
 * How far each of SIGMMA's scales reaches, in NEAR-graph hops, for niche features.
 *
 * <p>Hops rather than a radius in micrometres, by default: the NEAR graph is a Delaunay graph pruned at 30 um, so one
 * hop follows the local cell density (dense cortex layers and sparse white matter get the same number of neighbours
 * per layer), hop layers need no coordinates, and they are CellCharter's definition, against which the issue's
 * reference (same-cluster share over NEAR edges 0.61 on PCA alone, 0.94 with 1..3 hop means) was measured. On the
 * mouse-brain sample one hop is 12 um on average and hop layer l lies at about 12 l um from the cell
 * (docs/spatial-statistics.md), so the defaults micro = 1, meso = 3, macro = 6 hops reach about 12, 36 and 72 um: the
 * cell's contacts, CellCharter's default neighbourhood, and a tissue-layer-sized region.
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
        return new NicheReach(1, 3, 6);
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
