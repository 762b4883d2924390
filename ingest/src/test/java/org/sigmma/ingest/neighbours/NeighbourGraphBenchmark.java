package org.sigmma.ingest.neighbours;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timings of the neighbour graph on uniform random points at cell density (one point per 100 um^2), for
 * comparison with scipy.spatial.Delaunay and cKDTree. Run with
 * {@code -Dtest.excludedGroups=none -Dgroups=benchmark -Dtest=NeighbourGraphBenchmark}.
 */
@Tag("benchmark")
class NeighbourGraphBenchmark {

    private static final int[] SIZES = {100_000, 500_000, 1_000_000};
    private static final int REPEATS = 3;

    @Test
    void delaunayAndKnn() {
        System.out.printf("cores available: %d%n", Runtime.getRuntime().availableProcessors());
        // warm up the JIT on a mid-size input
        for (int w = 0; w < 3; w++) {
            double[][] p = points(200_000, 99 + w);
            NeighbourGraphBuilder.of(p[0], p[1]).delaunay().maxEdgeLength(Double.POSITIVE_INFINITY).build();
            NeighbourGraphBuilder.of(p[0], p[1]).knn(6).build();
        }
        System.out.printf("%-10s %-14s %10s %10s %12s%n", "n", "method", "best s", "median s", "edges/point");
        for (int n : SIZES) {
            double[][] p = points(n, n);
            report(n, "triangulate", () -> {
                DelaunayTriangulator t = DelaunayTriangulator.triangulate(p[0], p[1], null);
                return t.siteEdges()[0].length;
            });
            report(n, "delaunay", () -> NeighbourGraphBuilder.of(p[0], p[1]).delaunay()
                    .maxEdgeLength(Double.POSITIVE_INFINITY).build().edgeCount());
            report(n, "delaunay30um", () -> NeighbourGraphBuilder.of(p[0], p[1]).delaunay().build().edgeCount());
            report(n, "knn6", () -> NeighbourGraphBuilder.of(p[0], p[1]).knn(6).build().edgeCount());
            report(n, "radius15um", () -> NeighbourGraphBuilder.of(p[0], p[1]).radius(15).build().edgeCount());
        }
    }

    private static void report(int n, String what, java.util.function.IntSupplier run) {
        double[] t = new double[REPEATS];
        int edges = 0;
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            edges = run.getAsInt();
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(t);
        System.out.printf("%-10d %-14s %10.3f %10.3f %12.3f%n", n, what, t[0], t[REPEATS / 2], (double) edges / n);
        assertTrue(edges > 0);
    }

    private static double[][] points(int n, long seed) {
        return ExactGeometry.uniform(n, seed, Math.sqrt(n * 100.0));
    }
}
