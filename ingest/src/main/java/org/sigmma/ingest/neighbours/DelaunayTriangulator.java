package org.sigmma.ingest.neighbours;

import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * Delaunay triangulation of planar points by a radial sweep hull (Sinclair's s-hull, in the array layout of
 * Mapbox's delaunator), with exact predicates.
 *
 * <p>Points are inserted in order of distance from the circumcentre of a small seed triangle, so each new
 * point lies outside the current convex hull and is joined to the hull edges it sees; Lawson flips then
 * restore the empty-circumcircle property. A point that rounding in that order leaves inside the hull is set
 * aside and inserted afterwards by walking to the triangle that holds it and splitting it, so the result is a
 * Delaunay triangulation whatever the order. Cocircular points are not flipped (the in-circle test must be
 * strictly positive), so a lattice gets one of its valid triangulations, always the same one.
 *
 * <p>Coincident points are triangulated once: {@link #site} maps every point to the representative of its
 * group. When the distinct points are fewer than three or all collinear there are no triangles and
 * {@link #path} lists the distinct points along the line.
 *
 * <p>Triangles are stored clockwise as vertex triples in {@link #triangles}; {@link #halfedges}{@code [e]} is
 * the opposite half-edge of {@code e} in the adjacent triangle, or -1 on the hull.
 */
final class DelaunayTriangulator {

    private final double[] x;
    private final double[] y;
    private final int n;
    private final Predicates predicates = new Predicates();
    private final DoubleConsumer progress;

    /** site[i]: the representative of the coincident-point group of i (i itself when i is unique). */
    final int[] site;
    /** True when some point shares its coordinates with another. */
    boolean hasDuplicates;
    /** Distinct points along the line when they are fewer than three or all collinear; else null. */
    int[] path;
    int[] triangles = new int[0];
    int[] halfedges = new int[0];
    int trianglesLen;
    /** Points inserted by location after the sweep (rounding left them inside the hull). */
    int deferredInsertions;

    private int[] hullPrev;
    private int[] hullNext;
    private int[] hullTri;
    private int[] hullHash;
    private int hashSize;
    private int hullStart;
    private double cx;
    private double cy;
    private int[] edgeStack = new int[256];
    /** Coordinates during the sweep, interleaved, indexed by rank in the sweep order. */
    private double[] coords;
    /** Ranks of the points that are not the representative of their coincident group. */
    private boolean[] skip;
    private int locateCounter;
    /** True while the hull lists are maintained (not during the deferred insertions). */
    private boolean sweeping;
    /** Hull flips whose reference was not at the edge's start vertex (diagnostics). */
    long hullScans;

    private DelaunayTriangulator(double[] x, double[] y, DoubleConsumer progress) {
        this.x = x;
        this.y = y;
        this.n = x.length;
        this.progress = progress;
        this.site = new int[n];
        for (int i = 0; i < n; i++) {
            site[i] = i;
        }
    }

    /** Triangulates; x and y must be finite and of equal length. */
    static DelaunayTriangulator triangulate(double[] x, double[] y, DoubleConsumer progress) {
        DelaunayTriangulator t = new DelaunayTriangulator(x, y, progress == null ? p -> { } : progress);
        t.run(null);
        return t;
    }

    /** Triangulates inserting points in the given order instead of the radial one (tests the fallback path). */
    static DelaunayTriangulator triangulateInOrder(double[] x, double[] y, int[] order) {
        DelaunayTriangulator t = new DelaunayTriangulator(x, y, p -> { });
        t.run(order);
        return t;
    }

    /** Number of exact (slow-path) predicate evaluations, for diagnostics. */
    long exactPredicateCalls() {
        return predicates.exactCalls;
    }

    /**
     * The Delaunay edges between sites, each once: pairs (out[0][j], out[1][j]). Sites are point indices;
     * coincident points appear only through their representative.
     */
    int[][] siteEdges() {
        if (path != null) {
            int m = Math.max(0, path.length - 1);
            int[] a = new int[m];
            int[] b = new int[m];
            for (int j = 0; j < m; j++) {
                a[j] = path[j];
                b[j] = path[j + 1];
            }
            return new int[][] {a, b};
        }
        int m = 0;
        for (int e = 0; e < trianglesLen; e++) {
            if (halfedges[e] < e) {
                m++;
            }
        }
        int[] a = new int[m];
        int[] b = new int[m];
        int j = 0;
        for (int e = 0; e < trianglesLen; e++) {
            if (halfedges[e] < e) {
                a[j] = triangles[e];
                b[j] = triangles[next(e)];
                j++;
            }
        }
        return new int[][] {a, b};
    }

    /**
     * The Delaunay edges between points, pairs (out[0][j], out[1][j]) in either orientation. Coincident points
     * count as one site: each group is joined into a clique at distance 0, and every member takes every
     * Delaunay edge of the site, so a duplicated cell is as connected as its twin.
     */
    int[][] pointEdges() {
        int[][] se = siteEdges();
        if (!hasDuplicates) {
            return se;
        }
        // members of each site, in CSR
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[site[i] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] members = new int[n];
        int[] cursor = Arrays.copyOf(offsets, n);
        for (int i = 0; i < n; i++) {
            members[cursor[site[i]]++] = i;
        }
        long m = 0;
        for (int j = 0; j < se[0].length; j++) {
            m += (long) (offsets[se[0][j] + 1] - offsets[se[0][j]]) * (offsets[se[1][j] + 1] - offsets[se[1][j]]);
        }
        for (int s = 0; s < n; s++) {
            long g = offsets[s + 1] - offsets[s];
            m += g * (g - 1) / 2;
        }
        if (m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("coincident points would give " + m + " edges");
        }
        int[] a = new int[(int) m];
        int[] b = new int[(int) m];
        int k = 0;
        for (int j = 0; j < se[0].length; j++) {
            int s = se[0][j], t = se[1][j];
            for (int u = offsets[s]; u < offsets[s + 1]; u++) {
                for (int v = offsets[t]; v < offsets[t + 1]; v++) {
                    a[k] = members[u];
                    b[k++] = members[v];
                }
            }
        }
        for (int s = 0; s < n; s++) {
            for (int u = offsets[s]; u < offsets[s + 1]; u++) {
                for (int v = u + 1; v < offsets[s + 1]; v++) {
                    a[k] = members[u];
                    b[k++] = members[v];
                }
            }
        }
        return new int[][] {a, b};
    }

    private void run(int[] forcedOrder) {
        if (n == 0) {
            path = new int[0];
            return;
        }
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            minY = Math.min(minY, y[i]);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double bx = minX / 2 + maxX / 2, by = minY / 2 + maxY / 2;

        int i0 = 0;
        double minDist = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double d = sq(x[i] - bx) + sq(y[i] - by);
            if (d < minDist) {
                i0 = i;
                minDist = d;
            }
        }
        int i1 = -1;
        minDist = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double d = sq(x[i] - x[i0]) + sq(y[i] - y[i0]);
            if (d < minDist && (x[i] != x[i0] || y[i] != y[i0])) {
                i1 = i;
                minDist = d;
            }
        }
        if (i1 < 0) {
            // every point coincides with i0
            for (int i = 0; i < n; i++) {
                site[i] = i0;
            }
            hasDuplicates = n > 1;
            path = new int[] {i0};
            return;
        }
        int i2 = -1;
        double minRadius = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double r = circumradius2(x[i0], y[i0], x[i1], y[i1], x[i], y[i]);
            if (r < minRadius && predicates.orient(x[i0], y[i0], x[i1], y[i1], x[i], y[i]) != 0) {
                i2 = i;
                minRadius = r;
            }
        }
        if (i2 < 0) {
            // rounding may call a thin triangle flat: take any exactly non-collinear point
            for (int i = 0; i < n && i2 < 0; i++) {
                if (predicates.orient(x[i0], y[i0], x[i1], y[i1], x[i], y[i]) != 0) {
                    i2 = i;
                }
            }
        }
        if (i2 < 0) {
            collinearPath();
            return;
        }
        if (predicates.orient(x[i0], y[i0], x[i1], y[i1], x[i2], y[i2]) > 0) {
            // triangles are kept clockwise
            int t = i1;
            i1 = i2;
            i2 = t;
        }
        double[] c = circumcentre(x[i0], y[i0], x[i1], y[i1], x[i2], y[i2]);
        cx = c[0];
        cy = c[1];
        if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
            // a needle-thin seed: any centre keeps the result correct, only slower
            cx = (x[i0] + x[i1] + x[i2]) / 3;
            cy = (y[i0] + y[i1] + y[i2]) / 3;
        }
        double[] dists = new double[n];
        for (int i = 0; i < n; i++) {
            dists[i] = sq(x[i] - cx) + sq(y[i] - cy);
        }
        int[] ids = sortByDistance(dists);
        progress.accept(0.1);
        markDuplicates(ids, dists, i0, i1, i2);

        int maxTriangles = Math.max(2 * n - 5, 1);
        triangles = new int[maxTriangles * 3];
        halfedges = new int[maxTriangles * 3];
        hullPrev = new int[n];
        hullNext = new int[n];
        hullTri = new int[n];
        hashSize = (int) Math.ceil(Math.sqrt(n));
        hullHash = new int[hashSize];
        // renumber points in sweep order: the points that the sweep front touches together were inserted
        // close in time, so they now sit close in memory
        int[] rank = new int[n];
        coords = new double[2 * n];
        skip = new boolean[n];
        for (int k = 0; k < n; k++) {
            int i = ids[k];
            rank[i] = k;
            coords[2 * k] = x[i];
            coords[2 * k + 1] = y[i];
            skip[k] = site[i] != i;
        }
        int[] order = null;
        if (forcedOrder != null) {
            if (forcedOrder.length != n) {
                throw new IllegalArgumentException("order has " + forcedOrder.length + " points, expected " + n);
            }
            order = new int[n];
            for (int k = 0; k < order.length; k++) {
                order[k] = rank[forcedOrder[k]];
            }
        }
        sweep(order, rank[i0], rank[i1], rank[i2]);
        coords = null;
        skip = null;
        for (int e = 0; e < trianglesLen; e++) {
            triangles[e] = ids[triangles[e]];
        }
    }

    private void collinearPath() {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        // along a line the lexicographic order is the order along the line
        IndexSort.sort(ids, 0, n, (a, b) -> {
            int c = Double.compare(x[a] + 0.0, x[b] + 0.0); // + 0.0 makes -0.0 equal to 0.0
            if (c == 0) {
                c = Double.compare(y[a] + 0.0, y[b] + 0.0);
            }
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = ids[k];
            if (m > 0 && x[out[m - 1]] == x[i] && y[out[m - 1]] == y[i]) {
                site[i] = out[m - 1];
                hasDuplicates = true;
            } else {
                out[m++] = i;
            }
        }
        path = Arrays.copyOf(out, m);
    }

    /** Point ids by (distance, id), exactly. */
    private int[] sortByDistance(double[] dists) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // float order agrees with double order up to ties, repaired below
            keys[i] = ((long) Float.floatToRawIntBits((float) dists[i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] ids = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = (int) keys[k];
        }
        for (int k = 1; k < n; k++) {
            int id = ids[k];
            double d = dists[id];
            int j = k - 1;
            while (j >= 0 && (dists[ids[j]] > d || (dists[ids[j]] == d && ids[j] > id))) {
                ids[j + 1] = ids[j];
                j--;
            }
            ids[j + 1] = id;
        }
        return ids;
    }

    /** Coincident points have equal distances, so they sit in one run of the sorted order. */
    private void markDuplicates(int[] ids, double[] dists, int i0, int i1, int i2) {
        int k = 0;
        while (k < n) {
            int end = k + 1;
            while (end < n && dists[ids[end]] == dists[ids[k]]) {
                end++;
            }
            if (end - k > 1) {
                int[] run = Arrays.copyOfRange(ids, k, end);
                // seeds first within equal coordinates, so that they stay representatives
                IndexSort.sort(run, 0, run.length, (a, b) -> {
                    int c = Double.compare(x[a] + 0.0, x[b] + 0.0);
                    if (c == 0) {
                        c = Double.compare(y[a] + 0.0, y[b] + 0.0);
                    }
                    if (c == 0) {
                        c = Boolean.compare(!isSeed(a, i0, i1, i2), !isSeed(b, i0, i1, i2));
                    }
                    return c != 0 ? c : Integer.compare(a, b);
                });
                for (int j = 1; j < run.length; j++) {
                    int p = run[j], q = run[j - 1];
                    if (x[p] == x[q] && y[p] == y[q]) {
                        site[p] = site[q];
                        hasDuplicates = true;
                    }
                }
            }
            k = end;
        }
    }

    private static boolean isSeed(int i, int i0, int i1, int i2) {
        return i == i0 || i == i1 || i == i2;
    }

    /** Inserts the points in the given order of internal indices, or in index order when order is null. */
    private void sweep(int[] order, int i0, int i1, int i2) {
        hullStart = i0;
        hullNext[i0] = i1;
        hullPrev[i2] = i1;
        hullNext[i1] = i2;
        hullPrev[i0] = i2;
        hullNext[i2] = i0;
        hullPrev[i1] = i0;
        hullTri[i0] = 0;
        hullTri[i1] = 1;
        hullTri[i2] = 2;
        Arrays.fill(hullHash, -1);
        hullHash[hashKey(coords[2 * i0], coords[2 * i0 + 1])] = i0;
        hullHash[hashKey(coords[2 * i1], coords[2 * i1 + 1])] = i1;
        hullHash[hashKey(coords[2 * i2], coords[2 * i2 + 1])] = i2;
        trianglesLen = 0;
        addTriangle(i0, i1, i2, -1, -1, -1);
        sweeping = true;

        int[] deferred = new int[16];
        int nDeferred = 0;
        int reportEvery = Math.max(1 << 16, n / 50);
        for (int k = 0; k < n; k++) {
            if (k % reportEvery == 0 && k > 0) {
                progress.accept(0.1 + 0.8 * k / n);
            }
            int i = order == null ? k : order[k];
            if (skip[i] || i == i0 || i == i1 || i == i2) {
                continue;
            }
            double px = coords[2 * i], py = coords[2 * i + 1];

            // find a visible hull edge, starting near the point's angle from the centre
            int start = 0;
            int key = hashKey(px, py);
            for (int j = 0; j < hashSize; j++) {
                start = hullHash[(key + j) % hashSize];
                if (start != -1 && start != hullNext[start]) {
                    break;
                }
            }
            start = hullPrev[start];
            int e = start, q;
            while (true) {
                q = hullNext[e];
                if (predicates.orient(px, py, coords[2 * e], coords[2 * e + 1], coords[2 * q], coords[2 * q + 1]) > 0) {
                    break;
                }
                e = q;
                if (e == start) {
                    e = -1;
                    break;
                }
            }
            if (e == -1) {
                // inside or on the hull: rounding in the radial order; insert it by location later
                if (nDeferred == deferred.length) {
                    deferred = Arrays.copyOf(deferred, nDeferred * 2);
                }
                deferred[nDeferred++] = i;
                continue;
            }

            int t = addTriangle(e, i, hullNext[e], -1, -1, hullTri[e]);
            hullTri[i] = legalize(t + 2);
            hullTri[e] = t;

            // walk forward through the hull, adding triangles to every visible edge
            int nx = hullNext[e];
            while (true) {
                q = hullNext[nx];
                if (!(predicates.orient(px, py, coords[2 * nx], coords[2 * nx + 1], coords[2 * q], coords[2 * q + 1]) > 0)) {
                    break;
                }
                t = addTriangle(nx, i, q, hullTri[i], -1, hullTri[nx]);
                hullTri[i] = legalize(t + 2);
                hullNext[nx] = nx; // removed from the hull
                nx = q;
            }
            // and backward, when the first edge tried was already visible
            if (e == start) {
                while (true) {
                    q = hullPrev[e];
                    if (!(predicates.orient(px, py, coords[2 * q], coords[2 * q + 1], coords[2 * e], coords[2 * e + 1]) > 0)) {
                        break;
                    }
                    t = addTriangle(q, i, e, -1, hullTri[e], hullTri[q]);
                    legalize(t + 2);
                    hullTri[q] = t;
                    hullNext[e] = e;
                    e = q;
                }
            }
            hullStart = e;
            hullPrev[i] = e;
            hullNext[e] = i;
            hullPrev[nx] = i;
            hullNext[i] = nx;
            hullHash[hashKey(px, py)] = i;
            hullHash[hashKey(coords[2 * e], coords[2 * e + 1])] = e;
        }
        sweeping = false;
        int lastTriangle = trianglesLen / 3 - 1;
        for (int k = 0; k < nDeferred; k++) {
            lastTriangle = insertInside(deferred[k], lastTriangle);
        }
        deferredInsertions = nDeferred;
        progress.accept(0.9);
    }

    private int hashKey(double px, double py) {
        double dx = px - cx, dy = py - cy;
        double p = dx / (Math.abs(dx) + Math.abs(dy));
        double angle = (dy > 0 ? 3 - p : 1 + p) / 4; // a monotone stand-in for the angle, in [0, 1]
        int k = (int) Math.floor(angle * hashSize) % hashSize;
        return k < 0 ? 0 : k;
    }

    /** Flips edge a and its successors until they are locally Delaunay; returns the last edge checked. */
    private int legalize(int a) {
        int i = 0;
        int ar;
        while (true) {
            int b = halfedges[a];
            //           pl                    pl
            //          /||\                  /  \
            //       al/ || \bl            al/    \a
            //        /  ||  \              /      \
            //       /  a||b  \    flip    /___ar___\
            //     p0\   ||   /p1   =>   p0\---bl---/p1
            //        \  ||  /              \      /
            //       ar\ || /br             b\    /br
            //          \||/                  \  /
            //           pr                    pr
            int a0 = a - a % 3;
            ar = a0 + (a + 2) % 3;
            if (b == -1) {
                if (i == 0) {
                    break;
                }
                a = edgeStack[--i];
                continue;
            }
            int b0 = b - b % 3;
            int al = a0 + (a + 1) % 3;
            int bl = b0 + (b + 2) % 3;
            int p0 = triangles[ar];
            int pr = triangles[a];
            int pl = triangles[al];
            int p1 = triangles[bl];
            // clockwise triangles: p1 lies strictly inside the circle through p0, pr, pl when negative
            boolean illegal = predicates.inCircle(coords[2 * p0], coords[2 * p0 + 1], coords[2 * pr], coords[2 * pr + 1], coords[2 * pl], coords[2 * pl + 1], coords[2 * p1], coords[2 * p1 + 1]) < 0;
            if (illegal) {
                triangles[a] = p1;
                triangles[b] = p0;
                int hbl = halfedges[bl];
                if (hbl == -1 && sweeping) {
                    // the flip moved a hull edge to slot a: fix the hull's reference to it, which sits at the
                    // edge's start vertex (hullTri[e] runs from e to hullNext[e])
                    int e = triangles[bl];
                    if (hullTri[e] == bl) {
                        hullTri[e] = a;
                    } else {
                        hullScans++;
                        e = hullStart;
                        do {
                            if (hullTri[e] == bl) {
                                hullTri[e] = a;
                                break;
                            }
                            e = hullPrev[e];
                        } while (e != hullStart);
                    }
                }
                link(a, hbl);
                link(b, halfedges[ar]);
                link(ar, bl);
                int br = b0 + (b + 1) % 3;
                if (i == edgeStack.length) {
                    edgeStack = Arrays.copyOf(edgeStack, i * 2);
                }
                edgeStack[i++] = br;
            } else {
                if (i == 0) {
                    break;
                }
                a = edgeStack[--i];
            }
        }
        return ar;
    }

    // ---- insertion of a point that lies inside (or on the boundary of) the triangulation ----

    /** Inserts point p, searching from triangle startTri; returns a triangle next to p. */
    private int insertInside(int p, int startTri) {
        double px = coords[2 * p], py = coords[2 * p + 1];
        int t = locate(px, py, startTri);
        int base = 3 * t;
        int onEdge = -1;
        for (int j = 0; j < 3; j++) {
            int e = base + j;
            int a = triangles[e], b = triangles[next(e)];
            if (predicates.orient(coords[2 * a], coords[2 * a + 1], coords[2 * b], coords[2 * b + 1], px, py) == 0) {
                onEdge = e;
            }
        }
        if (onEdge < 0) {
            splitTriangle(base, p);
        } else if (halfedges[onEdge] == -1) {
            splitHullEdge(onEdge, p);
        } else {
            splitInteriorEdge(onEdge, p);
        }
        return trianglesLen / 3 - 1;
    }

    /** Visibility walk to a triangle that contains (px, py), boundary included. */
    private int locate(double px, double py, int startTri) {
        int t = startTri;
        int maxSteps = 4 * (trianglesLen / 3) + 16;
        walk:
        for (int step = 0; step < maxSteps; step++) {
            int rot = locateCounter++ % 3; // vary the edge order so that the walk cannot cycle
            for (int j = 0; j < 3; j++) {
                int e = 3 * t + (j + rot) % 3;
                int a = triangles[e], b = triangles[next(e)];
                if (predicates.orient(coords[2 * a], coords[2 * a + 1], coords[2 * b], coords[2 * b + 1], px, py) > 0) {
                    int h = halfedges[e];
                    if (h == -1) {
                        break walk;
                    }
                    t = h / 3;
                    continue walk;
                }
            }
            return t;
        }
        // not expected: scan every triangle
        for (int s = 0; s < trianglesLen / 3; s++) {
            boolean inside = true;
            for (int j = 0; j < 3 && inside; j++) {
                int e = 3 * s + j;
                int a = triangles[e], b = triangles[next(e)];
                inside = predicates.orient(coords[2 * a], coords[2 * a + 1], coords[2 * b], coords[2 * b + 1], px, py) <= 0;
            }
            if (inside) {
                return s;
            }
        }
        throw new IllegalStateException("Delaunay: point (" + px + ", " + py + ") lies outside the hull it was"
                + " found inside");
    }

    /** Splits triangle (a, b, c) at an interior point p into (a, b, p), (b, c, p), (c, a, p). */
    private void splitTriangle(int base, int p) {
        int c = triangles[base + 2];
        int b = triangles[base + 1];
        int a = triangles[base];
        int hbc = halfedges[base + 1];
        int hca = halfedges[base + 2];
        triangles[base + 2] = p;
        int t1 = addTriangle(b, c, p, hbc, -1, -1);
        int t2 = addTriangle(c, a, p, hca, -1, -1);
        link(base + 1, t1 + 2);
        link(base + 2, t2 + 1);
        link(t1 + 1, t2 + 2);
        legalize(base);
        legalize(t1);
        legalize(t2);
    }

    /** Splits the triangle on hull edge e = (a, b) at p on that edge into (a, p, c) and (p, b, c). */
    private void splitHullEdge(int e, int p) {
        int base = e - e % 3;
        int nxt = next(e), prv = prev(e);
        int a = triangles[e], b = triangles[nxt], c = triangles[prv];
        int hn = halfedges[nxt], hp = halfedges[prv];
        triangles[base] = a;
        triangles[base + 1] = p;
        triangles[base + 2] = c;
        halfedges[base] = -1;
        link(base + 2, hp);
        int t2 = addTriangle(p, b, c, -1, hn, -1);
        link(base + 1, t2 + 2);
        legalize(base + 2);
        legalize(t2 + 1);
    }

    /** Splits the two triangles on interior edge e = (a, b) at p on that edge into four. */
    private void splitInteriorEdge(int e, int p) {
        int f = halfedges[e];
        int base = e - e % 3, fBase = f - f % 3;
        int a = triangles[e], b = triangles[next(e)], c = triangles[prev(e)];
        int d = triangles[prev(f)];
        int hn = halfedges[next(e)], hp = halfedges[prev(e)];
        int hfn = halfedges[next(f)], hfp = halfedges[prev(f)];
        triangles[base] = a;
        triangles[base + 1] = p;
        triangles[base + 2] = c;
        triangles[fBase] = b;
        triangles[fBase + 1] = p;
        triangles[fBase + 2] = d;
        int t2 = addTriangle(p, b, c, -1, hn, -1);
        int u2 = addTriangle(p, a, d, -1, hfn, -1);
        link(base, u2);
        link(base + 1, t2 + 2);
        link(base + 2, hp);
        link(fBase, t2);
        link(fBase + 1, u2 + 2);
        link(fBase + 2, hfp);
        legalize(base + 2);
        legalize(t2 + 1);
        legalize(fBase + 2);
        legalize(u2 + 1);
    }

    // ---- half-edge structure ----

    private int addTriangle(int i0, int i1, int i2, int a, int b, int c) {
        int t = trianglesLen;
        triangles[t] = i0;
        triangles[t + 1] = i1;
        triangles[t + 2] = i2;
        link(t, a);
        link(t + 1, b);
        link(t + 2, c);
        trianglesLen += 3;
        return t;
    }

    private void link(int a, int b) {
        halfedges[a] = b;
        if (b != -1) {
            halfedges[b] = a;
        }
    }

    static int next(int e) {
        return e % 3 == 2 ? e - 2 : e + 1;
    }

    static int prev(int e) {
        return e % 3 == 0 ? e + 2 : e - 1;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double circumradius2(double ax, double ay, double bx, double by, double cx, double cy) {
        double dx = bx - ax, dy = by - ay, ex = cx - ax, ey = cy - ay;
        double bl = dx * dx + dy * dy, cl = ex * ex + ey * ey;
        double d = 0.5 / (dx * ey - dy * ex);
        double rx = (ey * bl - dy * cl) * d;
        double ry = (dx * cl - ex * bl) * d;
        double r = rx * rx + ry * ry;
        return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
    }

    private static double[] circumcentre(double ax, double ay, double bx, double by, double cx, double cy) {
        double dx = bx - ax, dy = by - ay, ex = cx - ax, ey = cy - ay;
        double bl = dx * dx + dy * dy, cl = ex * ex + ey * ey;
        double d = 0.5 / (dx * ey - dy * ex);
        return new double[] {ax + (ey * bl - dy * cl) * d, ay + (dx * cl - ex * bl) * d};
    }
}
