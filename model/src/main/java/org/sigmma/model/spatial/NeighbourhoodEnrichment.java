package org.sigmma.model.spatial;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Neighbourhood enrichment of a clustering over the NEAR graph, squidpy's {@code gr.nhood_enrichment}: for each pair of
 * clusters (a, b), the count of neighbour entries from a cell of a to a cell of b, against the same count under random
 * permutations of the labels over the cells; z = (observed - mean) / std over the permutations.
 *
 * <p>Definition checked against scverse/squidpy {@code src/squidpy/gr/_nhood.py}: the count walks every row of the
 * (symmetric) connectivity CSR, so an edge between a and b counts once in (a, b) and once in (b, a), and an edge inside
 * a counts twice in (a, a); each permutation shuffles the whole label vector; the std is numpy's default, the
 * population std (ddof 0); a pair whose permutation std is 0 gets NaN (squidpy's {@code handle_nan='keep'}).
 * Differences: squidpy draws permutations with {@code RandomState(seed + first index of its job)}, so its numbers
 * depend on the job split; here permutation p uses its own generator seeded from (seed, p), so the result is the same
 * for any thread count. squidpy 1.6+ by default drops clusters of fewer than 10 cells ({@code min_cell_count}); here
 * every cluster present in the labels is kept. The clusters are the distinct label values, ascending (squidpy uses
 * the categorical's categories, which may include unused ones).
 *
 * <p>Also reports the analytic expectation under uniform permutations, E[count(a, b)] = D n_a n_b / (n (n - 1)) for
 * a != b and D n_a (n_a - 1) / (n (n - 1)) for a = b, with D the number of neighbour entries (twice the edges), which
 * the permutation mean converges to.
 *
 * <p>Cost: per permutation a Fisher-Yates shuffle of n one-byte codes (up to 256 clusters) and one pass over the E
 * undirected edges; memory n + 2E ints, plus permutations x k^2 ints for the permutation counts.
 */
public final class NeighbourhoodEnrichment {

    private final NearGraph graph;
    private final ClusterCodes codes;
    private final EnrichmentParameters p;

    private NeighbourhoodEnrichment(NearGraph graph, ClusterCodes codes, EnrichmentParameters p) {
        this.graph = graph;
        this.codes = codes;
        this.p = p;
    }

    /** @param labels one cluster id per cell (any ints; at least two distinct values) */
    public static NeighbourhoodEnrichment of(NearGraph graph, int[] labels, EnrichmentParameters p) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(p, "parameters");
        return new NeighbourhoodEnrichment(graph, ClusterCodes.of(labels, graph.nCells(), "graph"), p);
    }

    public Result compute() {
        int n = graph.nCells();
        int k = codes.k();
        int[][] edges = graph.edges();
        int[] src = edges[0], dst = edges[1];
        long[] observed = new long[k * k];
        count(src, dst, codes.codes(), k, observed);

        int[][] perms = new int[p.permutations()][];
        boolean small = k <= 256;
        byte[] base8 = null;
        if (small) {
            base8 = new byte[n];
            for (int i = 0; i < n; i++) {
                base8[i] = (byte) codes.codes()[i];
            }
        }
        final byte[] b8 = base8;
        int perChunk = 8;
        int nChunks = (p.permutations() + perChunk - 1) / perChunk;
        Parallel.run(p.concurrency(), nChunks, chunks -> {
            byte[] lab8 = small ? new byte[n] : null;
            int[] lab32 = small ? null : new int[n];
            long[] c = new long[k * k];
            for (int ch = chunks.next(); ch >= 0; ch = chunks.next()) {
                int to = Math.min(p.permutations(), (ch + 1) * perChunk);
                for (int q = ch * perChunk; q < to; q++) {
                    SplittableRandom rng = new SplittableRandom(mix(p.seed(), q));
                    Arrays.fill(c, 0);
                    if (small) {
                        System.arraycopy(b8, 0, lab8, 0, n);
                        shuffle(lab8, rng);
                        count8(src, dst, lab8, k, c);
                    } else {
                        System.arraycopy(codes.codes(), 0, lab32, 0, n);
                        shuffle(lab32, rng);
                        count(src, dst, lab32, k, c);
                    }
                    int[] row = new int[k * k];
                    for (int x = 0; x < row.length; x++) {
                        row[x] = (int) c[x];
                    }
                    perms[q] = row;
                }
            }
            return null;
        });

        // two-pass mean and population variance, in permutation order: independent of the thread count
        int P = p.permutations();
        double[][] mean = new double[k][k], std = new double[k][k], z = new double[k][k], expected = new double[k][k];
        long[][] obs = new long[k][k];
        double dEntries = 2.0 * src.length;
        double pairs = (double) n * (n - 1);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                int x = a * k + b;
                double s = 0;
                for (int[] row : perms) {
                    s += row[x];
                }
                double m = s / P;
                double ss = 0;
                for (int[] row : perms) {
                    double dv = row[x] - m;
                    ss += dv * dv;
                }
                double sd = Math.sqrt(ss / P);
                obs[a][b] = observed[x];
                mean[a][b] = m;
                std[a][b] = sd;
                z[a][b] = sd == 0 ? Double.NaN : (observed[x] - m) / sd;
                double na = codes.sizes()[a], nb = codes.sizes()[b];
                expected[a][b] = dEntries * na * (a == b ? nb - 1 : nb) / pairs;
            }
        }
        return new Result(codes.clusters().clone(), codes.sizes().clone(), obs, z, mean, std, expected, P);
    }

    private static void count(int[] src, int[] dst, int[] lab, int k, long[] c) {
        for (int e = 0; e < src.length; e++) {
            int a = lab[src[e]], b = lab[dst[e]];
            c[a * k + b]++;
            c[b * k + a]++;
        }
    }

    private static void count8(int[] src, int[] dst, byte[] lab, int k, long[] c) {
        for (int e = 0; e < src.length; e++) {
            int a = lab[src[e]] & 0xFF, b = lab[dst[e]] & 0xFF;
            c[a * k + b]++;
            c[b * k + a]++;
        }
    }

    private static void shuffle(byte[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** SplitMix64's finaliser over (seed, permutation): neighbouring permutations get unrelated streams. */
    static long mix(long seed, long permutation) {
        long z = seed + (permutation + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Neighbourhood enrichment of a clustering. Matrices are indexed [a][b] in the order of {@code clusters}.
     *
     * @param clusters        the cluster ids, ascending
     * @param sizes           cells per cluster
     * @param counts          observed neighbour entries from a cell of a to a cell of b (symmetric; inside a, 2 per edge)
     * @param zScores         (counts - permutationMean) / permutationStd; NaN where the std is 0
     * @param permutationMean mean count over the permutations
     * @param permutationStd  population std of the count over the permutations
     * @param expected        the analytic mean under uniform permutations
     * @param permutations    how many permutations were drawn
     */
    public record Result(int[] clusters, int[] sizes, long[][] counts, double[][] zScores, double[][] permutationMean,
                         double[][] permutationStd, double[][] expected, int permutations) {

        public int k() {
            return clusters.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && permutations == r.permutations && Arrays.equals(clusters, r.clusters)
                    && Arrays.deepEquals(counts, r.counts) && Arrays.deepEquals(zScores, r.zScores)
                    && Arrays.deepEquals(permutationMean, r.permutationMean)
                    && Arrays.deepEquals(permutationStd, r.permutationStd);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(clusters) + Arrays.deepHashCode(zScores);
        }

        @Override
        public String toString() {
            return "NeighbourhoodEnrichment.Result[k=" + k() + ", permutations=" + permutations + "]";
        }
    }
}
