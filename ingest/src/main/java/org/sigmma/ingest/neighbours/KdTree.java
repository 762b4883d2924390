package org.sigmma.ingest.neighbours;

import java.util.Arrays;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

/**
 * A 2-d tree over points, built by median splits across the wider side of each node's box, with the
 * coordinates stored in tree order so that a leaf is contiguous in memory. Queries run in parallel over
 * blocks of points in tree order (neighbours in space are neighbours in memory); each query's answer depends
 * only on the input, so results do not depend on scheduling. Work runs in the caller's fork-join pool
 * (the common pool unless the caller runs inside another), so a caller bounds the threads by
 * running the build in a {@code ForkJoinPool} of its own.
 *
 * <p>Distances are compared squared, {@code dx*dx + dy*dy} in double; ties break towards the lower index.
 */
final class KdTree {

    private static final int LEAF = 8;
    private static final int BLOCK = 2048;
    private static final int PARALLEL_BUILD = 1 << 15;

    private final int n;
    /** Tree position to point index. */
    private final int[] perm;
    /** Coordinates in tree order, interleaved (x at 2i, y at 2i + 1): one cache line per point. */
    private final double[] xy;
    /** Split coordinate and axis (0 = x, 1 = y) of inner node h (root 1, children 2h and 2h + 1). */
    private final double[] split;
    private final byte[] axis;

    KdTree(double[] x, double[] y) {
        n = x.length;
        xy = new double[2 * n];
        perm = new int[n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = x[i];
            xy[2 * i + 1] = y[i];
            perm[i] = i;
        }
        int depth = 0;
        while ((n + (1 << depth) - 1) >> depth > LEAF) {
            depth++;
        }
        split = new double[1 << (depth + 1)];
        axis = new byte[1 << (depth + 1)];
        if (n > LEAF) {
            // invoke() in the caller: forks go to the caller's pool (the common pool, or the pool
            // a caller runs the build in to bound its threads)
            new Build(1, 0, n).invoke();
        }
    }

    private final class Build extends RecursiveAction {
        private final int node, lo, hi;

        Build(int node, int lo, int hi) {
            this.node = node;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            build(node, lo, hi);
        }

        private void build(int h, int from, int to) {
            if (to - from <= LEAF) {
                return;
            }
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                minX = Math.min(minX, xy[2 * i]);
                maxX = Math.max(maxX, xy[2 * i]);
                minY = Math.min(minY, xy[2 * i + 1]);
                maxY = Math.max(maxY, xy[2 * i + 1]);
            }
            byte ax = (byte) (maxY - minY > maxX - minX ? 1 : 0);
            int mid = (from + to) >>> 1;
            select(ax, from, to - 1, mid);
            axis[h] = ax;
            split[h] = xy[2 * mid + ax];
            if (to - from >= PARALLEL_BUILD) {
                invokeAll(new Build(2 * h, from, mid), new Build(2 * h + 1, mid, to));
            } else {
                build(2 * h, from, mid);
                build(2 * h + 1, mid, to);
            }
        }
    }

    /** Rearranges [lo, hi] so that coordinate ax of k is in sorted position, smaller-or-equal before it. */
    private void select(int ax, int lo, int hi, int k) {
        double[] c = xy;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot
            if (c[2 * mid + ax] < c[2 * lo + ax]) {
                swap(mid, lo);
            }
            if (c[2 * hi + ax] < c[2 * lo + ax]) {
                swap(hi, lo);
            }
            if (c[2 * hi + ax] < c[2 * mid + ax]) {
                swap(hi, mid);
            }
            double pivot = c[2 * mid + ax];
            int i = lo, j = hi;
            while (i <= j) {
                while (c[2 * i + ax] < pivot) {
                    i++;
                }
                while (c[2 * j + ax] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private void swap(int i, int j) {
        double t = xy[2 * i];
        xy[2 * i] = xy[2 * j];
        xy[2 * j] = t;
        t = xy[2 * i + 1];
        xy[2 * i + 1] = xy[2 * j + 1];
        xy[2 * j + 1] = t;
        int p = perm[i];
        perm[i] = perm[j];
        perm[j] = p;
    }

    /**
     * The k nearest other points of every point, nearest first, ties to the lower index: row i of the result
     * is {@code out[i*k .. i*k + k)}. Coincident points are neighbours at distance 0. k must be below n.
     */
    int[] knn(int k, DoubleConsumer progress) {
        int[] out = new int[Math.multiplyExact(n, k)];
        if (k == 0) {
            return out;
        }
        int nBlocks = (n + BLOCK - 1) / BLOCK;
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, nBlocks).parallel().forEach(blk -> {
            KnnQuery q = new KnnQuery(k);
            int to = Math.min(n, (blk + 1) * BLOCK);
            for (int r = blk * BLOCK; r < to; r++) {
                q.run(r);
                int row = perm[r] * k;
                System.arraycopy(q.bestId, 0, out, row, k);
            }
            progress.accept((double) done.incrementAndGet() / nBlocks);
        });
        return out;
    }

    private final class KnnQuery {
        final int k;
        final double[] bestD;
        final int[] bestId;
        int count;
        double qx, qy;
        int self;

        KnnQuery(int k) {
            this.k = k;
            bestD = new double[k];
            bestId = new int[k];
        }

        void run(int r) {
            qx = xy[2 * r];
            qy = xy[2 * r + 1];
            self = perm[r];
            count = 0;
            search(1, 0, n, 0, 0, 0);
        }

        private double worst() {
            return count < k ? Double.POSITIVE_INFINITY : bestD[k - 1];
        }

        /**
         * rd is the squared distance from the query to the node's box, ox and oy its parts along x and y
         * (Arya and Mount's incremental distance): a far child is skipped when its box, not just its
         * splitting line, lies beyond the k-th distance.
         */
        private void search(int h, int from, int to, double rd, double ox, double oy) {
            if (to - from <= LEAF) {
                double[] c = xy;
                for (int j = from; j < to; j++) {
                    double dx = c[2 * j] - qx, dy = c[2 * j + 1] - qy;
                    double d = dx * dx + dy * dy;
                    if (d <= worst()) {
                        int id = perm[j];
                        if (id != self) {
                            offer(d, id);
                        }
                    }
                }
                return;
            }
            int mid = (from + to) >>> 1;
            boolean alongX = axis[h] == 0;
            double diff = (alongX ? qx : qy) - split[h];
            double far = rd - (alongX ? ox * ox : oy * oy) + diff * diff;
            // <= keeps boxes at exactly the k-th distance: they may hold a tie with a lower index
            if (diff < 0) {
                search(2 * h, from, mid, rd, ox, oy);
                if (far <= worst()) {
                    search(2 * h + 1, mid, to, far, alongX ? diff : ox, alongX ? oy : diff);
                }
            } else {
                search(2 * h + 1, mid, to, rd, ox, oy);
                if (far <= worst()) {
                    search(2 * h, from, mid, far, alongX ? diff : ox, alongX ? oy : diff);
                }
            }
        }

        private void offer(double d, int id) {
            if (count == k) {
                double wd = bestD[k - 1];
                if (d > wd || (d == wd && id > bestId[k - 1])) {
                    return;
                }
            } else {
                count++;
            }
            int j = count - 1;
            while (j > 0 && (bestD[j - 1] > d || (bestD[j - 1] == d && bestId[j - 1] > id))) {
                bestD[j] = bestD[j - 1];
                bestId[j] = bestId[j - 1];
                j--;
            }
            bestD[j] = d;
            bestId[j] = id;
        }
    }

    /**
     * All pairs (i, j), i &lt; j, with squared distance at most r*r: {@code result[0][m], result[1][m]}, in no
     * particular order.
     */
    int[][] withinRadius(double r, DoubleConsumer progress) {
        int nBlocks = (n + BLOCK - 1) / BLOCK;
        int[][][] parts = new int[nBlocks][][];
        AtomicInteger done = new AtomicInteger();
        double r2 = r * r;
        IntStream.range(0, nBlocks).parallel().forEach(blk -> {
            RangeQuery q = new RangeQuery(r2);
            int to = Math.min(n, (blk + 1) * BLOCK);
            for (int p = blk * BLOCK; p < to; p++) {
                q.run(p);
            }
            parts[blk] = new int[][] {Arrays.copyOf(q.a, q.m), Arrays.copyOf(q.b, q.m)};
            progress.accept((double) done.incrementAndGet() / nBlocks);
        });
        int total = 0;
        for (int[][] part : parts) {
            total = Math.addExact(total, part[0].length);
        }
        int[] a = new int[total];
        int[] b = new int[total];
        int at = 0;
        for (int[][] part : parts) {
            System.arraycopy(part[0], 0, a, at, part[0].length);
            System.arraycopy(part[1], 0, b, at, part[1].length);
            at += part[0].length;
        }
        return new int[][] {a, b};
    }

    private final class RangeQuery {
        final double r2;
        int[] a = new int[1024];
        int[] b = new int[1024];
        int m;
        double qx, qy;
        int self;

        RangeQuery(double r2) {
            this.r2 = r2;
        }

        void run(int p) {
            qx = xy[2 * p];
            qy = xy[2 * p + 1];
            self = perm[p];
            search(1, 0, n);
        }

        private void search(int h, int from, int to) {
            if (to - from <= LEAF) {
                for (int j = from; j < to; j++) {
                    int id = perm[j];
                    if (id <= self) {
                        continue;
                    }
                    double dx = xy[2 * j] - qx, dy = xy[2 * j + 1] - qy;
                    if (dx * dx + dy * dy <= r2) {
                        if (m == a.length) {
                            a = Arrays.copyOf(a, m * 2);
                            b = Arrays.copyOf(b, m * 2);
                        }
                        a[m] = self;
                        b[m] = id;
                        m++;
                    }
                }
                return;
            }
            int mid = (from + to) >>> 1;
            double diff = (axis[h] == 0 ? qx : qy) - split[h];
            if (diff <= 0 || diff * diff <= r2) {
                search(2 * h, from, mid);
            }
            if (diff >= 0 || diff * diff <= r2) {
                search(2 * h + 1, mid, to);
            }
        }
    }
}
