package org.sigmma.ingest.simulate;

/** The vocabulary of the simulated tissue: domains (macro), cell types (micro) and contact states (arrangement). */
public final class Tissue {

    private Tissue() {
    }

    /** Tissue domains with their cell density relative to the densest, and their cell-type mix. */
    public enum Domain {
        TUMOUR(1.0, new double[] {0.72, 0.10, 0.10, 0.0, 0.08, 0.0, 0.0, 0.0}),
        STROMA(0.55, new double[] {0.0, 0.62, 0.10, 0.0, 0.13, 0.15, 0.0, 0.0}),
        IMMUNE(1.25, new double[] {0.0, 0.05, 0.45, 0.35, 0.15, 0.0, 0.0, 0.0}),
        VESSEL(0.6, new double[] {0.0, 0.30, 0.10, 0.0, 0.15, 0.45, 0.0, 0.0}),
        EPITHELIUM(0.9, new double[] {0.0, 0.10, 0.10, 0.0, 0.0, 0.0, 0.80, 0.0}),
        ADIPOSE(0.22, new double[] {0.0, 0.20, 0.0, 0.0, 0.0, 0.20, 0.0, 0.60});

        final double density;
        final double[] mix;

        Domain(double density, double[] mix) {
            this.density = density;
            this.mix = mix;
        }
    }

    /** Cell types with nucleus radius (um), elongation and hematoxylin darkness (0..1). */
    public enum CellType {
        TUMOUR(4.6, 1.2, 0.75), FIBROBLAST(4.0, 3.0, 0.8), T_CELL(2.6, 1.0, 0.95), B_CELL(3.1, 1.0, 0.72),
        MACROPHAGE(4.0, 1.4, 0.55), ENDOTHELIAL(3.6, 2.8, 0.8), EPITHELIAL(3.5, 1.3, 0.7), ADIPOCYTE(2.2, 1.6, 0.8);

        final double radiusUm;
        final double elongation;
        final double darkness;

        CellType(double radiusUm, double elongation, double darkness) {
            this.radiusUm = radiusUm;
            this.elongation = elongation;
            this.darkness = darkness;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** What a cell's contacts did to it (the arrangement signal). */
    public enum Contact { NONE, EXHAUSTED, INTERFACE }
}
