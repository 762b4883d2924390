package org.sigmma.model.eval;

import java.util.Set;

/**
 * Which cell pairs a useful learned edge should join, decided from what the simulator planted before any model is
 * run (docs/method.md, "Learned edges: planted truth and the default sampler"). A pair is planted when one cell runs a
 * programme that the simulator drives by the other cell's type at their distance (docs/simulator.md, "Meso: niches"
 * and "Arrangement: contact programmes"), and the truth says that programme is on in that cell:
 * <ul>
 *   <li><b>inflammation</b>: the cell's niche is "inflamed" and the other cell is immune (T cell, B cell, macrophage)
 *       within {@value #INFLAMMATION_UM} um (one width of the simulator's Gaussian over immune neighbours);
 *   <li><b>perivascular</b>: the cell's niche is "perivascular" and the other cell lines a vessel (endothelial,
 *       pericyte) within {@value #PERIVASCULAR_UM} um (two of the programme's 12 um decay lengths);
 *   <li><b>contact</b>: the cell is a T cell touching tumour (exhaustion) and the other a tumour cell, or a tumour cell
 *       at the stromal interface and the other a stromal cell (fibroblast, pericyte, endothelial, adipocyte), their
 *       bodies touching (centres closer than the two body radii, from the cell areas, plus {@value #CONTACT_GAP_UM}
 *       um).
 * </ul>
 * Either direction counts: the rule marks the pair, not the message.
 */
public final class PlantedPairs {

    public static final double INFLAMMATION_UM = 20;
    public static final double PERIVASCULAR_UM = 24;
    public static final double CONTACT_GAP_UM = 1;

    static final String T_TOUCHING_TUMOUR = "T cell touching tumour";
    static final String TUMOUR_AT_INTERFACE = "tumour at stromal interface";

    private static final Set<String> IMMUNE = Set.of("T cell", "B cell", "Macrophage");
    private static final Set<String> VASCULAR = Set.of("Endothelial", "Pericyte");
    private static final Set<String> STROMAL = Set.of("Fibroblast", "Pericyte", "Endothelial", "Adipocyte");

    /**
     * What the rules read of one cell.
     *
     * @param type           the planted cell type (the simulator's label)
     * @param niche          the truth's niche ("inflamed", "perivascular", ...)
     * @param contact        the truth's contact state ("T cell touching tumour", "tumour at stromal interface", "none")
     * @param x              micrometres
     * @param y              micrometres
     * @param vesselDistance distance to the nearest vessel wall, micrometres
     * @param area           cell area, square micrometres
     */
    public record Cell(String type, String niche, String contact, double x, double y, double vesselDistance,
                       double area) {
        double radius() {
            return Math.sqrt(Math.max(0, area) / Math.PI);
        }
    }

    private PlantedPairs() {
    }

    /** Whether the pair is planted (symmetric). */
    public static boolean planted(Cell a, Cell b) {
        double d = Math.hypot(a.x() - b.x(), a.y() - b.y());
        return drives(a, b, d) || drives(b, a, d);
    }

    /** Whether cell {@code by}'s type drives a programme that is on in cell {@code of} at distance d. */
    private static boolean drives(Cell of, Cell by, double d) {
        if (of.niche().equals("inflamed") && IMMUNE.contains(by.type()) && d <= INFLAMMATION_UM) {
            return true;
        }
        if (of.niche().equals("perivascular") && VASCULAR.contains(by.type()) && d <= PERIVASCULAR_UM) {
            return true;
        }
        if (d > of.radius() + by.radius() + CONTACT_GAP_UM) {
            return false;
        }
        return of.contact().equals(T_TOUCHING_TUMOUR) && by.type().equals("Tumour")
                || of.contact().equals(TUMOUR_AT_INTERFACE) && STROMAL.contains(by.type());
    }
}
