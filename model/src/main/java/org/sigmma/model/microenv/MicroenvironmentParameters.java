package org.sigmma.model.microenv;

import org.sigmma.model.spatial.NicheReach;
import org.sigmma.schema.FeatureSource;

/**
 * A microenvironment clustering: k-means with GDS on the chosen features (expression, an embedding, or niche features)
 * of the cells of one section.
 *
 * @param maxIterations the most Lloyd iterations; k-means stops earlier once no cell changes cluster
 *     ({@link #DEFAULT_MAX_ITERATIONS}, scikit-learn's default)
 * @param markers marker genes kept per cluster (ranked by the rank-sum statistic)
 * @param nicheHops for niche features, the NEAR-graph hops aggregated; 0 for the scale's default
 *     ({@link NicheReach#defaults()}: micro 2, meso 4, macro 8); ignored for other sources
 */
public record MicroenvironmentParameters(String section, FeatureSource source, int k, long seed, int maxIterations,
                                         int markers, int nicheHops) {

    /** The default cap on k-means iterations: scikit-learn's, rarely reached when running to convergence. */
    public static final int DEFAULT_MAX_ITERATIONS = 300;

    public MicroenvironmentParameters {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, was " + k);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, was " + maxIterations);
        }
        if (nicheHops < 0 || nicheHops > org.sigmma.model.spatial.NicheParameters.MAX_HOPS) {
            throw new IllegalArgumentException("niche hops must be in 0.." + org.sigmma.model.spatial.NicheParameters.MAX_HOPS
                    + " (0: the scale's default), was " + nicheHops);
        }
    }

    public static MicroenvironmentParameters of(String section, FeatureSource source, int k) {
        return new MicroenvironmentParameters(section, source, k, 42L, DEFAULT_MAX_ITERATIONS, 10, 0);
    }

    /** The same clustering with another k-means seed. */
    public MicroenvironmentParameters withSeed(long s) {
        return new MicroenvironmentParameters(section, source, k, s, maxIterations, markers, nicheHops);
    }

    /** The same clustering aggregating {@code hops} NEAR-graph hops for niche features (0: the scale's default). */
    public MicroenvironmentParameters withNicheHops(int hops) {
        return new MicroenvironmentParameters(section, source, k, seed, maxIterations, markers, hops);
    }

    /** The hops a niche source aggregates: the given count, or the scale's default reach. */
    public int hops() {
        if (!(source instanceof FeatureSource.Niche n)) {
            return 0;
        }
        return nicheHops > 0 ? nicheHops : NicheReach.defaults().hops(n.scale().id());
    }
}
