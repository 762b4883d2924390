package org.sigmma.model.microenv;

import org.sigmma.model.spatial.NicheReach;
import org.sigmma.schema.FeatureSource;

/**
 * A microenvironment clustering: k-means with GDS on the chosen features (expression, an embedding, or niche features)
 * of the cells of one section.
 *
 * @param markers marker genes kept per cluster (ranked by the rank-sum statistic)
 * @param nicheHops for niche features, the NEAR-graph hops aggregated; 0 for the scale's default
 *     ({@link NicheReach#defaults()}: micro 2, meso 4, macro 8); ignored for other sources
 */
public record MicroenvironmentParameters(String section, FeatureSource source, int k, long seed, int maxIterations,
                                         int markers, int nicheHops) {

    public MicroenvironmentParameters {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, was " + k);
        }
        if (nicheHops < 0 || nicheHops > org.sigmma.model.spatial.NicheParameters.MAX_HOPS) {
            throw new IllegalArgumentException("niche hops must be in 0.." + org.sigmma.model.spatial.NicheParameters.MAX_HOPS
                    + " (0: the scale's default), was " + nicheHops);
        }
    }

    public static MicroenvironmentParameters of(String section, FeatureSource source, int k) {
        return new MicroenvironmentParameters(section, source, k, 42L, 50, 10, 0);
    }

    /** The hops a niche source aggregates: the given count, or the scale's default reach. */
    public int hops() {
        if (!(source instanceof FeatureSource.Niche n)) {
            return 0;
        }
        return nicheHops > 0 ? nicheHops : NicheReach.defaults().hops(n.scale().id());
    }
}
