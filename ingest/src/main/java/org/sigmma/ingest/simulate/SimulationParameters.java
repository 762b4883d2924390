package org.sigmma.ingest.simulate;

/**
 * A simulated section: how many cells and genes, the seed, and the strength of the planted signal at each scale.
 * Strengths are multipliers of the programme effects on expression and of the matching changes in the image
 * (0 turns a scale's signal off in both modalities).
 *
 * @param cellsPer100um2 cell density of the densest domain (Xenium tissue: about 1 per 100 um^2)
 * @param macroStrength  domain programmes and domain tone/texture of the image
 * @param mesoStrength   niche programmes (genes driven by the composition of a cell's neighbourhood)
 * @param microStrength  cell-type expression and nucleus appearance
 * @param arrangementStrength contact programmes: T cells touching tumour cells (exhaustion, smaller darker nuclei),
 *                       tumour cells touching stroma (interface programme, paler cytoplasm)
 * @param noise          expression dispersion (negative binomial 1/size) and image noise
 */
public record SimulationParameters(int cells, int genes, long seed, double cellsPer100um2, double pixelSizeUm,
                                   double heUmPerPx, double macroStrength, double mesoStrength, double microStrength,
                                   double arrangementStrength, double noise, int meanLibrarySize) {

    public SimulationParameters {
        if (cells < 10) {
            throw new IllegalArgumentException("at least 10 cells, got " + cells);
        }
        if (genes < 100) {
            throw new IllegalArgumentException("at least 100 genes (programmes need room), got " + genes);
        }
    }

    public static SimulationParameters of(int cells, int genes, long seed) {
        return new SimulationParameters(cells, genes, seed, 1.0, 0.2125, 0.5, 1, 1, 1, 1, 0.3, 200);
    }

    /** Side of the square section in micrometres, from the density (domains thin it, so add room). */
    public double sideUm() {
        return Math.sqrt(cells * 100.0 / cellsPer100um2 / 0.75);
    }
}
