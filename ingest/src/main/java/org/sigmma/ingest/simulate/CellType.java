package org.sigmma.ingest.simulate;

/**
 * The simulated cell types, with what makes each one look like itself in H&amp;E (at microStrength 1) and
 * its relative library size. Lengths are micrometres; stain amounts are optical-density multipliers of
 * the haematoxylin and eosin vectors (see {@code HeRenderer}).
 */
public enum CellType {
    //         label          body  nucR  aspect dark  texture nucleolus cytoR cytoE  cytoH  library
    TUMOUR("Tumour",           6.2, 4.4,  1.30,  0.85, 0.60,   true,    10.5,  0.66,  0.10,  1.45),
    EPITHELIAL("Epithelial",   5.0, 3.3,  1.70,  1.00, 0.30,   false,    7.5,  0.40,  0.05,  1.00),
    FIBROBLAST("Fibroblast",   4.8, 3.2,  3.40,  1.05, 0.15,   false,    4.2,  0.62,  0.02,  0.85),
    ENDOTHELIAL("Endothelial", 4.2, 2.9,  3.00,  1.00, 0.15,   false,    3.4,  0.50,  0.03,  0.70),
    PERICYTE("Pericyte",       4.4, 2.9,  2.20,  1.10, 0.20,   false,    4.4,  0.75,  0.03,  0.80),
    T_CELL("T cell",           3.6, 2.35, 1.08,  1.35, 0.30,   false,    3.3,  0.28,  0.08,  0.60),
    B_CELL("B cell",           3.8, 2.7,  1.08,  1.30, 0.40,   false,    3.6,  0.26,  0.12,  0.70),
    MACROPHAGE("Macrophage",   6.2, 3.3,  1.55,  0.70, 0.35,   false,    8.2,  0.40,  0.04,  1.20),
    ADIPOCYTE("Adipocyte",     4.0, 2.6,  3.20,  1.00, 0.10,   false,    2.4,  0.55,  0.02,  0.60);

    private final String label;
    final double bodyRadius;
    final double nucleusRadius;
    final double aspect;
    final double darkness;
    final double texture;
    final boolean nucleolus;
    final double cytoplasmRadius;
    final double cytoplasmEosin;
    final double cytoplasmHaematoxylin;
    final double librarySize;

    CellType(String label, double bodyRadius, double nucleusRadius, double aspect, double darkness, double texture,
             boolean nucleolus, double cytoplasmRadius, double cytoplasmEosin, double cytoplasmHaematoxylin,
             double librarySize) {
        this.label = label;
        this.bodyRadius = bodyRadius;
        this.nucleusRadius = nucleusRadius;
        this.aspect = aspect;
        this.darkness = darkness;
        this.texture = texture;
        this.nucleolus = nucleolus;
        this.cytoplasmRadius = cytoplasmRadius;
        this.cytoplasmEosin = cytoplasmEosin;
        this.cytoplasmHaematoxylin = cytoplasmHaematoxylin;
        this.librarySize = librarySize;
    }

    /** The label written to cell_types.csv. */
    public String label() {
        return label;
    }

    /** Radius that cells keep apart by (their bodies may overlap a little, their nuclei not). */
    public double bodyRadiusUm() {
        return bodyRadius;
    }

    public boolean isImmune() {
        return this == T_CELL || this == B_CELL || this == MACROPHAGE;
    }

    /** Cells a tumour cell at a stromal interface touches. */
    public boolean isStromal() {
        return this == FIBROBLAST || this == PERICYTE || this == ENDOTHELIAL || this == ADIPOCYTE;
    }

    static final CellType[] ALL = values();
}
