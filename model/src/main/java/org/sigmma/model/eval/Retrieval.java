package org.sigmma.model.eval;

/**
 * Cross-modal retrieval Recall@p% (the paper's Task 2): the share of queries whose own pair is
 * among the top {@code max(1, round(p * n))} of the n candidates by cosine similarity. Ties count
 * against the query (its pair ranks behind every candidate scoring the same), so that a model
 * with constant embeddings scores 0, not 1. Chance level is about p.
 */
public final class Retrieval {

    private Retrieval() {}

    /**
     * @param queries one embedding per tile, e.g. HE
     * @param candidates the paired embeddings in the same order, e.g. ST
     * @param fraction p as a fraction (0.05 for Recall@5%)
     */
    public static double recall(float[][] queries, float[][] candidates, double fraction) {
        int n = queries.length;
        if (n != candidates.length) {
            throw new IllegalArgumentException("queries (" + n + ") and candidates ("
                    + candidates.length + ") must be paired");
        }
        if (n == 0) {
            return Double.NaN;
        }
        int k = Math.max(1, (int) Math.round(fraction * n));
        float[][] q = normalized(queries);
        float[][] c = normalized(candidates);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            double own = dot(q[i], c[i]);
            int ahead = 0;
            for (int j = 0; j < n && ahead < k; j++) {
                if (j != i && dot(q[i], c[j]) >= own) {
                    ahead++;
                }
            }
            if (ahead < k) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += (double) a[d] * b[d];
        }
        return s;
    }

    private static float[][] normalized(float[][] z) {
        float[][] out = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            double norm = Math.sqrt(dot(z[i], z[i]));
            out[i] = new float[z[i].length];
            for (int d = 0; d < z[i].length; d++) {
                out[i][d] = (float) (z[i][d] / Math.max(norm, 1e-12));
            }
        }
        return out;
    }
}
