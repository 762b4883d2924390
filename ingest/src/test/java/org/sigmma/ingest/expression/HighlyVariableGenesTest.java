package org.sigmma.ingest.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HighlyVariableGenesTest {

    /** Dense counts (cells x genes) to CSR. */
    static SparseCounts toCsr(int[][] dense) {
        int n = dense.length;
        int g = dense[0].length;
        int[] indptr = new int[n + 1];
        List<Integer> idx = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < g; j++) {
                if (dense[c][j] != 0) {
                    idx.add(j);
                    val.add(dense[c][j]);
                }
            }
            indptr[c + 1] = idx.size();
        }
        return new SparseCounts(n, g, indptr, idx.stream().mapToInt(i -> i).toArray(),
                val.stream().mapToInt(i -> i).toArray());
    }

    private static int poisson(Random r, double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void picksGenesPlantedWithHighDispersion() {
        Random r = new Random(7);
        int n = 800;
        int g = 400; // enough genes per mean bin for the z-score to single out the planted ones
        int[] planted = {5, 17, 33, 48, 161, 277, 290, 304};
        boolean[] isPlanted = new boolean[g];
        for (int j : planted) {
            isPlanted[j] = true;
        }
        double[] lambda = new double[g];
        for (int j = 0; j < g; j++) {
            lambda[j] = 1.0 + 4.0 * r.nextDouble();
        }
        int[][] dense = new int[n][g];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < g; j++) {
                if (isPlanted[j]) {
                    // bursty: the same mean as a Poisson gene, concentrated in a tenth of the cells
                    dense[c][j] = r.nextDouble() < 0.1 ? poisson(r, 10 * lambda[j]) : 0;
                } else {
                    dense[c][j] = poisson(r, lambda[j]);
                }
            }
            dense[c][0] += 1; // no empty cells
        }
        SparseExpression x = LogNormaliser.log1pCp10k(toCsr(dense));
        assertArrayEquals(planted, HighlyVariableGenes.select(x, planted.length));
        int[] more = HighlyVariableGenes.select(x, 20);
        assertEquals(20, more.length);
        assertTrue(IntStream.of(planted).allMatch(j -> Arrays.binarySearch(more, j) >= 0));
        for (int i = 1; i < more.length; i++) {
            assertTrue(more[i] > more[i - 1], "increasing gene order");
        }
    }

    @Test
    void statisticsFollowTheSeuratDefinitionsComputedDensely() {
        Random r = new Random(3);
        int n = 60;
        int g = 25;
        int[][] dense = new int[n][g];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < g; j++) {
                dense[c][j] = poisson(r, 0.3 + j * 0.4);
            }
            dense[c][g - 1] += 1;
        }
        SparseExpression x = LogNormaliser.log1pCp10k(toCsr(dense));
        HighlyVariableGenes.Statistics s = HighlyVariableGenes.statistics(x, 20);
        for (int j = 0; j < g; j++) {
            double[] col = new double[n];
            for (int c = 0; c < n; c++) {
                col[c] = Math.expm1(x.denseRow(c)[j]);
            }
            double mean = Arrays.stream(col).sum() / n;
            double ss = Arrays.stream(col).map(v -> (v - mean) * (v - mean)).sum();
            double var = ss / (n - 1);
            assertEquals(Math.log1p(mean), s.means()[j], 1e-9);
            assertEquals(Math.log(var / mean), s.dispersions()[j], 1e-4);
        }
        // the z-score within each bin: bins with >= 2 genes have mean 0 and sd 1 of dispersionsNorm
        for (int b = 0; b < 20; b++) {
            int bin = b;
            double[] z = IntStream.range(0, g).filter(j -> s.meanBin()[j] == bin).mapToDouble(j -> s.dispersionsNorm()[j]).toArray();
            if (z.length >= 2) {
                double m = Arrays.stream(z).sum() / z.length;
                double sd = Math.sqrt(Arrays.stream(z).map(v -> (v - m) * (v - m)).sum() / (z.length - 1));
                assertEquals(0, m, 1e-9);
                assertEquals(1, sd, 1e-9);
            } else if (z.length == 1) {
                assertEquals(1, z[0], 1e-12, "a gene alone in its bin gets a normalised dispersion of 1");
            }
        }
    }

    @Test
    void cutMatchesPandas() {
        // pandas.cut(range(11), bins=5) -> (-0.01, 2], (2, 4], (4, 6], (6, 8], (8, 10]
        double[] v = IntStream.rangeClosed(0, 10).asDoubleStream().toArray();
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, HighlyVariableGenes.cut(v, 5));
        // a constant input goes to the middle bin of a +-0.1% range
        assertArrayEquals(new int[] {1, 1}, HighlyVariableGenes.cut(new double[] {2, 2}, 3));
    }

    @Test
    void tiesGoToTheLowerGeneIndex() {
        Random r = new Random(11);
        int n = 300;
        int g = 30;
        int[][] dense = new int[n][g];
        for (int c = 0; c < n; c++) {
            for (int j = 2; j < g; j++) {
                dense[c][j] = poisson(r, 2);
            }
            // two identical genes with the mean of the others but three times their variance
            dense[c][9] = r.nextBoolean() ? poisson(r, 4) : 0;
            dense[c][21] = dense[c][9];
            // a rare and a common gene stretch the mean range so that the others share one or two bins
            dense[c][0] = poisson(r, 0.05);
            dense[c][1] = poisson(r, 30);
        }
        SparseExpression x = LogNormaliser.log1pCp10k(toCsr(dense));
        double[] norm = HighlyVariableGenes.statistics(x, 20).dispersionsNorm();
        assertEquals(norm[9], norm[21]);
        // cut the ranking between the two tied genes: the lower index must win
        int above = (int) IntStream.range(0, g).filter(j -> norm[j] > norm[9]).count();
        int[] cut = HighlyVariableGenes.select(x, above + 1);
        assertTrue(Arrays.binarySearch(cut, 9) >= 0 && Arrays.binarySearch(cut, 21) < 0, Arrays.toString(cut));
        int[] both = HighlyVariableGenes.select(x, above + 2);
        assertTrue(Arrays.binarySearch(both, 9) >= 0 && Arrays.binarySearch(both, 21) >= 0, Arrays.toString(both));
        assertArrayEquals(HighlyVariableGenes.select(x, 7), HighlyVariableGenes.select(x, 7));
    }

    @Test
    void asManyAsGenesReturnsAll() {
        SparseExpression x = LogNormaliser.log1pCp10k(toCsr(new int[][] {{1, 0, 2}, {0, 3, 1}, {2, 2, 0}}));
        assertArrayEquals(new int[] {0, 1, 2}, HighlyVariableGenes.select(x, 3));
        assertArrayEquals(new int[] {0, 1, 2}, HighlyVariableGenes.select(x, 50));
    }

    @Test
    void unexpressedGenesRankLast() {
        Random r = new Random(5);
        int[][] dense = new int[100][6];
        for (int[] row : dense) {
            row[0] = poisson(r, 1);
            row[2] = poisson(r, 3);
            row[3] = 1 + poisson(r, 2);
            row[5] = poisson(r, 5);
        }
        SparseExpression x = LogNormaliser.log1pCp10k(toCsr(dense));
        int[] top4 = HighlyVariableGenes.select(x, 4);
        assertArrayEquals(new int[] {0, 2, 3, 5}, top4);
        assertEquals(5, HighlyVariableGenes.select(x, 5).length);
    }
}
