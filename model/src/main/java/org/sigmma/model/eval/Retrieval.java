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

    /**
     * Recall@p% with each query's candidates restricted to the tiles of its own group (for example its tissue
     * domain from the simulator's truth): there, what separates the candidates is not the tile's composition.
     * k is taken from the group's size; queries of groups with fewer than 2 tiles are left out.
     *
     * @param recall  share of counted queries whose pair is in the top k of its group
     * @param chance  what random embeddings would score: the mean over counted queries of k / group size
     * @param queries queries counted
     */
    public record Within(double recall, double chance, int queries) {
    }

    public static Within recallWithin(float[][] queries, float[][] candidates, double fraction, int[] group) {
        int n = queries.length;
        if (n != candidates.length || n != group.length) {
            throw new IllegalArgumentException("queries (" + n + "), candidates (" + candidates.length
                    + ") and groups (" + group.length + ") must be paired");
        }
        java.util.Map<Integer, java.util.List<Integer>> members = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(group[i], g -> new java.util.ArrayList<>()).add(i);
        }
        float[][] q = normalized(queries);
        float[][] c = normalized(candidates);
        int hits = 0;
        int counted = 0;
        double chance = 0;
        for (java.util.List<Integer> m : members.values()) {
            int size = m.size();
            if (size < 2) {
                continue;
            }
            int k = Math.max(1, (int) Math.round(fraction * size));
            for (int i : m) {
                double own = dot(q[i], c[i]);
                int ahead = 0;
                for (int j : m) {
                    if (j != i && dot(q[i], c[j]) >= own) {
                        ahead++;
                    }
                }
                hits += ahead < k ? 1 : 0;
                counted++;
                chance += (double) k / size;
            }
        }
        return counted == 0 ? new Within(Double.NaN, Double.NaN, 0)
                : new Within((double) hits / counted, chance / counted, counted);
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
