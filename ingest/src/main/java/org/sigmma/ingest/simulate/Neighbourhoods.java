package org.sigmma.ingest.simulate;

/**
 * What each placed cell's surroundings are, the inputs of the meso and arrangement programmes: whom it
 * touches (contact states), the share of immune cells around it (a Gaussian-weighted neighbourhood of
 * about 64 um across), its distance to the nearest vessel wall, and the niche these put it in.
 */
final class Neighbourhoods {

    /** Two cells touch when their centres are closer than their body radii plus this. */
    static final double CONTACT_SLACK_UM = 1.0;
    /** Width (sigma) of the neighbourhood kernel; neighbours beyond 2.5 sigma are ignored. */
    static final double KERNEL_SIGMA_UM = 20;
    /** Cells this close to a vessel wall are perivascular. */
    static final double PERIVASCULAR_UM = 15;
    /** Perivascular programme: decays with distance to the wall over this length. */
    static final double PERIVASCULAR_DECAY_UM = 12;
    /** Hypoxia in tumour rises from none to full between these distances from the nearest vessel. */
    static final double HYPOXIA_FROM_UM = 45;
    static final double HYPOXIA_TO_UM = 110;
    /** Cells with at least this immune share around them are inflamed. */
    static final double INFLAMED_SHARE = 0.4;

    final ContactState[] contact;
    final int[] contacts;
    final double[] immuneShare;
    final double[] vesselDistance;
    final double[] tumourDistance;
    final double[] perivascular;
    final double[] hypoxia;
    final Niche[] niche;
    /** Distance to the nearest other cell, um. */
    final double[] nearest;

    Neighbourhoods(double[] x, double[] y, CellType[] type, Domain[] domain, DomainMap map, Structures structures) {
        int n = x.length;
        contact = new ContactState[n];
        contacts = new int[n];
        immuneShare = new double[n];
        vesselDistance = new double[n];
        tumourDistance = new double[n];
        perivascular = new double[n];
        hypoxia = new double[n];
        niche = new Niche[n];
        nearest = new double[n];
        CellGrid grid = new CellGrid(x, y, 16);
        Structures.VesselIndex vessels = structures.vesselIndex();
        double maxBody = 0;
        for (CellType t : CellType.ALL) {
            maxBody = Math.max(maxBody, t.bodyRadius);
        }
        double contactReach = 2 * maxBody + CONTACT_SLACK_UM;
        double kernelReach = 2.5 * KERNEL_SIGMA_UM;
        double inv2s2 = 1 / (2 * KERNEL_SIGMA_UM * KERNEL_SIGMA_UM);
        java.util.stream.IntStream.range(0, n).parallel().forEach(c -> {
            CellType t = type[c];
            int[] touching = {0};
            if (t == CellType.T_CELL || t == CellType.TUMOUR) {
                grid.within(x[c], y[c], contactReach, (o, d2) -> {
                    if (o == c) {
                        return;
                    }
                    boolean partner = t == CellType.T_CELL ? type[o] == CellType.TUMOUR : type[o].isStromal();
                    double reach = t.bodyRadius + type[o].bodyRadius + CONTACT_SLACK_UM;
                    if (partner && d2 <= reach * reach) {
                        touching[0]++;
                    }
                });
            }
            contacts[c] = touching[0];
            contact[c] = touching[0] == 0 ? ContactState.NONE
                    : t == CellType.T_CELL ? ContactState.T_CELL_TUMOUR_CONTACT : ContactState.TUMOUR_STROMA_INTERFACE;

            double[] acc = {0, 0, kernelReach * kernelReach};
            grid.within(x[c], y[c], kernelReach, (o, d2) -> {
                if (o == c) {
                    return;
                }
                acc[2] = Math.min(acc[2], d2);
                double w = Math.exp(-d2 * inv2s2);
                acc[0] += w;
                if (type[o].isImmune()) {
                    acc[1] += w;
                }
            });
            immuneShare[c] = acc[0] > 1e-6 ? acc[1] / acc[0] : 0;
            nearest[c] = Math.sqrt(acc[2]);
            vesselDistance[c] = vessels.wallDistance(x[c], y[c], 400);
            tumourDistance[c] = map.tumourDistance(x[c], y[c]);
            perivascular[c] = Math.exp(-vesselDistance[c] / PERIVASCULAR_DECAY_UM);
            hypoxia[c] = domain[c] == Domain.TUMOUR
                    ? TissueFields.smoothstep(HYPOXIA_FROM_UM, HYPOXIA_TO_UM, vesselDistance[c]) : 0;
            if (vesselDistance[c] <= PERIVASCULAR_UM) {
                niche[c] = Niche.PERIVASCULAR;
            } else if (domain[c] != Domain.TUMOUR && tumourDistance[c] <= CellPlacer.RIM_UM) {
                niche[c] = Niche.IMMUNE_RIM;
            } else if (hypoxia[c] >= 0.5) {
                niche[c] = Niche.HYPOXIC;
            } else if (immuneShare[c] >= INFLAMED_SHARE) {
                niche[c] = Niche.INFLAMED;
            } else {
                niche[c] = Niche.NONE;
            }
        });
    }
}
