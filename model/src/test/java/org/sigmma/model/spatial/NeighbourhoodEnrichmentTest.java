package org.sigmma.model.spatial;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class NeighbourhoodEnrichmentTest {

    // a 6-cycle 0-1-2-3-4-5-0 with the chord 0-3
    private static final NearGraph G = NearGraph.fromEdges(6,
            new int[] {0, 1, 2, 3, 4, 5, 0}, new int[] {1, 2, 3, 4, 5, 0, 3});
    private static final int[] LABELS = {7, 7, 8, 8, 9, 9};

    @Test
    void observedCountsByHand() {
        NeighbourhoodEnrichment.Result r = NeighbourhoodEnrichment.of(G, LABELS, new EnrichmentParameters(10, 1, 1)).compute();
        assertArrayEquals(new int[] {7, 8, 9}, r.clusters());
        // 0-1 inside 7 (twice on the diagonal), 2-3 inside 8, 4-5 inside 9; 1-2 and 0-3 join 7 and 8, 3-4 joins 8 and 9,
        // 5-0 joins 9 and 7
        long[][] want = {{2, 2, 1}, {2, 2, 1}, {1, 1, 2}};
        assertArrayEquals(want[0], r.counts()[0]);
        assertArrayEquals(want[1], r.counts()[1]);
        assertArrayEquals(want[2], r.counts()[2]);
    }

    @Test
    void monteCarloMatchesTheExactPermutationDistribution() {
        int k = 3;
        // every one of the 720 orderings of the label vector is equally likely under a uniform shuffle
        double[][] sum = new double[k][k], sumSq = new double[k][k];
        int[] perm = {0, 1, 2, 3, 4, 5};
        int count = 0;
        do {
            int[] lab = new int[6];
            for (int i = 0; i < 6; i++) {
                lab[i] = LABELS[perm[i]] - 7;
            }
            long[][] c = counts(G, lab, k);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    sum[a][b] += c[a][b];
                    sumSq[a][b] += (double) c[a][b] * c[a][b];
                }
            }
            count++;
        } while (nextPermutation(perm));
        assertEquals(720, count);

        NeighbourhoodEnrichment.Result r = NeighbourhoodEnrichment.of(G, LABELS, new EnrichmentParameters(40_000, 11, 2)).compute();
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double mean = sum[a][b] / count;
                double sd = Math.sqrt(sumSq[a][b] / count - mean * mean);
                double z = (r.counts()[a][b] - mean) / sd;
                // the analytic expectation is the exact mean
                assertEquals(mean, r.expected()[a][b], 1e-12, "expected " + a + "," + b);
                assertEquals(mean, r.permutationMean()[a][b], 5 * sd / Math.sqrt(40_000), "mean " + a + "," + b);
                assertEquals(sd, r.permutationStd()[a][b], 0.02 * sd, "std " + a + "," + b);
                assertEquals(z, r.zScores()[a][b], 0.03 + 0.02 * Math.abs(z), "z " + a + "," + b);
            }
        }
        // by hand: a same-cluster entry of 7 is 2 of D = 14 entries; E = 14 * 2 * 1 / 30
        assertEquals(14.0 * 2 / 30, r.expected()[0][0], 1e-12);
    }

    @Test
    void aSeedFixesTheResultWhateverTheThreads() {
        EnrichmentParameters p = new EnrichmentParameters(300, 42, 1);
        NeighbourhoodEnrichment.Result a = NeighbourhoodEnrichment.of(G, LABELS, p).compute();
        NeighbourhoodEnrichment.Result b = NeighbourhoodEnrichment.of(G, LABELS, p).compute();
        NeighbourhoodEnrichment.Result c = NeighbourhoodEnrichment.of(G, LABELS, p.withConcurrency(4)).compute();
        NeighbourhoodEnrichment.Result d = NeighbourhoodEnrichment.of(G, LABELS, p.withSeed(43)).compute();
        assertEquals(a, b);
        assertEquals(a, c, "the thread count must not change the result");
        assertNotEquals(a.permutationMean()[0][0], d.permutationMean()[0][0], "another seed, other permutations");
    }

    @Test
    void zeroSpreadGivesNaN() {
        // in a complete graph every labelling has the same counts
        NearGraph k4 = NearGraph.fromEdges(4, new int[] {0, 0, 0, 1, 1, 2}, new int[] {1, 2, 3, 2, 3, 3});
        NeighbourhoodEnrichment.Result r = NeighbourhoodEnrichment.of(k4, new int[] {0, 0, 1, 1}, new EnrichmentParameters(20, 1, 1)).compute();
        assertEquals(0.0, r.permutationStd()[0][1]);
        assertTrue(Double.isNaN(r.zScores()[0][1]));
    }

    @Test
    void badParametersAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EnrichmentParameters(-5, 0, 1))
                .getMessage().contains("permutations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EnrichmentParameters(10, 0, 0))
                .getMessage().contains("concurrency"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NeighbourhoodEnrichment.of(G, new int[] {0, 1, 0}, EnrichmentParameters.defaults()))
                .getMessage().contains("labels has 3 entries but the graph has 6 cells"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NeighbourhoodEnrichment.of(G, new int[6], EnrichmentParameters.defaults()))
                .getMessage().contains("at least 2 clusters"));
    }

    private static long[][] counts(NearGraph g, int[] lab, int k) {
        long[][] c = new long[k][k];
        for (int i = 0; i < g.nCells(); i++) {
            for (int e = g.offsets()[i]; e < g.offsets()[i + 1]; e++) {
                c[lab[i]][lab[g.neighbours()[e]]]++;
            }
        }
        return c;
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }
}
