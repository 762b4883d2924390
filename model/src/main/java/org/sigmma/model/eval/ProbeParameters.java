package org.sigmma.model.eval;

import java.util.Arrays;

/**
 * The linear probe of Task 1 (HEST-1k protocol as docs/method.md reads it).
 *
 * @param maxComponents PCA width of the embedding (256; fewer when there are fewer training tiles)
 * @param topGenes      highly variable genes predicted, chosen on the training tiles
 * @param alphas        ridge penalties tried; the one with the lowest validation MSE is kept
 */
public record ProbeParameters(int maxComponents, int topGenes, double[] alphas) {

    public ProbeParameters {
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents must be >= 1, was " + maxComponents);
        }
        if (topGenes < 1) {
            throw new IllegalArgumentException("topGenes must be >= 1, was " + topGenes);
        }
        if (alphas == null || alphas.length == 0) {
            throw new IllegalArgumentException("alphas must list at least one penalty");
        }
        for (double a : alphas) {
            if (!(a > 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("alphas must be finite and > 0, got " + a);
            }
        }
        alphas = alphas.clone();
    }

    /** 256 components, 50 genes, alpha from 1e-3 to 1e4 in decades. */
    public static ProbeParameters defaults() {
        return new ProbeParameters(256, 50, new double[] {1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4});
    }

    @Override
    public String toString() {
        return "ProbeParameters[maxComponents=" + maxComponents + ", topGenes=" + topGenes + ", alphas="
                + Arrays.toString(alphas) + "]";
    }
}
