package org.sigmma.ingest.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulator's building blocks against references computed here by other means. */
class PiecesTest {

    @Test
    void negativeBinomialHasItsMeanAndVariance() {
        SplittableRandom r = new SplittableRandom(1);
        for (double[] mv : new double[][] {{0.3, 0.2}, {4, 0.2}, {40, 0.5}, {250, 0.1}}) {
            double mean = mv[0];
            double disp = mv[1];
            int n = 200_000;
            double s = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                int k = Random64.negativeBinomial(r, mean, disp);
                s += k;
                ss += (double) k * k;
            }
            double m = s / n;
            double var = ss / n - m * m;
            double want = mean + disp * mean * mean;
            assertEquals(mean, m, 4 * Math.sqrt(want / n), "mean at " + mean);
            assertEquals(want, var, 0.05 * want + 0.01, "variance at " + mean);
        }
    }

    @Test
    void poissonMatchesItsDistribution() {
        SplittableRandom r = new SplittableRandom(2);
        for (double lambda : new double[] {0.05, 3, 12, 80}) {
            int n = 200_000;
            int[] hist = new int[(int) (lambda * 4 + 20)];
            for (int i = 0; i < n; i++) {
                int k = Random64.poisson(r, lambda);
                if (k < hist.length) {
                    hist[k]++;
                }
            }
            // compare with the exact probabilities where they are not tiny
            double logP = -lambda;
            for (int k = 0; k < hist.length; k++) {
                if (k > 0) {
                    logP += Math.log(lambda) - Math.log(k);
                }
                double p = Math.exp(logP);
                if (p * n > 200) {
                    assertEquals(p, (double) hist[k] / n, 5 * Math.sqrt(p / n), "P(" + k + ") at " + lambda);
                }
            }
        }
    }

    @Test
    void distanceTransformIsExact() {
        SplittableRandom r = new SplittableRandom(3);
        int cols = 37;
        int rows = 23;
        boolean[] set = new boolean[cols * rows];
        for (int k = 0; k < 12; k++) {
            set[r.nextInt(set.length)] = true;
        }
        float[] d = DistanceTransform.distance(set, cols, rows, 2.0);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int q = 0; q < set.length; q++) {
                    if (set[q]) {
                        best = Math.min(best, Math.hypot(q % cols - i, q / cols - j) * 2.0);
                    }
                }
                assertEquals(best, d[j * cols + i], 1e-4);
            }
        }
    }

    @Test
    void probitInvertsTheNormalDistribution() {
        assertEquals(0, Probit.inverse(0.5), 1e-9);
        assertEquals(1.959963985, Probit.inverse(0.975), 1e-7);
        assertEquals(-2.326347874, Probit.inverse(0.01), 1e-7);
        assertEquals(3.090232306, Probit.inverse(0.999), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> Probit.inverse(1));
    }

    @Test
    void noiseFieldIsUniformAfterCalibrationAndSmooth() {
        NoiseField f = new NoiseField(9, 50, 2);
        int[] bins = new int[10];
        SplittableRandom r = new SplittableRandom(4);
        int n = 20_000;
        double jump = 0;
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * 20_000;
            double y = r.nextDouble() * 20_000;
            double u = f.uniform(x, y);
            assertTrue(u > 0 && u < 1);
            bins[(int) (u * 10)]++;
            jump = Math.max(jump, Math.abs(f.raw(x, y) - f.raw(x + 0.1, y)));
        }
        for (int b : bins) {
            assertEquals(0.1, (double) b / n, 0.02, "a tenth of the plane in each tenth of the range");
        }
        assertTrue(jump < 0.05, "no jumps at 0.1 um: " + jump);
        assertEquals(f.raw(123.4, 567.8), new NoiseField(9, 50, 2).raw(123.4, 567.8));
    }

    @Test
    void cellIdsAreXeniumStyle() {
        assertEquals("aaaaaaab-1", SimulatedCells.cellId(0));
        assertEquals("aaaaaaca-1", SimulatedCells.cellId(0x1f), "index 0x1f is cell 0x20: digits 2, 0 as c, a");
        assertEquals("aaaabaaa-1", SimulatedCells.cellId(0xfff));
    }

    @Test
    void parametersRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> SimulationParameters.of(5, 300, 1));
        assertThrows(IllegalArgumentException.class, () -> SimulationParameters.of(1000, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> SimulationParameters.of(1000, 300, 1).withStrengths(-1, 1, 1, 1));
    }

    @Test
    void panelHasEveryProgrammeAndControlsApart() {
        GenePanel p = GenePanel.of(300, 7);
        assertEquals(300, p.size());
        assertEquals(300, java.util.Set.of(p.names()).size(), "unique names");
        for (CellType t : CellType.values()) {
            assertTrue(p.genesOf(GenePanel.Kind.TYPE_MARKER, t.label()).length >= 4, t.label());
        }
        for (String n : new String[] {GenePanel.INFLAMMATION, GenePanel.PERIVASCULAR, GenePanel.HYPOXIA}) {
            assertTrue(p.genesOf(GenePanel.Kind.NICHE, n).length >= 5, n);
        }
        assertTrue(p.genesOf(GenePanel.Kind.CONTACT, GenePanel.EXHAUSTION).length >= 5);
        int[] exhaustion = p.genesOf(GenePanel.Kind.CONTACT, GenePanel.EXHAUSTION);
        assertEquals("PDCD1", p.name(java.util.Arrays.stream(exhaustion).filter(g -> p.name(g).equals("PDCD1")).findFirst().orElseThrow()));
        assertEquals(20 + 41 + 150, p.controlCount());
    }
}
