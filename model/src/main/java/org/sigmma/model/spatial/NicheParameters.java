package org.sigmma.model.spatial;

/**
 * Parameters of {@link NicheFeatures}.
 *
 * @param hops        how many hop layers to aggregate (CellCharter's {@code n_layers}): the output holds the cell's own
 *                    features, then the mean over the cells at exactly 1, 2, ..., hops hops
 * @param concurrency threads; the result does not depend on it
 */
public record NicheParameters(int hops, int concurrency) {

    /** The widest reach accepted: the BFS per cell grows with hops squared on a planar graph. */
    public static final int MAX_HOPS = 32;

    public NicheParameters {
        if (hops < 1 || hops > MAX_HOPS) {
            throw new IllegalArgumentException("hops must be in 1.." + MAX_HOPS + ", not " + hops);
        }
        Parallel.checkConcurrency(concurrency);
    }

    public static NicheParameters of(int hops) {
        return new NicheParameters(hops, Runtime.getRuntime().availableProcessors());
    }

    public NicheParameters withConcurrency(int threads) {
        return new NicheParameters(hops, threads);
    }
}
