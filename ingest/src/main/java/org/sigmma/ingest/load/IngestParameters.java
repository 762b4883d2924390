package org.sigmma.ingest.load;

import org.sigmma.ingest.neighbours.NeighbourMethod;
import org.sigmma.ingest.tiling.TilingParameters;

/**
 * How a bundle becomes a section: the neighbour graph (squidpy's three methods), the expression features, the
 * tiling. Defaults follow docs/method.md.
 *
 * @param name            the section's name (its id is a slug of it); null takes the bundle folder's name
 * @param neighbourParam  k for kNN, the radius in micrometres for RADIUS, unused for DELAUNAY
 * @param maxEdgeLengthUm pruning of neighbour edges (docs/method.md: 30 um for Delaunay)
 * @param highlyVariable  genes kept for PCA (all when the panel is smaller)
 * @param pcaComponents   feature dimension per cell
 * @param replace         replace a section of the same name whose content differs
 */
public record IngestParameters(String name, String tissue, NeighbourMethod neighbours, double neighbourParam,
                               double maxEdgeLengthUm, int highlyVariable, int pcaComponents, TilingParameters tiling,
                               boolean replace, long seed) {

    public static IngestParameters defaults() {
        return new IngestParameters(null, null, NeighbourMethod.DELAUNAY, 0, 30.0, 2000, 64,
                TilingParameters.defaults(), false, 42L);
    }

    public IngestParameters withName(String n) {
        return new IngestParameters(n, tissue, neighbours, neighbourParam, maxEdgeLengthUm, highlyVariable, pcaComponents,
                tiling, replace, seed);
    }

    public IngestParameters withTissue(String t) {
        return new IngestParameters(name, t, neighbours, neighbourParam, maxEdgeLengthUm, highlyVariable, pcaComponents,
                tiling, replace, seed);
    }

    public IngestParameters withNeighbours(NeighbourMethod m, double param, double maxEdgeLength) {
        return new IngestParameters(name, tissue, m, param, maxEdgeLength, highlyVariable, pcaComponents, tiling, replace,
                seed);
    }

    public IngestParameters withFeatures(int hvg, int components) {
        return new IngestParameters(name, tissue, neighbours, neighbourParam, maxEdgeLengthUm, hvg, components, tiling,
                replace, seed);
    }

    public IngestParameters withTiling(TilingParameters t) {
        return new IngestParameters(name, tissue, neighbours, neighbourParam, maxEdgeLengthUm, highlyVariable, pcaComponents,
                t, replace, seed);
    }

    public IngestParameters withReplace(boolean r) {
        return new IngestParameters(name, tissue, neighbours, neighbourParam, maxEdgeLengthUm, highlyVariable, pcaComponents,
                tiling, r, seed);
    }

    public IngestParameters withSeed(long s) {
        return new IngestParameters(name, tissue, neighbours, neighbourParam, maxEdgeLengthUm, highlyVariable, pcaComponents,
                tiling, replace, s);
    }

    /** A section id from a free-form name: lower case, letters, digits, '-' and '_'. */
    public static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("section name '" + name + "' has no letters or digits");
        }
        return s;
    }
}
