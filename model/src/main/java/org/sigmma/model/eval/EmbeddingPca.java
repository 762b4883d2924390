package org.sigmma.model.eval;

import org.sigmma.math.SymmetricEigen;

/**
 * PCA of tile embeddings, exact: the covariance of the training rows is decomposed by {@link SymmetricEigen}.
 * Scores of a row are {@code components . (x - mean)}.
 *
 * @param mean       per-column mean of the rows it was fitted on
 * @param components k x d, unit rows in decreasing order of variance
 */
public record EmbeddingPca(double[] mean, double[][] components) {

    public EmbeddingPca {
        for (int k = 0; k < components.length; k++) {
            if (components[k].length != mean.length) {
                throw new IllegalArgumentException("components[" + k + "] has " + components[k].length
                        + " loadings, expected " + mean.length);
            }
        }
    }

    /**
     * Fits on the rows of {@code x}, keeping {@code min(maxComponents, d, n - 1)} components: with n rows the
     * centred data span at most n - 1 directions, and the rest would be noise of rounding.
     */
    public static EmbeddingPca fit(double[][] x, int maxComponents) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n);
        }
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents must be >= 1, was " + maxComponents);
        }
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("rows differ in width (" + row.length + " and " + d + ")");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                for (int j = i; j < d; j++) {
                    cov[i][j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(cov).withLargestLoadingPositive();
        int k = Math.min(maxComponents, Math.min(d, n - 1));
        double[][] comps = new double[k][];
        for (int i = 0; i < k; i++) {
            comps[i] = e.vectors()[i];
        }
        return new EmbeddingPca(mean, comps);
    }

    public int nComponents() {
        return components.length;
    }

    public double[] transform(double[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("embedding has " + row.length + " dimensions, the PCA expects "
                    + mean.length);
        }
        double[] out = new double[components.length];
        for (int k = 0; k < components.length; k++) {
            double s = 0;
            for (int j = 0; j < row.length; j++) {
                s += components[k][j] * (row[j] - mean[j]);
            }
            out[k] = s;
        }
        return out;
    }

    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }
}
