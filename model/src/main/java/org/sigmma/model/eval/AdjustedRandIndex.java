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

    private static double pairs(long k) {
        return k * (k - 1) / 2.0;
    }
}
