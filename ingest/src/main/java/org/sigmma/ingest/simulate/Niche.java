package org.sigmma.ingest.simulate;

/**
 * The meso-scale niche a cell sits in, first match wins: next to a vessel, in the immune rim around a
 * tumour, in hypoxic tumour far from vessels, in an inflamed neighbourhood (many immune neighbours), or none.
 * The matching niche programmes are graded by continuous scores kept in the truth as well.
 */
public enum Niche {
    PERIVASCULAR("perivascular"),
    IMMUNE_RIM("immune rim"),
    HYPOXIC("hypoxic"),
    INFLAMED("inflamed"),
    NONE("none");

    private final String label;

    Niche(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
