package org.sigmma.model.microenv;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerGenesTest {

    @Test
    void rankSumMatchesScipyWithTies() {
        // scipy 1.17: mannwhitneyu(a, b, alternative='two-sided', method='asymptotic', use_continuity=False).pvalue
        float[] a = {0, 0, 1.5f, 2.0f, 2.0f, 3.1f};
        float[] b = {0, 0, 0, 0.5f, 1.5f, 1.0f, 0};
        float[][] expr = new float[1][a.length + b.length];
        int[] cluster = new int[a.length + b.length];
        for (int i = 0; i < a.length; i++) {
            expr[0][i] = a[i];
            cluster[i] = 0;
        }
        for (int i = 0; i < b.length; i++) {
            expr[0][a.length + i] = b[i];
            cluster[a.length + i] = 1;
        }
        List<List<MarkerGenes.Marker>> r = MarkerGenes.rankGenes(expr, cluster, 2);
        assertEquals(0.11351522901054319, r.get(0).get(0).pValue(), 1e-6);
        assertEquals(r.get(0).get(0).pValue(), r.get(1).get(0).pValue(), 1e-12, "two-sided: symmetric");
        assertTrue(r.get(0).get(0).z() > 0 && r.get(1).get(0).z() < 0);
        assertEquals((0 + 0 + 1.5 + 2 + 2 + 3.1) / 6, r.get(0).get(0).meanIn(), 1e-6);
    }

    @Test
    void benjaminiHochbergMatchesScipy() {
        // scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.2, 0.5])
        double[] adj = MarkerGenes.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.2, 0.5});
        assertArrayEquals(new double[] {0.05, 0.0666666667, 0.0666666667, 0.25, 0.5}, adj, 1e-9);
    }

    @Test
    void aPlantedMarkerRanksFirst() {
        java.util.Random rnd = new java.util.Random(3);
        int n = 600;
        int genes = 20;
        float[][] expr = new float[genes][n];
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = i % 3;
            for (int g = 0; g < genes; g++) {
                expr[g][i] = (float) Math.max(0, rnd.nextGaussian());
            }
            if (cluster[i] == 2) {
                expr[7][i] += 2; // gene 7 marks cluster 2
            }
        }
        List<List<MarkerGenes.Marker>> r = MarkerGenes.rankGenes(expr, cluster, 3);
        MarkerGenes.Marker top = r.get(2).get(0);
        assertEquals(7, top.gene());
        assertTrue(top.adjustedP() < 1e-10 && top.log2FoldChange() > 1, top.toString());
        assertNotEquals(7, r.get(0).get(0).gene());
    }

    @Test
    void normalTailIsAccurate() {
        assertEquals(0.5, MarkerGenes.upperNormalTail(0), 1e-7);
        assertEquals(0.02275013194817921, MarkerGenes.upperNormalTail(2), 1e-7);
        assertEquals(0.0013498980316301, MarkerGenes.upperNormalTail(3), 1e-8);
    }
}
