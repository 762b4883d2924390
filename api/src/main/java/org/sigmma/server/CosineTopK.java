package org.sigmma.server;

import java.util.Arrays;

/**
 * Cross-modal retrieval for one query: the candidates ranked by cosine similarity to the query, best first, ties by
 * candidate order; and the rank of a chosen candidate (the query's own pair) counting ties against it, as
 * {@code org.sigmma.model.eval.Retrieval} does, so that constant embeddings never rank first.
 */
public final class CosineTopK {

    private CosineTopK() {
    }

    /** A ranked candidate: its index in the candidate array and its cosine similarity to the query. */
    public record Hit(int index, double similarity) {
    }

    /** Cosine similarity; 0 when either vector is zero. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different sizes: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The {@code k} best candidates (fewer when there are fewer), best first. */
    public static Hit[] top(float[] query, float[][] candidates, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, was " + k);
        }
        Hit[] all = new Hit[candidates.length];
        for (int j = 0; j < candidates.length; j++) {
            all[j] = new Hit(j, cosine(query, candidates[j]));
        }
        // a full sort: sections hold thousands of tiles, not millions
        Arrays.sort(all, (x, y) -> x.similarity() != y.similarity() ? Double.compare(y.similarity(), x.similarity())
                : Integer.compare(x.index(), y.index()));
        return Arrays.copyOf(all, Math.min(k, all.length));
    }

    /** 1 + the number of other candidates at least as similar to the query as candidate {@code own}. */
    public static int rankOf(float[] query, float[][] candidates, int own) {
        double target = cosine(query, candidates[own]);
        int ahead = 0;
        for (int j = 0; j < candidates.length; j++) {
            if (j != own && cosine(query, candidates[j]) >= target) {
                ahead++;
            }
        }
        return ahead + 1;
    }
}
