package org.sigmma.ingest.simulate;

/**
 * Tissue domains (the macro scale): each sets the cell density, the mix of cell types, the structures
 * (vessels, glands, fat), the tone and texture of the extracellular matrix in H&amp;E, and a domain
 * expression programme.
 */
public enum Domain {
    //                 label                density seedWeight sizeBias ecmEosin ecmHaem fibres vessels lumenMin lumenMax
    TUMOUR("tumour",              0.62,  3.0,  0.15,  0.35,  0.16,  0.30,  0.45,  2.5,  4.5),
    STROMA("stroma",              0.50,  2.5,  0.00,  0.95,  0.02,  1.00,  0.50,  3.0, 10.0),
    IMMUNE_AGGREGATE("immune aggregate", 1.75, 1.5, -0.25, 0.25, 0.14, 0.10, 0.35, 3.0, 6.0),
    VESSEL_RICH("vessel-rich",    0.60,  1.5,  0.00,  0.65,  0.04,  0.50,  2.20,  4.0, 16.0),
    EPITHELIUM("normal epithelium", 0.75, 2.0, 0.00,  0.45,  0.07,  0.35,  0.50,  3.0,  7.0),
    ADIPOSE("adipose",            0.30,  1.5,  0.00,  0.60,  0.03,  0.30,  0.35,  3.0,  7.0);

    private final String label;
    /** Fill cells per 100 um^2 between the structures. */
    final double density;
    /** Share of the domain seeds of a section. */
    final double seedWeight;
    /** Added to a seed's reach, in units of the domain scale: positive domains grow, negative shrink. */
    final double sizeBias;
    final double ecmEosin;
    /** Haematoxylin taken up by the matrix (myxoid, basophilic matrix in tumour and lymphoid tissue). */
    final double ecmHaematoxylin;
    final double fibres;
    /** Vessels per 100 x 100 um. */
    final double vessels;
    final double lumenMin;
    final double lumenMax;

    Domain(String label, double density, double seedWeight, double sizeBias, double ecmEosin, double ecmHaematoxylin,
           double fibres, double vessels, double lumenMin, double lumenMax) {
        this.label = label;
        this.density = density;
        this.seedWeight = seedWeight;
        this.sizeBias = sizeBias;
        this.ecmEosin = ecmEosin;
        this.ecmHaematoxylin = ecmHaematoxylin;
        this.fibres = fibres;
        this.vessels = vessels;
        this.lumenMin = lumenMin;
        this.lumenMax = lumenMax;
    }

    public String label() {
        return label;
    }

    static final Domain[] ALL = values();
}
