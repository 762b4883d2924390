package org.sigmma.model.spatial;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoOccurrenceTest {

    @Test
    void threeByThreeLatticeByHand() {
        // unit lattice, the centre in cluster 1, the ring of 8 in cluster 0
        double[] x = new double[9], y = new double[9];
        int[] lab = new int[9];
        for (int i = 0; i < 9; i++) {
            x[i] = i % 3;
            y[i] = i / 3;
        }
        lab[4] = 1;
        CoOccurrence.Result r = CoOccurrence.of(x, y, lab, new CoOccurrenceParameters(new double[] {0, 1, 1.5}, 1)).compute();
        // within 1: 12 lattice edges, 4 at the centre: N[0][0] = 16, N[0][1] = N[1][0] = 4, N[1][1] = 0
        assertEquals(16, r.counts()[0][0][0]);
        assertEquals(4, r.counts()[0][1][0]);
        assertEquals(0, r.counts()[1][1][0]);
        // R = (20, 4), T = 24: occ[0][0] = (16/20)/(20/24), occ[1][0] = (4/20)/(4/24), occ[0][1] = (4/4)/(20/24)
        assertEquals(0.96, r.ratios()[0][0][0], 1e-12);
        assertEquals(1.2, r.ratios()[1][0][0], 1e-12);
        assertEquals(1.2, r.ratios()[0][1][0], 1e-12);
        assertEquals(0.0, r.ratios()[1][1][0]);
        // within 1.5 the 8 diagonals join (4 at the centre): N[0][0] = 24, N[0][1] = 8; R = (32, 8), T = 40
        assertEquals(24, r.counts()[0][0][1]);
        assertEquals(0.9375, r.ratios()[0][0][1], 1e-12);
        assertEquals(1.25, r.ratios()[1][0][1], 1e-12);
        assertEquals(1.25, r.ratios()[0][1][1], 1e-12);
    }

    @Test
    void matchesAllPairsOnRandomPointsWithCoincidentCells() {
        int n = 600, k = 4;
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[n], y = new double[n];
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(0, 300);
            y[i] = rng.nextDouble(0, 200);
            lab[i] = (int) (x[i] / 75) % k;
        }
        x[5] = x[6]; // squidpy counts coincident distinct cells (j != i)
        y[5] = y[6];
        double[] interval = {3, 10, 25, 40, 40, 60};
        CoOccurrence.Result one = CoOccurrence.of(x, y, lab, new CoOccurrenceParameters(interval, 1)).compute();
        CoOccurrence.Result four = CoOccurrence.of(x, y, lab, new CoOccurrenceParameters(interval, 4)).compute();
        assertEquals(one, four, "the thread count must not change the result");
        int nb = interval.length - 1;
        long[][][] want = new long[k][k][nb];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double dx = x[i] - x[j], dy = y[i] - y[j];
                for (int r = 0; r < nb; r++) {
                    if (dx * dx + dy * dy <= interval[r + 1] * interval[r + 1]) {
                        want[lab[i]][lab[j]][r]++;
                    }
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                assertArrayEquals(want[a][b], one.counts()[a][b], a + "," + b);
            }
        }
        assertTrue(one.ratios()[0][0][0] > 1.5, "clusters are vertical bands: same-cluster pairs are enriched nearby");
    }

    @Test
    void squidpyDefaultInterval() {
        double[] x = {0, 1, 10, 4}, y = {0, 0, 10, 3};
        double[] iv = CoOccurrence.squidpyInterval(x, y, 3);
        // smallest x + y: cell 0, then cell 1 (distance 1); largest: cell 2, half of its distance to cell 0
        assertArrayEquals(new double[] {1, (1 + Math.hypot(10, 10) / 2) / 2, Math.hypot(10, 10) / 2}, iv, 1e-12);
    }

    @Test
    void badParametersAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CoOccurrenceParameters(new double[] {5}, 1))
                .getMessage().contains("at least 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CoOccurrenceParameters(new double[] {5, 2}, 1))
                .getMessage().contains("ascending"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CoOccurrenceParameters(new double[] {-1, 2}, 1))
                .getMessage().contains("interval[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CoOccurrence.of(new double[3], new double[2], new int[3], CoOccurrenceParameters.linspace(0, 1, 2)))
                .getMessage().contains("x (3) and y (2)"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CoOccurrence.of(new double[3], new double[3], new int[] {0, 1}, CoOccurrenceParameters.linspace(0, 1, 2)))
                .getMessage().contains("labels has 2 entries"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CoOccurrence.of(new double[] {0, Double.NaN}, new double[2], new int[] {0, 1}, CoOccurrenceParameters.linspace(0, 1, 2)))
                .getMessage().contains("non-finite"));
    }
}
