package org.sigmma.ingest.simulate;

/**
 * What to simulate. The section's size follows from the number of cells and the densities of the domains
 * (about 0.8 cells per 100 um^2 on average); everything is a function of these values and the seed.
 *
 * <p>Strength knobs scale a planted signal in both modalities at once, 0 turning it off, 1 the default:
 * <ul>
 * <li>{@code macroStrength}: domain expression programmes and each domain's matrix tone and fibres in H&amp;E;</li>
 * <li>{@code mesoStrength}: niche programmes (inflammation driven by neighbourhood composition, perivascular,
 *     hypoxia) and their image cues (pale hypoxic cytoplasm, hyaline perivascular matrix);</li>
 * <li>{@code microStrength}: cell-type expression and each type's nucleus and cytoplasm;</li>
 * <li>{@code arrangementStrength}: contact programmes (see {@link ContactState}) and their image cues.</li>
 * </ul>
 * The layout itself (domains, niches, positions, types) does not depend on the strengths, so two sections with
 * the same seed and different strengths have the same cells, which lets a benchmark switch one scale off.
 *
 * @param cells               cells in the section
 * @param genes               gene-expression features of the panel (controls come on top)
 * @param seed                the seed
 * @param density             multiplies every domain's cell density
 * @param domainScaleUm       typical size of a tissue domain
 * @param aspectRatio         section width over height
 * @param pixelSizeUm         micrometres per Xenium morphology pixel, written to experiment.xenium
 * @param heUmPerPx           micrometres per H&amp;E pixel
 * @param heRotationDeg       rotation of the H&amp;E scan against the Xenium frame
 * @param macroStrength       see above
 * @param mesoStrength        see above
 * @param microStrength       see above
 * @param arrangementStrength see above
 * @param noise               expression noise: negative-binomial dispersion is {@code 0.5 * noise}, and library sizes
 *                            spread more with it
 * @param imageNoise          image noise: pixel noise, stain and illumination variation, blur (1 = default)
 * @param medianLibrarySize   median transcripts per cell (Xenium: 100 to 300)
 */
public record SimulationParameters(int cells, int genes, long seed, double density, double domainScaleUm,
                                   double aspectRatio, double pixelSizeUm, double heUmPerPx, double heRotationDeg,
                                   double macroStrength, double mesoStrength, double microStrength,
                                   double arrangementStrength, double noise, double imageNoise,
                                   int medianLibrarySize) {

    public static final int MIN_GENES = 100;

    public SimulationParameters {
        require(cells >= 20, "cells", cells + " (at least 20)");
        require(genes >= MIN_GENES && genes <= 20_000, "genes", genes + " (between " + MIN_GENES + " and 20000)");
        require(density > 0.05 && density <= 3, "density", density + " (a multiplier between 0.05 and 3)");
        require(domainScaleUm >= 50, "domainScaleUm", domainScaleUm + " (at least 50)");
        require(aspectRatio >= 0.2 && aspectRatio <= 5, "aspectRatio", aspectRatio + " (between 0.2 and 5)");
        require(pixelSizeUm > 0 && Double.isFinite(pixelSizeUm), "pixelSizeUm", String.valueOf(pixelSizeUm));
        require(heUmPerPx >= 0.1 && heUmPerPx <= 4, "heUmPerPx", heUmPerPx + " (between 0.1 and 4)");
        require(Math.abs(heRotationDeg) <= 45, "heRotationDeg", heRotationDeg + " (at most 45 degrees either way)");
        for (double s : new double[] {macroStrength, mesoStrength, microStrength, arrangementStrength}) {
            require(s >= 0 && s <= 5, "strength", s + " (between 0 and 5)");
        }
        require(noise >= 0 && noise <= 4, "noise", noise + " (between 0 and 4)");
        require(imageNoise >= 0 && imageNoise <= 4, "imageNoise", imageNoise + " (between 0 and 4)");
        require(medianLibrarySize >= 10 && medianLibrarySize <= 100_000, "medianLibrarySize", String.valueOf(medianLibrarySize));
    }

    private static void require(boolean ok, String field, String value) {
        if (!ok) {
            throw new IllegalArgumentException("simulation parameter " + field + " out of range: " + value);
        }
    }

    /** The defaults: every signal at strength 1, 0.5 um/px H&amp;E rotated by 2.5 degrees, median 200 transcripts. */
    public static SimulationParameters of(int cells, int genes, long seed) {
        return new SimulationParameters(cells, genes, seed, 1.0, 400, 1.3, 0.2125, 0.5, 2.5,
                1, 1, 1, 1, 0.4, 1.0, 200);
    }

    public SimulationParameters withStrengths(double macro, double meso, double micro, double arrangement) {
        return new SimulationParameters(cells, genes, seed, density, domainScaleUm, aspectRatio, pixelSizeUm, heUmPerPx,
                heRotationDeg, macro, meso, micro, arrangement, noise, imageNoise, medianLibrarySize);
    }

    public SimulationParameters withNoise(double expressionNoise, double imageNoiseLevel) {
        return new SimulationParameters(cells, genes, seed, density, domainScaleUm, aspectRatio, pixelSizeUm, heUmPerPx,
                heRotationDeg, macroStrength, mesoStrength, microStrength, arrangementStrength, expressionNoise,
                imageNoiseLevel, medianLibrarySize);
    }

    public SimulationParameters withDomainScale(double um) {
        return new SimulationParameters(cells, genes, seed, density, um, aspectRatio, pixelSizeUm, heUmPerPx,
                heRotationDeg, macroStrength, mesoStrength, microStrength, arrangementStrength, noise, imageNoise,
                medianLibrarySize);
    }

    public SimulationParameters withSeed(long newSeed) {
        return new SimulationParameters(cells, genes, newSeed, density, domainScaleUm, aspectRatio, pixelSizeUm, heUmPerPx,
                heRotationDeg, macroStrength, mesoStrength, microStrength, arrangementStrength, noise, imageNoise,
                medianLibrarySize);
    }

    public SimulationParameters withImage(double umPerPx, double rotationDeg) {
        return new SimulationParameters(cells, genes, seed, density, domainScaleUm, aspectRatio, pixelSizeUm, umPerPx,
                rotationDeg, macroStrength, mesoStrength, microStrength, arrangementStrength, noise, imageNoise,
                medianLibrarySize);
    }

    public SimulationParameters withLibrarySize(int median) {
        return new SimulationParameters(cells, genes, seed, density, domainScaleUm, aspectRatio, pixelSizeUm, heUmPerPx,
                heRotationDeg, macroStrength, mesoStrength, microStrength, arrangementStrength, noise, imageNoise, median);
    }
}
