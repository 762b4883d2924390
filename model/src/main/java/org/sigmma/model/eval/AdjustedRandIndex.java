package org.sigmma.model.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of two labellings of the same items (Hubert and Arabie 1985, as scikit-learn's
 * {@code adjusted_rand_score}): 1 for the same partition, about 0 for independent ones, negative below chance. Labels
 * are any ints; items with a negative label in either labelling are left out.
 */
public final class AdjustedRandIndex {

    private AdjustedRandIndex() {
    }

    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("labellings of " + a.length + " and " + b.length + " items");
        }
        Map<Long, Long> cells = new HashMap<>();
        Map<Integer, Long> rows = new HashMap<>();
        Map<Integer, Long> cols = new HashMap<>();
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0 || b[i] < 0) {
                continue;
            }
            n++;
            cells.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1L, Long::sum);
            rows.merge(a[i], 1L, Long::sum);
            cols.merge(b[i], 1L, Long::sum);
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 labelled items, have " + n);
        }
        double index = 0;
        for (long c : cells.values()) {
            index += pairs(c);
        }
        double sumA = 0;
        for (long c : rows.values()) {
            sumA += pairs(c);
        }
        double sumB = 0;
        for (long c : cols.values()) {
            sumB += pairs(c);
        }
        double expected = sumA * sumB / pairs(n);
        double max = (sumA + sumB) / 2;
        if (max == expected) {
            return 1.0; // both trivial (one cluster each, or every item alone): scikit-learn's convention
        }
        return (index - expected) / (max - expected);
    }

    /**
     * The share of items whose cluster's most frequent planted label is their own: how well the clusters could be
     * read as the planted classes by a majority vote (1 for pure clusters; the largest class's share when the clusters
     * say nothing). Items with a negative label in either labelling are left out.
     */
    public static double majorityPurity(int[] clusters, int[] planted) {
        Map<Integer, Map<Integer, Long>> byCluster = new HashMap<>();
        long n = 0;
        for (int i = 0; i < clusters.length; i++) {
            if (clusters[i] < 0 || planted[i] < 0) {
                continue;
            }
            n++;
            byCluster.computeIfAbsent(clusters[i], c -> new HashMap<>()).merge(planted[i], 1L, Long::sum);
        }
        long agree = 0;
        for (Map<Integer, Long> m : byCluster.values()) {
            agree += m.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
        return n == 0 ? Double.NaN : (double) agree / n;
    }

    private static double pairs(long k) {
        return k * (k - 1) / 2.0;
    }
}
