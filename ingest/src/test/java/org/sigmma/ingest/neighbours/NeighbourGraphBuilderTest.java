package org.sigmma.ingest.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The three methods against brute-force references, and the builder's contract. */
class NeighbourGraphBuilderTest {

    private static long key(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private static Set<Long> edgeSet(NeighbourGraph g) {
        Set<Long> s = new TreeSet<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            s.add(key(g.source()[e], g.target()[e]));
        }
        return s;
    }

    /** Delaunay edges by definition: edges of triangles whose circumcircle holds no other point. O(n^4). */
    private static Set<Long> bruteForceDelaunay(double[] x, double[] y) {
        int n = x.length;
        Set<Long> s = new HashSet<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int c = b + 1; c < n; c++) {
                    if (ExactGeometry.orient(x[a], y[a], x[b], y[b], x[c], y[c]) == 0) {
                        continue;
                    }
                    boolean empty = true;
                    for (int d = 0; d < n && empty; d++) {
                        empty = d == a || d == b || d == c || ExactGeometry.inCircumcircle(x, y, a, b, c, d) <= 0;
                    }
                    if (empty) {
                        s.add(key(a, b));
                        s.add(key(b, c));
                        s.add(key(a, c));
                    }
                }
            }
        }
        return s;
    }

    private static Set<Long> bruteForceKnn(double[] x, double[] y, int k) {
        int n = x.length;
        int kk = Math.min(k, n - 1);
        Set<Long> s = new HashSet<>();
        double[] bd = new double[kk];
        int[] bi = new int[kk];
        for (int i = 0; i < n; i++) {
            // insertion into a sorted top-k list, ordered by (distance, index)
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d = d2(x, y, i, j);
                if (m == kk && (d > bd[kk - 1] || (d == bd[kk - 1] && j > bi[kk - 1]))) {
                    continue;
                }
                int at = m < kk ? m++ : kk - 1;
                while (at > 0 && (bd[at - 1] > d || (bd[at - 1] == d && bi[at - 1] > j))) {
                    bd[at] = bd[at - 1];
                    bi[at] = bi[at - 1];
                    at--;
                }
                bd[at] = d;
                bi[at] = j;
            }
            for (int j = 0; j < m; j++) {
                s.add(key(i, bi[j]));
            }
        }
        return s;
    }

    private static Set<Long> bruteForceRadius(double[] x, double[] y, double r) {
        Set<Long> s = new HashSet<>();
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (d2(x, y, i, j) <= r * r) {
                    s.add(key(i, j));
                }
            }
        }
        return s;
    }

    private static double d2(double[] x, double[] y, int i, int j) {
        double dx = x[i] - x[j], dy = y[i] - y[j];
        return dx * dx + dy * dy;
    }

    private static void assertDistances(double[] x, double[] y, NeighbourGraph g) {
        for (int e = 0; e < g.edgeCount(); e++) {
            assertEquals((float) Math.hypot(x[g.source()[e]] - x[g.target()[e]], y[g.source()[e]] - y[g.target()[e]]),
                    g.distance()[e], 1e-6f * Math.max(1, g.distance()[e]));
        }
    }

    private static NeighbourGraph delaunay(double[] x, double[] y) {
        return NeighbourGraphBuilder.of(x, y).delaunay().maxEdgeLength(Double.POSITIVE_INFINITY).build();
    }

    // ---- Delaunay ----

    @Test
    void delaunayEqualsBruteForce() {
        for (long seed = 1; seed <= 3; seed++) {
            double[][] p = ExactGeometry.uniform(40, seed, 100);
            NeighbourGraph g = delaunay(p[0], p[1]);
            assertEquals(bruteForceDelaunay(p[0], p[1]), edgeSet(g));
            int h = ExactGeometry.hullBoundaryCount(p[0], p[1]);
            assertEquals(3 * 40 - 3 - h, g.edgeCount(), "3n - 3 - h edges in general position");
            assertDistances(p[0], p[1], g);
        }
    }

    @Test
    void delaunayEdgeCountOnLargerSets() {
        double[][] p = ExactGeometry.uniform(5000, 17, 700);
        NeighbourGraph g = delaunay(p[0], p[1]);
        assertEquals(3 * 5000 - 3 - ExactGeometry.hullBoundaryCount(p[0], p[1]), g.edgeCount());
    }

    @Test
    void delaunayDoesNotDependOnPointOrder() {
        double[][] p = ExactGeometry.uniform(2000, 5, 450);
        int n = 2000;
        int[] perm = ExactGeometry.shuffled(n, 6);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = p[0][perm[i]];
            y[i] = p[1][perm[i]];
        }
        Set<Long> mapped = new HashSet<>();
        NeighbourGraph g = delaunay(x, y);
        for (int e = 0; e < g.edgeCount(); e++) {
            mapped.add(key(perm[g.source()[e]], perm[g.target()[e]]));
        }
        assertEquals(edgeSet(delaunay(p[0], p[1])), mapped);
    }

    @Test
    void delaunayOnTinyInputs() {
        assertEquals(0, delaunay(new double[0], new double[0]).edgeCount());
        assertEquals(0, delaunay(new double[] {4}, new double[] {4}).edgeCount());
        NeighbourGraph two = delaunay(new double[] {0, 3}, new double[] {0, 4});
        assertArrayEquals(new int[] {0}, two.source());
        assertArrayEquals(new int[] {1}, two.target());
        assertEquals(5f, two.distance()[0]);
        NeighbourGraph same = delaunay(new double[] {2, 2}, new double[] {7, 7});
        assertEquals(1, same.edgeCount());
        assertEquals(0f, same.distance()[0]);
        assertEquals(3, delaunay(new double[] {0, 1, 0}, new double[] {0, 0, 1}).edgeCount());
        NeighbourGraph line = delaunay(new double[] {0, 2, 1}, new double[] {0, 2, 1});
        assertEquals(Set.of(key(0, 2), key(2, 1)), edgeSet(line));
        NeighbourGraph square = delaunay(new double[] {0, 1, 1, 0}, new double[] {0, 0, 1, 1});
        Set<Long> sq = edgeSet(square);
        assertEquals(5, sq.size());
        assertTrue(sq.containsAll(Set.of(key(0, 1), key(1, 2), key(2, 3), key(0, 3))));
        assertTrue(sq.contains(key(0, 2)) ^ sq.contains(key(1, 3)), "exactly one diagonal");
    }

    @Test
    void collinearPointsGiveThePathAlongTheLine() {
        int n = 30;
        int[] order = ExactGeometry.shuffled(n, 3);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 7;          // a vertical line
            y[i] = order[i] * 0.5;
        }
        NeighbourGraph g = delaunay(x, y);
        assertEquals(n - 1, g.edgeCount());
        for (int e = 0; e < g.edgeCount(); e++) {
            assertEquals(0.5f, g.distance()[e]);
        }
        int[] deg = g.degrees();
        assertEquals(2, Arrays.stream(deg).filter(d -> d == 1).count());
    }

    @Test
    void duplicatesFormCliquesAndShareTheirTwinsNeighbours() {
        double[][] p = ExactGeometry.uniform(80, 31, 60);
        int n = 95;
        double[] x = Arrays.copyOf(p[0], n), y = Arrays.copyOf(p[1], n);
        int[] twinOf = new int[n];
        for (int i = 0; i < n; i++) {
            twinOf[i] = i;
        }
        for (int i = 80; i < n; i++) {
            twinOf[i] = (i * 3) % 10; // points 0..9 get one or two copies
            x[i] = x[twinOf[i]];
            y[i] = y[twinOf[i]];
        }
        NeighbourGraph g = delaunay(x, y);
        Set<Long> base = edgeSet(delaunay(p[0], p[1]));
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (twinOf[i] == twinOf[j] || base.contains(key(twinOf[i], twinOf[j]))) {
                    expected.add(key(i, j));
                }
            }
        }
        assertEquals(expected, edgeSet(g));
        for (int e = 0; e < g.edgeCount(); e++) {
            if (twinOf[g.source()[e]] == twinOf[g.target()[e]]) {
                assertEquals(0f, g.distance()[e]);
            }
        }
    }

    @Test
    void latticeGraphHasTheLatticeEdgesAndOneDiagonalPerSquare() {
        double[][] p = ExactGeometry.lattice(25, 18, 10.0, 12);
        NeighbourGraph g = NeighbourGraphBuilder.of(p[0], p[1]).build(); // default prune 30 um keeps all
        int unit = 0, diag = 0;
        for (float d : g.distance()) {
            if (d == 10f) {
                unit++;
            } else if (d == (float) Math.sqrt(200)) {
                diag++;
            }
        }
        assertEquals(24 * 18 + 25 * 17, unit);
        assertEquals(24 * 17, diag);
        assertEquals(unit + diag, g.edgeCount());
    }

    @Test
    void pruningKeepsExactlyTheShortEdges() {
        double[][] p = ExactGeometry.clustered(3000, 4);
        NeighbourGraph all = delaunay(p[0], p[1]);
        NeighbourGraph def = NeighbourGraphBuilder.of(p[0], p[1]).build();
        assertEquals(30.0, NeighbourGraphBuilder.of(p[0], p[1]).effectiveMaxEdgeLength());
        assertTrue(def.edgeCount() < all.edgeCount(), "sparse clusters have edges over 30 um");
        assertEquals(all.pruned(30), def);
        for (float d : def.distance()) {
            assertTrue(d <= 30f);
        }
        NeighbourGraph knn = NeighbourGraphBuilder.of(p[0], p[1]).knn(5).maxEdgeLength(12.5).build();
        assertEquals(NeighbourGraphBuilder.of(p[0], p[1]).knn(5).build().pruned(12.5), knn);
        NeighbourGraph viaMethod = NeighbourGraphBuilder.of(p[0], p[1]).method(NeighbourMethod.DELAUNAY, 20).build();
        assertEquals(all.pruned(20), viaMethod);
    }

    @Test
    void buildsAreDeterministic() {
        double[][] p = ExactGeometry.clustered(20_000, 9);
        assertEquals(delaunay(p[0], p[1]), delaunay(p[0], p[1]));
        assertEquals(NeighbourGraphBuilder.of(p[0], p[1]).knn(6).build(),
                NeighbourGraphBuilder.of(p[0], p[1]).knn(6).build());
        assertEquals(NeighbourGraphBuilder.of(p[0], p[1]).radius(20).build(),
                NeighbourGraphBuilder.of(p[0], p[1]).radius(20).build());
    }

    // ---- kNN ----

    @Test
    void knnEqualsBruteForce() {
        double[][] p = ExactGeometry.uniform(400, 41, 100);
        for (int k : new int[] {1, 3, 6, 15}) {
            NeighbourGraph g = NeighbourGraphBuilder.of(p[0], p[1]).knn(k).build();
            assertEquals(bruteForceKnn(p[0], p[1], k), edgeSet(g), "k = " + k);
            assertDistances(p[0], p[1], g);
            for (int d : g.degrees()) {
                assertTrue(d >= k);
            }
        }
    }

    @Test
    void knnBreaksTiesTowardsTheLowerIndex() {
        // on a lattice each point has 4 neighbours at the same distance: k = 2, 3, 6 must cut ties
        double[][] p = ExactGeometry.lattice(13, 11, 2.5, 8);
        for (int k : new int[] {2, 3, 6}) {
            assertEquals(bruteForceKnn(p[0], p[1], k), edgeSet(NeighbourGraphBuilder.of(p[0], p[1]).knn(k).build()));
        }
    }

    @Test
    void knnOnManyPointsEqualsBruteForce() {
        // several parallel blocks, clustered float coordinates with coincident points
        double[][] p = ExactGeometry.clustered(3000, 13);
        for (int i = 0; i < 50; i++) {
            p[0][2900 + i] = p[0][i];
            p[1][2900 + i] = p[1][i];
        }
        NeighbourGraph g = NeighbourGraphBuilder.of(p[0], p[1]).knn(6).build();
        assertEquals(bruteForceKnn(p[0], p[1], 6), edgeSet(g));
        int i0 = Arrays.binarySearch(g.adjacency().neighbours(0), 2900);
        assertTrue(i0 >= 0, "a coincident point is a nearest neighbour");
    }

    @Test
    void knnWithKAtLeastNIsTheCompleteGraph() {
        double[][] p = ExactGeometry.uniform(7, 2, 10);
        assertEquals(21, NeighbourGraphBuilder.of(p[0], p[1]).knn(6).build().edgeCount());
        assertEquals(21, NeighbourGraphBuilder.of(p[0], p[1]).knn(50).build().edgeCount());
        assertEquals(0, NeighbourGraphBuilder.of(new double[] {1}, new double[] {1}).knn(3).build().edgeCount());
        assertEquals(0, NeighbourGraphBuilder.of(new double[0], new double[0]).knn(3).build().edgeCount());
    }

    // ---- radius ----

    @Test
    void radiusEqualsBruteForce() {
        double[][] p = ExactGeometry.uniform(3000, 51, 100);
        for (double r : new double[] {0.5, 2.0, 6.0}) {
            NeighbourGraph g = NeighbourGraphBuilder.of(p[0], p[1]).radius(r).build();
            assertEquals(bruteForceRadius(p[0], p[1], r), edgeSet(g), "r = " + r);
            assertDistances(p[0], p[1], g);
        }
    }

    @Test
    void radiusIsInclusive() {
        double[][] p = ExactGeometry.lattice(9, 7, 1.0, 1);
        NeighbourGraph g = NeighbourGraphBuilder.of(p[0], p[1]).radius(1.0).build();
        assertEquals(8 * 7 + 9 * 6, g.edgeCount());
        assertEquals(bruteForceRadius(p[0], p[1], 1.0), edgeSet(g));
        assertEquals(8 * 7 + 9 * 6 + 2 * 8 * 6,
                NeighbourGraphBuilder.of(p[0], p[1]).method(NeighbourMethod.RADIUS, Math.sqrt(2)).build().edgeCount());
    }

    @Test
    void radiusZeroJoinsOnlyCoincidentPoints() {
        double[] x = {0, 1, 0, 2, 1}, y = {0, 1, 0, 2, 1};
        assertEquals(Set.of(key(0, 2), key(1, 4)), edgeSet(NeighbourGraphBuilder.of(x, y).radius(0).build()));
    }

    // ---- graph and builder contract ----

    @Test
    void degreesAndAdjacencyAgreeWithTheEdges() {
        double[][] p = ExactGeometry.uniform(500, 61, 200);
        NeighbourGraph g = delaunay(p[0], p[1]);
        int[] deg = g.degrees();
        assertEquals(2 * g.edgeCount(), Arrays.stream(deg).sum());
        assertEquals(2.0 * g.edgeCount() / 500, g.meanDegree(), 1e-12);
        NeighbourAdjacency adj = g.adjacency();
        Set<Long> fromRows = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int[] nb = adj.neighbours(i);
            float[] d = adj.distances(i);
            assertEquals(deg[i], adj.degree(i));
            for (int j = 0; j < nb.length; j++) {
                assertTrue(j == 0 || nb[j] > nb[j - 1], "rows ascend");
                assertEquals((float) Math.hypot(p[0][i] - p[0][nb[j]], p[1][i] - p[1][nb[j]]), d[j], 1e-4f);
                fromRows.add(key(i, nb[j]));
            }
        }
        assertEquals(edgeSet(g), fromRows);
        assertEquals(0.0, NeighbourGraph.empty(0).meanDegree());
    }

    @Test
    void graphRejectsMalformedEdges() {
        assertThrows(IllegalArgumentException.class,
                () -> new NeighbourGraph(3, new int[] {1}, new int[] {0}, new float[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new NeighbourGraph(3, new int[] {0, 0}, new int[] {2, 1}, new float[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new NeighbourGraph(2, new int[] {0}, new int[] {2}, new float[] {1}));
        assertNotEquals(new NeighbourGraph(3, new int[] {0}, new int[] {1}, new float[] {1}),
                new NeighbourGraph(3, new int[] {0}, new int[] {2}, new float[] {1}));
    }

    @Test
    void builderRejectsBadInput() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> NeighbourGraphBuilder.of(new double[] {0, 1, 2, Double.NaN}, new double[4]).build());
        assertTrue(nan.getMessage().contains("x[3]"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> NeighbourGraphBuilder.of(new double[2], new double[] {0, Double.POSITIVE_INFINITY}).knn(1).build());
        assertTrue(inf.getMessage().contains("y[1]"), inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraphBuilder.of(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraphBuilder.of(new double[2], new double[2]).knn(0));
        assertThrows(IllegalArgumentException.class,
                () -> NeighbourGraphBuilder.of(new double[2], new double[2]).method(NeighbourMethod.KNN, 2.5));
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraphBuilder.of(new double[2], new double[2]).radius(-1));
        assertThrows(IllegalArgumentException.class,
                () -> NeighbourGraphBuilder.of(new double[2], new double[2]).maxEdgeLength(Double.NaN));
    }

    @Test
    void floatCoordinatesAndProgress() {
        float[] x = new float[2000], y = new float[2000];
        double[][] p = ExactGeometry.uniform(2000, 71, 400);
        for (int i = 0; i < 2000; i++) {
            x[i] = (float) p[0][i];
            y[i] = (float) p[1][i];
        }
        for (NeighbourMethod m : NeighbourMethod.values()) {
            List<Double> seen = new ArrayList<>();
            NeighbourGraphBuilder.of(x, y).method(m, m == NeighbourMethod.KNN ? 4 : 15)
                    .progress(seen::add).build();
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) >= seen.get(i - 1), m + " progress goes back");
            }
            assertEquals(1.0, seen.get(seen.size() - 1), m.toString());
        }
    }
}
