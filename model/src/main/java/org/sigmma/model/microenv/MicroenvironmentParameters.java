package org.sigmma.model.microenv;

import org.sigmma.schema.FeatureSource;

/**
 * A microenvironment clustering: k-means with GDS on the chosen features (expression or an embedding) of the cells of one section.
 *
 * @param markers marker genes kept per cluster (ranked by the rank-sum statistic)
 */
public record MicroenvironmentParameters(String section, FeatureSource source, int k, long seed, int maxIterations,
                                         int markers) {

    public MicroenvironmentParameters {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, was " + k);
        }
    }

    public static MicroenvironmentParameters of(String section, FeatureSource source, int k) {
        return new MicroenvironmentParameters(section, source, k, 42L, 50, 10);
    }
}
