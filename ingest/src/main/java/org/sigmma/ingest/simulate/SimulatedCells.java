package org.sigmma.ingest.simulate;

/**
 * The cells of a simulated section and their truth, all arrays aligned with the cells (in the order they are
 * written). Centroids are micrometres in the Xenium frame.
 *
 * @param ids            Xenium-style cell ids ("aaaaaaab-1")
 * @param x              centroid x
 * @param y              centroid y
 * @param types          cell type
 * @param domains        tissue domain (macro)
 * @param niches         niche (meso)
 * @param contacts       contact state (arrangement)
 * @param contactCounts  how many partner cells it touches (tumour cells for a T cell, stromal cells for a tumour cell)
 * @param immuneShare    Gaussian-weighted share of immune cells among its neighbours (the inflammation score)
 * @param perivascular   perivascular score, exp(-distance to the nearest vessel wall / 12 um)
 * @param hypoxia        hypoxia score (tumour far from vessels), 0 to 1
 * @param vesselDistance distance to the nearest vessel wall, um (capped at 400)
 * @param tumourDistance distance to the nearest tumour-domain point, um (0 inside tumour)
 * @param infiltration   the T-cell infiltration field at the cell (share of T cells tumour would have there)
 * @param mixing         the mixing field at the cell: 1 T cells scatter among tumour cells, 0 they gather in clumps
 * @param nucleusArea    area of the drawn nucleus, um^2
 * @param cellArea       area of the cell, um^2
 */
public record SimulatedCells(String[] ids, double[] x, double[] y, CellType[] types, Domain[] domains, Niche[] niches,
                             ContactState[] contacts, int[] contactCounts, double[] immuneShare, double[] perivascular,
                             double[] hypoxia, double[] vesselDistance, double[] tumourDistance, double[] infiltration,
                             double[] mixing, double[] nucleusArea, double[] cellArea) {

    public int size() {
        return ids.length;
    }

    /** The cell id Xenium Onboard Analysis 1.3+ would give cell {@code index}: hex digits written as letters a-p, "-1". */
    public static String cellId(long index) {
        String hex = Long.toHexString(index + 1);
        StringBuilder sb = new StringBuilder(12);
        for (int i = hex.length(); i < 8; i++) {
            sb.append('a');
        }
        for (int i = 0; i < hex.length(); i++) {
            sb.append((char) ('a' + Character.digit(hex.charAt(i), 16)));
        }
        return sb.append("-1").toString();
    }
}
