package org.sigmma.model.spatial;

/**
 * Parameters of {@link NeighbourhoodEnrichment}.
 *
 * @param permutations label permutations (squidpy's {@code n_perms}, default 1000)
 * @param seed         seeds permutation p with a value derived from (seed, p) alone
 * @param concurrency  threads; the result does not depend on it
 */
public record EnrichmentParameters(int permutations, long seed, int concurrency) {

    public EnrichmentParameters {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be >= 1, not " + permutations);
        }
        Parallel.checkConcurrency(concurrency);
    }

    public static EnrichmentParameters defaults() {
        return new EnrichmentParameters(1000, 0L, Runtime.getRuntime().availableProcessors());
    }

    public EnrichmentParameters withPermutations(int n) {
        return new EnrichmentParameters(n, seed, concurrency);
    }

    public EnrichmentParameters withSeed(long s) {
        return new EnrichmentParameters(permutations, s, concurrency);
    }

    public EnrichmentParameters withConcurrency(int threads) {
        return new EnrichmentParameters(permutations, seed, threads);
    }
}
