package org.sigmma.model.spatial;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sigmma.math.Bounds;

/**
 * Co-occurrence of clusters by distance, squidpy's {@code gr.co_occurrence}: for each threshold t_r (the interval's
 * values after the first) and each pair of clusters, the ratio p(i | c, within t_r) / p(i | within t_r).
 *
 * <p>Definition checked against scverse/squidpy {@code src/squidpy/gr/_ppatterns.py} (1.10, {@code _occur_count} and
 * {@code _co_occurrence_helper}): count ordered pairs of distinct cells (j != i, so coincident cells do count) with
 * squared distance &lt;= t_r^2, cumulatively ("within", not annular bins): N[a][b][r]. With R[c][r] = sum_a N[a][c][r]
 * and T[r] = sum_c R[c][r], p(i) = R[i][r] / T[r] (the share of pair ends in i, not of cells) and
 * occ[i][c][r] = (N[c][i][r] / R[c][r]) / p(i), 0 where p(i) or R[c][r] is 0. squidpy casts coordinates and the
 * interval to float32 and compiles with fastmath; here both are doubles (a pair exactly on a threshold may count on
 * the other side of it in squidpy). Older squidpy (before 1.10, {@code n_splits}) split large inputs into chunks of
 * about 2,048 cells, formed one ratio per pair of chunks and skipped pairs at distance 0; here the count is exact and
 * pooled over all pairs.
 *
 * <p>Algorithm: a uniform grid with square cells of side at least t_max, points bucketed by a counting sort; each
 * point scans the 3 x 3 block around its bucket, counts each unordered pair once (both ordered directions added) into
 * the first threshold it is within (found by a lower-bound search), and the bins are prefix-summed at the end. Time O(n + n m), m the mean number of
 * cells within t_max of a cell (O(n^2) only when t_max spans the section, as squidpy's default interval does); memory
 * O(n) plus k^2 (|interval| - 1) longs per thread, never n^2. Partial counts are exact integers, so the result does
 * not depend on the thread count.
 */
public final class CoOccurrence {

    private final double[] x;
    private final double[] y;
    private final ClusterCodes codes;
    private final CoOccurrenceParameters p;

    private CoOccurrence(double[] x, double[] y, ClusterCodes codes, CoOccurrenceParameters p) {
        this.x = x;
        this.y = y;
        this.codes = codes;
        this.p = p;
    }

    /** @param x, y cell coordinates in um; labels one cluster id per cell (at least two distinct values) */
    public static CoOccurrence of(double[] x, double[] y, int[] labels, CoOccurrenceParameters p) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(p, "parameters");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x (" + x.length + ") and y (" + y.length + ") must have one entry per cell");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("cell " + i + " has a non-finite coordinate (" + x[i] + ", " + y[i] + ")");
            }
        }
        return new CoOccurrence(x, y, ClusterCodes.of(labels, x.length, "coordinate list"), p);
    }

    /**
     * squidpy's default interval ({@code interval=num}, {@code _find_min_max}): linspace from the distance between the
     * two cells of smallest x + y to half the distance between the smallest and the largest x + y cell. (squidpy picks
     * the two smallest with {@code argpartition}, which leaves their order open; here the smallest comes first.)
     */
    public static double[] squidpyInterval(double[] x, double[] y, int num) {
        if (x.length < 2 || x.length != y.length) {
            throw new IllegalArgumentException("need at least 2 cells with x and y of equal length, found " + x.length
                    + " and " + y.length);
        }
        int min = -1, min2 = -1, max = 0;
        for (int i = 0; i < x.length; i++) {
            double s = x[i] + y[i];
            if (min < 0 || s < x[min] + y[min]) {
                min2 = min;
                min = i;
            } else if (min2 < 0 || s < x[min2] + y[min2]) {
                min2 = i;
            }
            if (s > x[max] + y[max]) {
                max = i;
            }
        }
        double tMax = Math.hypot(x[min] - x[max], y[min] - y[max]) / 2;
        double tMin = Math.hypot(x[min] - x[min2], y[min] - y[min2]);
        return CoOccurrenceParameters.linspace(tMin, tMax, num).interval();
    }

    public Result compute() {
        int n = x.length;
        int k = codes.k();
        double[] interval = p.interval();
        int nBins = interval.length - 1;
        double[] t2 = new double[nBins];
        for (int r = 0; r < nBins; r++) {
            t2[r] = interval[r + 1] * interval[r + 1];
        }
        double tMax = interval[nBins];
        double t2Max = t2[nBins - 1];

        Bounds box = Bounds.of(x, y);
        double minX = box.minX(), minY = box.minY();
        double spanX = Math.max(box.width(), 0), spanY = Math.max(box.height(), 0);
        // a bucket side of at least t_max keeps every pair within reach in the 3 x 3 block; a tiny t_max would ask for
        // more buckets than cells, so the side grows until there are at most about 2 n buckets (still correct)
        double side = Math.max(tMax, 1e-9);
        double minSide = Math.sqrt(Math.max(spanX * spanY, 1e-18) / Math.max(1, 2.0 * n));
        side = Math.max(side, minSide);
        int gx = (int) Math.min(1 << 20, Math.floor(spanX / side) + 1);
        int gy = (int) Math.min(1 << 20, Math.floor(spanY / side) + 1);
        while ((long) gx * gy > 4L * n + 16) {
            side *= 2;
            gx = (int) Math.floor(spanX / side) + 1;
            gy = (int) Math.floor(spanY / side) + 1;
        }
        final double s = side;
        final int fgx = gx, fgy = gy;
        final double fx = minX, fy = minY;
        int[] bucket = new int[n];
        int[] start = new int[gx * gy + 1];
        for (int i = 0; i < n; i++) {
            int bx = Math.min(gx - 1, (int) ((x[i] - fx) / s));
            int by = Math.min(gy - 1, (int) ((y[i] - fy) / s));
            bucket[i] = by * gx + bx;
            start[bucket[i] + 1]++;
        }
        for (int b = 0; b < gx * gy; b++) {
            start[b + 1] += start[b];
        }
        int[] order = new int[n];
        int[] cursor = Arrays.copyOf(start, gx * gy);
        for (int i = 0; i < n; i++) {
            order[cursor[bucket[i]]++] = i;
        }
        // bucket-ordered copies: the inner loop reads them sequentially
        double[] ox = new double[n], oy = new double[n];
        int[] ol = new int[n];
        for (int q = 0; q < n; q++) {
            ox[q] = x[order[q]];
            oy[q] = y[order[q]];
            ol[q] = codes.codes()[order[q]];
        }

        int rowsPerChunk = Math.max(1, 1024 / Math.max(1, gx));
        int nChunks = (gy + rowsPerChunk - 1) / rowsPerChunk;
        List<long[]> partials = Parallel.run(p.concurrency(), nChunks, chunks -> {
            long[] h = new long[k * k * nBins];
            for (int c = chunks.next(); c >= 0; c = chunks.next()) {
                int rowTo = Math.min(fgy, (c + 1) * rowsPerChunk);
                for (int by = c * rowsPerChunk; by < rowTo; by++) {
                    for (int bx = 0; bx < fgx; bx++) {
                        int b = by * fgx + bx;
                        for (int q = start[b]; q < start[b + 1]; q++) {
                            double xi = ox[q], yi = oy[q];
                            int li = ol[q];
                            // pairs inside the bucket once (q2 > q), and with the 4 "forward" buckets of the 3 x 3 block
                            scan(q + 1, start[b + 1], xi, yi, li, ox, oy, ol, t2, t2Max, k, nBins, h);
                            if (bx + 1 < fgx) {
                                scan(start[b + 1], start[b + 2], xi, yi, li, ox, oy, ol, t2, t2Max, k, nBins, h);
                            }
                            if (by + 1 < fgy) {
                                int b2 = b + fgx;
                                int from = bx > 0 ? start[b2 - 1] : start[b2];
                                int to = bx + 1 < fgx ? start[b2 + 2] : start[b2 + 1];
                                scan(from, to, xi, yi, li, ox, oy, ol, t2, t2Max, k, nBins, h);
                            }
                        }
                    }
                }
            }
            return h;
        });
        long[] hist = new long[k * k * nBins];
        for (long[] h : partials) {
            for (int i = 0; i < hist.length; i++) {
                hist[i] += h[i];
            }
        }
        // "within t_r" is cumulative over the bins
        long[][][] counts = new long[k][k][nBins];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                long acc = 0;
                for (int r = 0; r < nBins; r++) {
                    acc += hist[(a * k + b) * nBins + r];
                    counts[a][b][r] = acc;
                }
            }
        }
        double[][][] occ = new double[k][k][nBins];
        for (int r = 0; r < nBins; r++) {
            double[] rowSums = new double[k];
            double total = 0;
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < k; a++) {
                    rowSums[c] += counts[a][c][r];
                }
                total += rowSums[c];
            }
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < k; i++) {
                    double pi = total == 0 ? 0 : rowSums[i] / total;
                    if (pi != 0.0 && rowSums[c] != 0.0) {
                        occ[i][c][r] = (counts[c][i][r] / rowSums[c]) / pi;
                    }
                }
            }
        }
        return new Result(codes.clusters().clone(), interval, counts, occ);
    }

    private static void scan(int from, int to, double xi, double yi, int li, double[] ox, double[] oy, int[] ol,
                             double[] t2, double t2Max, int k, int nBins, long[] h) {
        for (int q = from; q < to; q++) {
            double dx = xi - ox[q], dy = yi - oy[q];
            double d2 = dx * dx + dy * dy;
            if (d2 <= t2Max) {
                // the first threshold the pair is within: linear for a few bins, a lower-bound search for many
                int r;
                if (nBins <= 8) {
                    r = 0;
                    while (d2 > t2[r]) {
                        r++;
                    }
                } else {
                    int lo = 0, hi = nBins - 1;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (d2 > t2[mid]) {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    r = lo;
                }
                int lj = ol[q];
                h[(li * k + lj) * nBins + r]++;
                h[(lj * k + li) * nBins + r]++;
            }
        }
    }

    /**
     * Co-occurrence of a clustering. Arrays are indexed in the order of {@code clusters}, and the last index is the
     * threshold {@code interval[r + 1]}.
     *
     * @param clusters the cluster ids, ascending
     * @param interval the distances (the thresholds are interval[1..])
     * @param counts   N[a][b][r]: ordered pairs of distinct cells, a then b, within interval[r + 1]
     * @param ratios   squidpy's occ[i][c][r] = p(i | c) / p(i) within interval[r + 1]
     */
    public record Result(int[] clusters, double[] interval, long[][][] counts, double[][][] ratios) {

        public int k() {
            return clusters.length;
        }

        public int thresholds() {
            return interval.length - 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(clusters, r.clusters) && Arrays.equals(interval, r.interval)
                    && Arrays.deepEquals(counts, r.counts) && Arrays.deepEquals(ratios, r.ratios);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(clusters) + Arrays.deepHashCode(counts);
        }

        @Override
        public String toString() {
            return "CoOccurrence.Result[k=" + k() + ", thresholds=" + thresholds() + "]";
        }
    }
}
