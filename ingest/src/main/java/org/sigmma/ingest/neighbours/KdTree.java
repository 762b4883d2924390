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
    private final double[] px;
    private final double[] py;
    /** Split coordinate and axis (0 = x, 1 = y) of inner node h (root 1, children 2h and 2h + 1). */
    private final double[] split;
    private final byte[] axis;

    KdTree(double[] x, double[] y) {
        n = x.length;
        px = x.clone();
        py = y.clone();
        perm = new int[n];
        for (int i = 0; i < n; i++) {
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
                minX = Math.min(minX, px[i]);
                maxX = Math.max(maxX, px[i]);
                minY = Math.min(minY, py[i]);
                maxY = Math.max(maxY, py[i]);
            }
            byte ax = (byte) (maxY - minY > maxX - minX ? 1 : 0);
            int mid = (from + to) >>> 1;
            select(ax == 0 ? px : py, from, to - 1, mid);
            axis[h] = ax;
            split[h] = ax == 0 ? px[mid] : py[mid];
            if (to - from >= PARALLEL_BUILD) {
                invokeAll(new Build(2 * h, from, mid), new Build(2 * h + 1, mid, to));
            } else {
                build(2 * h, from, mid);
                build(2 * h + 1, mid, to);
            }
        }
    }

    /** Rearranges [lo, hi] so that key[k] is in sorted position, smaller-or-equal keys before it. */
    private void select(double[] key, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot
            if (key[mid] < key[lo]) {
                swap(mid, lo);
            }
            if (key[hi] < key[lo]) {
                swap(hi, lo);
            }
            if (key[hi] < key[mid]) {
                swap(hi, mid);
            }
            double pivot = key[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (key[i] < pivot) {
                    i++;
                }
                while (key[j] > pivot) {
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
        double t = px[i];
        px[i] = px[j];
        px[j] = t;
        t = py[i];
        py[i] = py[j];
        py[j] = t;
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
            qx = px[r];
            qy = py[r];
            self = perm[r];
            count = 0;
            search(1, 0, n);
        }

        private double worst() {
            return count < k ? Double.POSITIVE_INFINITY : bestD[k - 1];
        }

        private void search(int h, int from, int to) {
            if (to - from <= LEAF) {
                for (int j = from; j < to; j++) {
                    int id = perm[j];
                    if (id == self) {
                        continue;
                    }
                    double dx = px[j] - qx, dy = py[j] - qy;
                    offer(dx * dx + dy * dy, id);
                }
                return;
            }
            int mid = (from + to) >>> 1;
            double diff = (axis[h] == 0 ? qx : qy) - split[h];
            // <= keeps boxes at exactly the k-th distance: they may hold a tie with a lower index
            if (diff < 0) {
                search(2 * h, from, mid);
                if (diff * diff <= worst()) {
                    search(2 * h + 1, mid, to);
                }
            } else {
                search(2 * h + 1, mid, to);
                if (diff * diff <= worst()) {
                    search(2 * h, from, mid);
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
            qx = px[p];
            qy = py[p];
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
                    double dx = px[j] - qx, dy = py[j] - qy;
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
