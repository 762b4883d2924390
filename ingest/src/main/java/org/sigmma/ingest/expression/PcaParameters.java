package org.sigmma.ingest.expression;

/**
 * Settings of a randomized PCA ({@link Pca}).
 *
 * @param nComponents     number of principal components k (1 .. number of genes used)
 * @param genes           gene indices to use, e.g. the highly variable genes; {@code null} for all genes
 * @param seed            seed of the random starting subspace
 * @param oversampling    extra subspace dimensions beyond k (Halko's p); the working width is
 *                        {@code k + oversampling} rounded up to a multiple of 8, capped at the gene count
 * @param powerIterations subspace (power) iterations on the gene covariance before the Rayleigh-Ritz step
 * @param standardise     divide each gene by its standard deviation (ddof 1) after centring, as
 *                        scanpy's {@code scale}; genes with no variance are left unscaled
 */
public record PcaParameters(int nComponents, int[] genes, long seed, int oversampling, int powerIterations,
                            boolean standardise) {

    public static final int DEFAULT_COMPONENTS = 64;
    public static final int DEFAULT_OVERSAMPLING = 10;
    public static final int DEFAULT_POWER_ITERATIONS = 4;

    public PcaParameters {
        if (nComponents < 1) {
            throw new IllegalArgumentException("nComponents must be >= 1, got " + nComponents);
        }
        if (oversampling < 0) {
            throw new IllegalArgumentException("oversampling must be >= 0, got " + oversampling);
        }
        if (powerIterations < 0) {
            throw new IllegalArgumentException("powerIterations must be >= 0, got " + powerIterations);
        }
        if (genes != null) {
            genes = genes.clone();
            for (int i = 0; i < genes.length; i++) {
                if (genes[i] < 0) {
                    throw new IllegalArgumentException("genes[" + i + "] = " + genes[i] + " is negative");
                }
            }
            if (genes.length != java.util.Arrays.stream(genes).distinct().count()) {
                throw new IllegalArgumentException("genes contains duplicates");
            }
        }
    }

    /** k components on all genes, centred only, seed 0, the default oversampling and power iterations. */
    public static PcaParameters of(int nComponents) {
        return new PcaParameters(nComponents, null, 0L, DEFAULT_OVERSAMPLING, DEFAULT_POWER_ITERATIONS, false);
    }

    /** The method's default: 64 components. */
    public static PcaParameters defaults() {
        return of(DEFAULT_COMPONENTS);
    }

    public PcaParameters withGenes(int[] genesToUse) {
        return new PcaParameters(nComponents, genesToUse, seed, oversampling, powerIterations, standardise);
    }

    public PcaParameters withSeed(long newSeed) {
        return new PcaParameters(nComponents, genes, newSeed, oversampling, powerIterations, standardise);
    }

    public PcaParameters withStandardise(boolean flag) {
        return new PcaParameters(nComponents, genes, seed, oversampling, powerIterations, flag);
    }

    public PcaParameters withOversampling(int p) {
        return new PcaParameters(nComponents, genes, seed, p, powerIterations, standardise);
    }

    public PcaParameters withPowerIterations(int q) {
        return new PcaParameters(nComponents, genes, seed, oversampling, q, standardise);
    }

    /** The working subspace width for {@code nGenesUsed} genes. */
    public int subspaceWidth(int nGenesUsed) {
        int l = nComponents + oversampling;
        l = (l + 7) / 8 * 8; // multiples of 8 keep the inner loops on whole vector lanes
        return Math.min(l, nGenesUsed);
    }
}
