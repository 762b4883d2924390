package org.sigmma.model.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much more often the kept learned edges of one scale join planted pairs ({@link PlantedPairs}) than the candidate
 * pool they were chosen from: {@code enrichment = (planted kept / kept) / (planted candidates / candidates)}. 1 is what
 * a scorer blind to the truth keeps; above 1, its edges prefer the pairs the simulator made meaningful. The 95%
 * interval resamples whole tiles (pairs of one tile are not independent), percentile bootstrap with a fixed seed.
 */
public final class EdgeEnrichment {

    /** Counts of one tile. */
    public record TileCounts(long candidates, long plantedCandidates, long kept, long plantedKept) {
    }

    /**
     * @param candidates        valid candidate pairs scored
     * @param plantedCandidates of which planted
     * @param kept              candidates kept (score above 0.5)
     * @param plantedKept       of which planted
     * @param enrichment        the ratio above (NaN when nothing was kept or nothing is planted)
     * @param low               2.5% bootstrap quantile
     * @param high              97.5% bootstrap quantile
     * @param tiles             tiles counted
     */
    public record Result(long candidates, long plantedCandidates, long kept, long plantedKept, double enrichment,
                         double low, double high, int tiles) {

        public double keepShare() {
            return candidates == 0 ? Double.NaN : (double) kept / candidates;
        }

        public double plantedShare() {
            return candidates == 0 ? Double.NaN : (double) plantedCandidates / candidates;
        }
    }

    public static final int RESAMPLES = 1000;

    private final List<TileCounts> tiles = new ArrayList<>();
    private long candidates;
    private long plantedCandidates;
    private long kept;
    private long plantedKept;

    /** Counts one candidate of the current tile. */
    public void add(boolean planted, boolean keptPair) {
        candidates++;
        if (planted) {
            plantedCandidates++;
        }
        if (keptPair) {
            kept++;
            if (planted) {
                plantedKept++;
            }
        }
    }

    /** Closes the current tile. */
    public void endTile() {
        if (candidates > 0) {
            tiles.add(new TileCounts(candidates, plantedCandidates, kept, plantedKept));
        }
        candidates = 0;
        plantedCandidates = 0;
        kept = 0;
        plantedKept = 0;
    }

    public Result result(long seed) {
        endTile();
        return of(tiles, RESAMPLES, seed);
    }

    /** The enrichment of some tiles, with its tile bootstrap interval. */
    public static Result of(List<TileCounts> tiles, int resamples, long seed) {
        long[] sum = sum(tiles, null);
        double point = ratio(sum);
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (!tiles.isEmpty() && !Double.isNaN(point)) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] boot = new double[resamples];
            int[] pick = new int[tiles.size()];
            int valid = 0;
            for (int b = 0; b < resamples; b++) {
                for (int i = 0; i < pick.length; i++) {
                    pick[i] = r.nextInt(tiles.size());
                }
                double v = ratio(sum(tiles, pick));
                if (!Double.isNaN(v)) {
                    boot[valid++] = v;
                }
            }
            double[] sorted = java.util.Arrays.copyOf(boot, valid);
            java.util.Arrays.sort(sorted);
            if (valid > 0) {
                lo = quantile(sorted, 0.025);
                hi = quantile(sorted, 0.975);
            }
        }
        return new Result(sum[0], sum[1], sum[2], sum[3], point, lo, hi, tiles.size());
    }

    private static long[] sum(List<TileCounts> tiles, int[] pick) {
        long[] s = new long[4];
        int n = pick == null ? tiles.size() : pick.length;
        for (int i = 0; i < n; i++) {
            TileCounts t = tiles.get(pick == null ? i : pick[i]);
            s[0] += t.candidates();
            s[1] += t.plantedCandidates();
            s[2] += t.kept();
            s[3] += t.plantedKept();
        }
        return s;
    }

    private static double ratio(long[] s) {
        if (s[0] == 0 || s[1] == 0 || s[2] == 0) {
            return Double.NaN;
        }
        return ((double) s[3] / s[2]) / ((double) s[1] / s[0]);
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
