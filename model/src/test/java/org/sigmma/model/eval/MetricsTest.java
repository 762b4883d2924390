package org.sigmma.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Metrics against cases worked out by hand. */
class MetricsTest {

    @Test
    void pearsonMseAndMeanStdByHand() {
        // means 2 and 13/3; sum of products 5, squares 2 and 38/3: r = 5 / sqrt(76/3)
        assertEquals(5 / Math.sqrt(76.0 / 3), Stats.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7}), 1e-12);
        assertEquals(0.99340, Stats.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7}), 1e-5);
        assertEquals(-1, Stats.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertTrue(Double.isNaN(Stats.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
        assertEquals((1 + 4 + 0) / 3.0, Stats.mse(new double[] {1, 2, 3}, new double[] {2, 4, 3}), 1e-12);
        Stats.MeanStd m = Stats.MeanStd.of(new double[] {1, 3, Double.NaN});
        assertEquals(2, m.mean(), 1e-12);
        assertEquals(1, m.std(), 1e-12); // population std of {1, 3}
        assertEquals(2, m.n());
        assertThrows(IllegalArgumentException.class, () -> Stats.mse(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void expressionScoresByHand() {
        double[][] truth = {{1, 2, 3}, {3, 2, 1}};
        double[][] pred = {{1, 2, 4}, {3, 2, 1}};
        ExpressionScores s = ExpressionScores.of(truth, pred);
        // tile MSE: 1/3 and 0
        assertEquals(1 / 6.0, s.mse().mean(), 1e-12);
        assertEquals(1 / 6.0, s.mse().std(), 1e-12);
        // tile 0: deviations (-1, 0, 1) and (-4/3, -1/3, 5/3): r = 3 / sqrt(2 * 42/9); tile 1: r = 1
        double r0 = 3 / Math.sqrt(2 * 42.0 / 9);
        assertEquals((r0 + 1) / 2, s.pcc().mean(), 1e-12);
        // per gene: gene 1 is constant in truth (undefined, left out); genes 0 and 2 move together
        assertEquals(1, s.genePcc()[0], 1e-12);
        assertTrue(Double.isNaN(s.genePcc()[1]));
        assertEquals(1, s.genePcc()[2], 1e-12);
        assertEquals(1, s.perGene().mean(), 1e-12);
        assertEquals(2, s.perGene().n());
    }

    @Test
    void trainingMeanHasNoPerGeneCorrelation() {
        double[][] train = {{1, 10}, {3, 14}};
        double[][] test = {{2, 11}, {0, 13}, {5, 12}};
        ExpressionScores s = ExpressionProbe.trainingMean(train, test);
        // predicted (2, 12) for every tile: MSE (0+1)/2, (4+1)/2, (9+0)/2
        assertEquals((0.5 + 2.5 + 4.5) / 3, s.mse().mean(), 1e-12);
        assertEquals(0, s.perGene().n());
    }

    @Test
    void highlyVariableGenesByHand() {
        double[][] x = {{0, 5, 1, 2}, {0, 1, 1, 4}, {0, 3, 1, 0}};
        // variances: gene 1 (5,1,3) 8/3, gene 3 (2,4,0) 8/3, genes 0 and 2 zero: ties go to the lower index
        assertArrayEquals(new int[] {1, 3}, ExpressionProbe.highlyVariable(x, 2));
        assertArrayEquals(new int[] {1, 3, 0, 2}, ExpressionProbe.highlyVariable(x, 10));
    }

    @Test
    void recallWithinADomainByHand() {
        // two domains of 4 tiles; in domain 0 every query finds its pair first, in domain 1 the pairs are shifted
        float[][] q = new float[8][];
        float[][] c = new float[8][];
        int[] group = {0, 0, 0, 0, 1, 1, 1, 1};
        for (int i = 0; i < 4; i++) {
            double a = Math.PI / 2 * i;
            q[i] = new float[] {(float) Math.cos(a), (float) Math.sin(a), 0};
            c[i] = q[i].clone();
            q[4 + i] = new float[] {0, (float) Math.cos(a), (float) Math.sin(a)};
            // candidate of tile 4+i points at query 4+i+1
            double b = Math.PI / 2 * (i + 1);
            c[4 + i] = new float[] {0, (float) Math.cos(b), (float) Math.sin(b)};
        }
        Retrieval.Within w = Retrieval.recallWithin(q, c, 0.25, group); // top 1 of 4
        assertEquals(0.5, w.recall(), 1e-12);
        assertEquals(0.25, w.chance(), 1e-12);
        assertEquals(8, w.queries());
        // a group of one tile is not counted
        Retrieval.Within single = Retrieval.recallWithin(q, c, 0.25, new int[] {0, 0, 0, 0, 1, 1, 1, 2});
        assertEquals(7, single.queries());
    }
}
