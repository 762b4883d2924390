package org.sigmma.ingest.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {

    /** Low-rank plus noise, thresholded to about half zeros, as a sparse matrix. */
    static SparseExpression lowRankPlusNoise(int n, int g, double[] singular, double noise, long seed) {
        Random r = new Random(seed);
        int rank = singular.length;
        double[][] u = new double[n][rank];
        double[][] v = new double[rank][g];
        for (double[] row : u) {
            for (int a = 0; a < rank; a++) {
                row[a] = r.nextGaussian();
            }
        }
        for (double[] row : v) {
            for (int j = 0; j < g; j++) {
                row[j] = r.nextGaussian() / Math.sqrt(g);
            }
        }
        int[] indptr = new int[n + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < g; j++) {
                double x = 1.0 + noise * r.nextGaussian();
                for (int a = 0; a < rank; a++) {
                    x += singular[a] * u[c][a] * v[a][j];
                }
                if (x > 1.0) {
                    idx.add(j);
                    val.add((float) x);
                }
            }
            indptr[c + 1] = idx.size();
        }
        float[] values = new float[val.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = val.get(i);
        }
        return new SparseExpression(n, g, indptr, idx.stream().mapToInt(i -> i).toArray(), values);
    }

    /** Dense covariance (ddof 1) of the chosen genes, optionally of the standardised genes. */
    static double[][] covariance(SparseExpression x, int[] genes, boolean standardise) {
        int n = x.nCells();
        int g = genes.length;
        double[][] d = new double[n][g];
        for (int c = 0; c < n; c++) {
            float[] row = x.denseRow(c);
            for (int j = 0; j < g; j++) {
                d[c][j] = row[genes[j]];
            }
        }
        for (int j = 0; j < g; j++) {
            double m = 0;
            for (int c = 0; c < n; c++) {
                m += d[c][j];
            }
            m /= n;
            double ss = 0;
            for (int c = 0; c < n; c++) {
                d[c][j] -= m;
                ss += d[c][j] * d[c][j];
            }
            double sd = Math.sqrt(ss / (n - 1));
            if (standardise && sd > 0) {
                for (int c = 0; c < n; c++) {
                    d[c][j] /= sd;
                }
            }
        }
        double[][] cov = new double[g][g];
        for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    s += d[c][a] * d[c][b];
                }
                cov[a][b] = s / (n - 1);
            }
        }
        return cov;
    }

    /** Reference eigenpairs by power iteration with deflation: {values[k], vectors[k][g]}. */
    static double[][][] powerEigen(double[][] cov, int k) {
        int g = cov.length;
        double[][] a = new double[g][];
        for (int i = 0; i < g; i++) {
            a[i] = cov[i].clone();
        }
        double[][] values = new double[1][k];
        double[][] vectors = new double[k][g];
        Random r = new Random(99);
        for (int t = 0; t < k; t++) {
            double[] v = new double[g];
            for (int i = 0; i < g; i++) {
                v[i] = r.nextGaussian();
            }
            double lambda = 0;
            for (int it = 0; it < 20_000; it++) {
                double[] w = new double[g];
                for (int i = 0; i < g; i++) {
                    for (int j = 0; j < g; j++) {
                        w[i] += a[i][j] * v[j];
                    }
                }
                double norm = 0;
                for (double e : w) {
                    norm += e * e;
                }
                norm = Math.sqrt(norm);
                double change = 0;
                for (int i = 0; i < g; i++) {
                    w[i] /= norm;
                    change += (w[i] - v[i]) * (w[i] - v[i]);
                }
                v = w;
                lambda = norm;
                if (change < 1e-26) {
                    break;
                }
            }
            values[0][t] = lambda;
            vectors[t] = v;
            for (int i = 0; i < g; i++) {
                for (int j = 0; j < g; j++) {
                    a[i][j] -= lambda * v[i] * v[j];
                }
            }
        }
        return new double[][][] {values, vectors};
    }

    private static double absCos(float[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.abs(dot) / Math.sqrt(na * nb);
    }

    private static void assertMatchesReference(SparseExpression x, int[] genes, PcaModel model, boolean standardise) {
        int k = model.nComponents();
        double[][][] ref = powerEigen(covariance(x, genes, standardise), k);
        for (int t = 0; t < k; t++) {
            double expected = ref[0][0][t];
            assertEquals(expected, model.explainedVariance()[t], 1e-3 * expected, "explained variance " + t);
            double cos = absCos(model.components()[t], ref[1][t]);
            assertTrue(cos > 0.999, "component " + t + " |cos| = " + cos);
        }
    }

    private static final double[] SINGULAR = {14, 11, 8, 6, 4.5};

    @Test
    void matchesADenseEigenDecompositionOfTheCovariance() {
        SparseExpression x = lowRankPlusNoise(500, 60, SINGULAR, 0.15, 1);
        assertTrue(x.nonZeros() < 0.8 * 500 * 60, "sparse input");
        PcaModel model = Pca.fit(x, PcaParameters.of(5).withOversampling(5));
        assertMatchesReference(x, allGenes(60), model, false);
        assertNull(model.scale());
        // the components are orthonormal
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                double dot = 0;
                for (int j = 0; j < 60; j++) {
                    dot += model.components()[a][j] * model.components()[b][j];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-5);
            }
        }
        double total = 0;
        double[][] cov = covariance(x, allGenes(60), false);
        for (int j = 0; j < 60; j++) {
            total += cov[j][j];
        }
        assertEquals(total, model.totalVariance(), 1e-6 * total);
    }

    @Test
    void standardisedGenesMatchTheCorrelationReference() {
        SparseExpression x = lowRankPlusNoise(400, 50, SINGULAR, 0.15, 2);
        PcaModel model = Pca.fit(x, PcaParameters.of(4).withStandardise(true));
        assertMatchesReference(x, allGenes(50), model, true);
        assertEquals(50, model.totalVariance(), 1e-4, "standardised genes have unit variance each");
    }

    @Test
    void geneSubsetMatchesTheReferenceOnThoseGenes() {
        SparseExpression x = lowRankPlusNoise(400, 70, SINGULAR, 0.15, 3);
        int[] genes = new int[35];
        for (int i = 0; i < genes.length; i++) {
            genes[i] = 2 * i + 1;
        }
        PcaModel model = Pca.fit(x, PcaParameters.of(4).withGenes(genes));
        assertArrayEquals(genes, model.genes());
        assertMatchesReference(x, genes, model, false);
    }

    @Test
    void trainingScoresAreCentredWithTheExplainedVariances() {
        SparseExpression x = lowRankPlusNoise(600, 40, SINGULAR, 0.2, 4);
        for (boolean standardise : new boolean[] {false, true}) {
            PcaModel model = Pca.fit(x, PcaParameters.of(5).withStandardise(standardise));
            float[][] scores = model.transform(x);
            assertEquals(600, scores.length);
            for (int t = 0; t < 5; t++) {
                double mean = 0;
                for (float[] s : scores) {
                    mean += s[t];
                }
                mean /= scores.length;
                double var = 0;
                for (float[] s : scores) {
                    var += (s[t] - mean) * (s[t] - mean);
                }
                var /= scores.length - 1;
                double ev = model.explainedVariance()[t];
                assertEquals(0, mean, 1e-4 * Math.sqrt(ev), "mean of score " + t);
                assertEquals(ev, var, 1e-3 * ev, "variance of score " + t);
            }
            float[] flat = new float[3 + 600 * 5];
            model.transformInto(x, flat, 3);
            for (int c = 0; c < 600; c++) {
                for (int t = 0; t < 5; t++) {
                    assertEquals(scores[c][t], flat[3 + c * 5 + t]);
                }
            }
        }
    }

    @Test
    void largestLoadingIsPositive() {
        SparseExpression x = lowRankPlusNoise(300, 30, SINGULAR, 0.2, 5);
        PcaModel model = Pca.fit(x, PcaParameters.of(5).withSeed(12345));
        for (float[] component : model.components()) {
            int best = 0;
            for (int j = 1; j < component.length; j++) {
                if (Math.abs(component[j]) > Math.abs(component[best])) {
                    best = j;
                }
            }
            assertTrue(component[best] > 0);
        }
        // another seed finds the same components with the same signs
        PcaModel other = Pca.fit(x, PcaParameters.of(5).withSeed(777));
        for (int t = 0; t < 5; t++) {
            double dot = 0;
            for (int j = 0; j < 30; j++) {
                dot += model.components()[t][j] * other.components()[t][j];
            }
            assertTrue(dot > 0.999, "component " + t + " dot " + dot);
        }
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        // more cells than one chunk, so that partial sums are combined
        SparseExpression x = lowRankPlusNoise(2 * ParallelCells.CHUNK + 123, 24, SINGULAR, 0.3, 6);
        PcaParameters p = PcaParameters.of(3).withSeed(9);
        PcaModel one = Pca.fit(x, p, 1, null);
        PcaModel three = Pca.fit(x, p, 3, null);
        assertArrayEquals(one.explainedVariance(), three.explainedVariance());
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(one.components()[t], three.components()[t]);
        }
        assertArrayEquals(one.mean(), three.mean());
    }

    @Test
    void progressRisesToOne() {
        SparseExpression x = lowRankPlusNoise(200, 20, SINGULAR, 0.2, 7);
        List<Double> seen = new ArrayList<>();
        Pca.fit(x, PcaParameters.of(3), 2, seen::add);
        assertTrue(seen.size() >= 6);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1));
        }
        assertEquals(1.0, seen.get(seen.size() - 1));
    }

    @Test
    void asManyComponentsAsGenesIsExact() {
        SparseExpression x = lowRankPlusNoise(200, 8, new double[] {5, 3}, 0.5, 8);
        PcaModel model = Pca.fit(x, PcaParameters.of(8).withPowerIterations(0));
        assertMatchesReference(x, allGenes(8), model, false);
    }

    @Test
    void badParametersAreRefused() {
        SparseExpression x = lowRankPlusNoise(50, 6, new double[] {3}, 0.5, 9);
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(x, PcaParameters.of(7)));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(x, PcaParameters.of(2).withGenes(new int[] {1, 9})));
        assertThrows(IllegalArgumentException.class, () -> PcaParameters.of(0));
        assertThrows(IllegalArgumentException.class, () -> PcaParameters.of(2).withGenes(new int[] {1, 1}));
    }

    @Test
    void geneIndexOutOfRangeNamesTheRow() {
        // rows 0 and 1 empty, row 2 holds a gene index past nGenes
        SparseExpression bad = new SparseExpression(4, 3, new int[] {0, 0, 0, 2, 3}, new int[] {0, 3, 1},
                new float[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(bad, PcaParameters.of(1)));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("gene index 3"), e.getMessage());
        IllegalArgumentException h = assertThrows(IllegalArgumentException.class, () -> HighlyVariableGenes.statistics(bad, 20));
        assertEquals(e.getMessage(), h.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, bad::validate);
        assertTrue(v.getMessage().contains("row 2"), v.getMessage());
    }

    @Test
    void memoryEstimateCoversTheScoresAndGrowsWithTheProblem() {
        long small = Pca.estimateMemoryBytes(10_000, 500, 32);
        long cells = Pca.estimateMemoryBytes(1_000_000, 500, 32);
        long genes = Pca.estimateMemoryBytes(10_000, 5_000, 32);
        assertTrue(cells >= 4L * 1_000_000 * 32);
        assertTrue(cells > small && genes > small);
        assertTrue(Pca.estimateMemoryBytes(10_000, 500, 64) > small);
        assertEquals(4L * 101 + 8L * 2_000, Pca.inputMemoryBytes(100, 2_000));
    }

    private static int[] allGenes(int g) {
        int[] all = new int[g];
        for (int i = 0; i < g; i++) {
            all[i] = i;
        }
        return all;
    }
}
