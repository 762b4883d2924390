package org.sigmma.ingest.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The triangulation itself, checked against exact (BigDecimal) geometry. */
class DelaunayTriangulatorTest {

    /**
     * Checks a triangulation: clockwise non-degenerate triangles, symmetric half-edges, every distinct point a
     * vertex, areas summing to the hull's, 2n - 2 - h triangles, and the empty-circumcircle property (by brute
     * force over all points when bruteForce, else on every interior edge, which is equivalent).
     */
    static void assertDelaunay(double[] x, double[] y, DelaunayTriangulator t, boolean bruteForce) {
        assertNull(t.path, "expected triangles, got a path");
        int[] tri = t.triangles;
        int[] he = t.halfedges;
        int nt = t.trianglesLen / 3;
        Set<Integer> sites = new HashSet<>();
        for (int i = 0; i < x.length; i++) {
            sites.add(t.site[i]);
            assertEquals(x[i], x[t.site[i]]);
            assertEquals(y[i], y[t.site[i]]);
        }
        Set<Integer> used = new HashSet<>();
        double area = 0;
        for (int s = 0; s < nt; s++) {
            int a = tri[3 * s], b = tri[3 * s + 1], c = tri[3 * s + 2];
            assertEquals(-1, ExactGeometry.orient(x[a], y[a], x[b], y[b], x[c], y[c]),
                    "triangle " + s + " is not strictly clockwise");
            area += Math.abs((x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a])) / 2;
            used.add(a);
            used.add(b);
            used.add(c);
        }
        assertEquals(sites, used, "every distinct point is a vertex, and only representatives are");
        for (int e = 0; e < 3 * nt; e++) {
            int o = he[e];
            if (o >= 0) {
                assertEquals(e, he[o]);
                assertEquals(tri[e], tri[DelaunayTriangulator.next(o)]);
                assertEquals(tri[o], tri[DelaunayTriangulator.next(e)]);
            }
        }
        double hullArea = ExactGeometry.hullArea(x, y);
        assertEquals(hullArea, area, 1e-9 * hullArea, "triangles cover the hull exactly once");
        int h = ExactGeometry.hullBoundaryCount(x, y);
        assertEquals(2 * sites.size() - 2 - h, nt, "Euler: 2n - 2 - h triangles");
        if (bruteForce) {
            for (int s = 0; s < nt; s++) {
                int a = tri[3 * s], b = tri[3 * s + 1], c = tri[3 * s + 2];
                for (int d : sites) {
                    if (d != a && d != b && d != c) {
                        assertTrue(ExactGeometry.inCircumcircle(x, y, a, b, c, d) <= 0,
                                "point " + d + " lies inside the circumcircle of " + a + " " + b + " " + c);
                    }
                }
            }
        } else {
            for (int e = 0; e < 3 * nt; e++) {
                int o = he[e];
                if (o > e) {
                    int s = e / 3;
                    int d = tri[DelaunayTriangulator.prev(o)];
                    assertTrue(ExactGeometry.inCircumcircle(x, y, tri[3 * s], tri[3 * s + 1], tri[3 * s + 2], d) <= 0,
                            "edge " + e + " is not locally Delaunay");
                }
            }
        }
    }

    @Test
    void randomPointsHaveEmptyCircumcircles() {
        for (long seed = 1; seed <= 4; seed++) {
            double[][] p = ExactGeometry.uniform(150, seed, 100);
            DelaunayTriangulator t = DelaunayTriangulator.triangulate(p[0], p[1], null);
            assertDelaunay(p[0], p[1], t, true);
            assertEquals(0, t.deferredInsertions);
            assertEquals(0, t.hullScans);
        }
    }

    @Test
    void clusteredFloatPointsAreLocallyDelaunay() {
        double[][] p = ExactGeometry.clustered(20_000, 7);
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(p[0], p[1], null);
        assertDelaunay(p[0], p[1], t, false);
    }

    @Test
    void integerLatticeIsTriangulated() {
        double[][] p = ExactGeometry.lattice(20, 20, 1.0, 3);
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(p[0], p[1], null);
        assertDelaunay(p[0], p[1], t, true);
        assertEquals(2 * 19 * 19, t.trianglesLen / 3);
        assertEquals(19 * 20 * 2 + 19 * 19, t.siteEdges()[0].length);
    }

    @Test
    void latticeWithInexactSpacingIsTriangulated() {
        // 0.1 is not a binary fraction: differences are inexact and cocircular tests need BigDecimal
        double[][] p = ExactGeometry.lattice(15, 15, 0.1, 5);
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(p[0], p[1], null);
        assertDelaunay(p[0], p[1], t, true);
        assertTrue(t.exactPredicateCalls() > 0, "a cocircular lattice must reach the exact predicates");
    }

    @Test
    void hexagonalLatticeIsTriangulated() {
        int cols = 14, rows = 14;
        double[] x = new double[cols * rows], y = new double[cols * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x[r * cols + c] = (float) (10 * c + 5 * (r % 2));
                y[r * cols + c] = (float) (r * 10 * Math.sqrt(3) / 2);
            }
        }
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(x, y, null);
        assertDelaunay(x, y, t, true);
    }

    @Test
    void cocircularPointsWithCentre() {
        // the 12 integer points on the circle of radius 5, and its centre
        double[] x = {5, -5, 0, 0, 3, -3, 3, -3, 4, -4, 4, -4, 0};
        double[] y = {0, 0, 5, -5, 4, 4, -4, -4, 3, 3, -3, -3, 0};
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(x, y, null);
        assertDelaunay(x, y, t, true);
        double[] x2 = java.util.Arrays.copyOf(x, 12), y2 = java.util.Arrays.copyOf(y, 12);
        assertDelaunay(x2, y2, DelaunayTriangulator.triangulate(x2, y2, null), true);
    }

    @Test
    void pointsOnACircleAreTriangulated() {
        // all points on the hull, all nearly cocircular: flips keep reaching the hull
        java.util.Random r = new java.util.Random(4);
        int n = 3000;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble() * 2 * Math.PI;
            x[i] = 1000 * Math.cos(a);
            y[i] = 1000 * Math.sin(a);
        }
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(x, y, null);
        assertDelaunay(x, y, t, false);
        assertEquals(0, t.hullScans, "hull references are found at the edge's start vertex");
    }

    @Test
    void anyInsertionOrderGivesADelaunayTriangulation() {
        // a random order leaves most points inside the hull: the locate-and-split path inserts them
        double[][] p = ExactGeometry.uniform(300, 11, 50);
        DelaunayTriangulator t = DelaunayTriangulator.triangulateInOrder(p[0], p[1], ExactGeometry.shuffled(300, 2));
        assertTrue(t.deferredInsertions > 100, "expected many deferred points, got " + t.deferredInsertions);
        assertDelaunay(p[0], p[1], t, true);

        // on a lattice, deferred points fall on edges, interior and hull
        double[][] q = ExactGeometry.lattice(12, 12, 1.0, 9);
        DelaunayTriangulator u = DelaunayTriangulator.triangulateInOrder(q[0], q[1], ExactGeometry.shuffled(144, 4));
        assertTrue(u.deferredInsertions > 20);
        assertDelaunay(q[0], q[1], u, true);
    }

    @Test
    void duplicatesAreTriangulatedOnce() {
        double[][] p = ExactGeometry.uniform(100, 21, 10);
        int n = 130;
        double[] x = java.util.Arrays.copyOf(p[0], n), y = java.util.Arrays.copyOf(p[1], n);
        for (int i = 100; i < n; i++) {
            int src = (i * 7) % 20; // some points get two or three copies
            x[i] = x[src];
            y[i] = y[src];
        }
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(x, y, null);
        assertTrue(t.hasDuplicates);
        assertDelaunay(x, y, t, true);
        for (int i = 100; i < n; i++) {
            assertEquals(t.site[(i * 7) % 20], t.site[i]);
        }
    }

    @Test
    void collinearPointsGiveThePath() {
        int n = 50;
        int[] order = ExactGeometry.shuffled(n, 8);
        double[] x = new double[n + 1], y = new double[n + 1];
        for (int i = 0; i < n; i++) {
            x[i] = order[i];
            y[i] = 3.0 * order[i] - 2;
        }
        x[n] = x[5];
        y[n] = y[5];
        DelaunayTriangulator t = DelaunayTriangulator.triangulate(x, y, null);
        assertNotNull(t.path);
        assertEquals(n, t.path.length);
        for (int k = 0; k < n; k++) {
            assertEquals(k, x[t.path[k]]);
        }
        assertEquals(t.site[5], t.site[n]);
    }

    @Test
    void tinyInputs() {
        assertEquals(0, DelaunayTriangulator.triangulate(new double[0], new double[0], null).siteEdges()[0].length);
        assertEquals(0, DelaunayTriangulator.triangulate(new double[] {1}, new double[] {2}, null).siteEdges()[0].length);
        int[][] two = DelaunayTriangulator.triangulate(new double[] {1, 3}, new double[] {2, 2}, null).siteEdges();
        assertArrayEquals(new int[] {0}, two[0]);
        assertArrayEquals(new int[] {1}, two[1]);
        DelaunayTriangulator same = DelaunayTriangulator.triangulate(new double[] {1, 1, 1}, new double[] {2, 2, 2}, null);
        assertArrayEquals(new int[] {0, 0, 0}, same.site);
        DelaunayTriangulator tri = DelaunayTriangulator.triangulate(new double[] {0, 1, 0}, new double[] {0, 0, 1}, null);
        assertEquals(1, tri.trianglesLen / 3);
        assertEquals(3, tri.siteEdges()[0].length);
    }
}
