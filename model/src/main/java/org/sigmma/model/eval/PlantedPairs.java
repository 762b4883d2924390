package org.sigmma.model.eval;

import java.util.Set;

/**
 * Which cell pairs a useful learned edge should join, decided from what the simulator planted before any model is
 * run (docs/method.md, "Learned edges: planted truth and the default sampler"). A pair is planted when one cell's
 * programme is driven by the other's type at their distance, under the simulator's own generative rules
 * (docs/simulator.md, "Meso: niches" and "Arrangement: contact programmes"):
 * <ul>
 *   <li><b>inflammation</b>: the other cell is immune (T cell, B cell, macrophage) within {@value #INFLAMMATION_UM} um
 *       (two widths of the simulator's 20 um Gaussian over immune neighbours, whatever the receiving cell's type);
 *   <li><b>perivascular</b>: the other cell lines a vessel (endothelial, pericyte), the cell lies within
 *       {@value #PERIVASCULAR_UM} um of a vessel wall (two of the programme's 12 um decay lengths) and the pair within
 *       {@value #INFLAMMATION_UM} um;
 *   <li><b>contact</b>: a T cell and a tumour cell, or a tumour cell and a stromal cell (fibroblast, pericyte,
 *       endothelial, adipocyte), whose bodies touch (centres closer than the two body radii, from the cell areas, plus
 *       {@value #CONTACT_GAP_UM} um).
 * </ul>
 * Either direction counts: the rule marks the pair, not the message.
 */
public final class PlantedPairs {

    public static final double INFLAMMATION_UM = 40;
    public static final double PERIVASCULAR_UM = 24;
    public static final double CONTACT_GAP_UM = 1;

    private static final Set<String> IMMUNE = Set.of("T cell", "B cell", "Macrophage");
    private static final Set<String> VASCULAR = Set.of("Endothelial", "Pericyte");
    private static final Set<String> STROMAL = Set.of("Fibroblast", "Pericyte", "Endothelial", "Adipocyte");

    /**
     * What the rules read of one cell.
     *
     * @param type           the planted cell type (the simulator's label)
     * @param x              micrometres
     * @param y              micrometres
     * @param vesselDistance distance to the nearest vessel wall, micrometres
     * @param area           cell area, square micrometres
     */
    public record Cell(String type, double x, double y, double vesselDistance, double area) {
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

    /** Whether cell {@code by}'s type drives a programme of cell {@code of} at distance d. */
    private static boolean drives(Cell of, Cell by, double d) {
        if (IMMUNE.contains(by.type()) && d <= INFLAMMATION_UM) {
            return true;
        }
        if (VASCULAR.contains(by.type()) && of.vesselDistance() <= PERIVASCULAR_UM && d <= INFLAMMATION_UM) {
            return true;
        }
        boolean touch = d <= of.radius() + by.radius() + CONTACT_GAP_UM;
        return touch && (of.type().equals("T cell") && by.type().equals("Tumour")
                || of.type().equals("Tumour") && STROMAL.contains(by.type()));
    }
}
