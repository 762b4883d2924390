package org.sigmma.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    /** Tiles whose HE embedding carries a latent state that also drives 10 of 80 genes. */
    static Evaluation.Input input(long seed, boolean truth, boolean stMicro) {
        Random r = new Random(seed);
        String[] genes = new String[80];
        for (int g = 0; g < genes.length; g++) {
            genes[g] = "G" + g;
        }
        double[][] load = new double[10][4];
        for (double[] row : load) {
            for (int k = 0; k < 4; k++) {
                row[k] = r.nextGaussian();
            }
        }
        List<List<EvalTile>> splits = new ArrayList<>();
        for (int size : new int[] {60, 20, 40}) {
            List<EvalTile> tiles = new ArrayList<>();
            for (int t = 0; t < size; t++) {
                double[] z = new double[4];
                for (int k = 0; k < 4; k++) {
                    z[k] = r.nextGaussian();
                }
                double[] expr = new double[genes.length];
                for (int g = 0; g < genes.length; g++) {
                    expr[g] = 1 + 0.05 * r.nextGaussian();
                    if (g < 10) {
                        for (int k = 0; k < 4; k++) {
                            expr[g] += 0.5 * load[g][k] * z[k];
                        }
                    }
                }
                float[][] he = new float[3][];
                float[][] st = new float[3][];
                for (int s = 0; s < 3; s++) {
                    he[s] = new float[8];
                    st[s] = new float[8];
                    for (int d = 0; d < 8; d++) {
                        double v = d < 4 ? z[d] : r.nextGaussian();
                        he[s][d] = (float) (v + 0.1 * r.nextGaussian());
                        st[s][d] = (float) (v + 0.1 * r.nextGaussian());
                    }
                }
                if (!stMicro) {
                    st[0] = null;
                }
                double[] comp = {Math.abs(z[0]), 1};
                tiles.add(new EvalTile("t" + t, he, st, expr, truth ? t % 2 : -1, truth ? comp : null));
            }
            splits.add(tiles);
        }
        return new Evaluation.Input(genes, splits.get(0), splits.get(1), splits.get(2));
    }

    @Test
    void theProbeReadsWhatTheEmbeddingCarries() {
        Evaluation.Report rep = Evaluation.run(input(3, true, true), new ProbeParameters(256, 10, new double[] {0.01, 1, 100}));
        assertEquals(10, rep.genes().length);
        for (String g : rep.genes()) {
            assertTrue(Integer.parseInt(g.substring(1)) < 10, "the variable genes are the planted ones: " + g);
        }
        Evaluation.ProbeRow concat = rep.row("he-concat");
        Evaluation.ProbeRow mean = rep.row("training-mean");
        assertTrue(concat.perGenePcc().mean() > 0.8, "per-gene PCC " + concat.perGenePcc());
        assertTrue(concat.mse().mean() < mean.mse().mean() / 3, concat.mse() + " vs mean " + mean.mse());
        assertEquals(0, mean.perGenePcc().n());
        assertEquals(Math.min(256, Math.min(24, 59)), concat.components());
        assertEquals(8, rep.row("he-macro").components());
        assertNotNull(rep.row("composition"));
        assertEquals(2, rep.predictors().size());
        // retrieval: the latent is in both modalities, so pairs are found far above chance, also within a domain
        Evaluation.RecallRow all = rep.recall("combined", "he2st", "all");
        assertTrue(all.recall()[0] > 0.5, "R@5% " + all.recall()[0]);
        assertEquals(2 / 40.0, all.chance()[0], 1e-12);
        Evaluation.RecallRow within = rep.recall("macro", "st2he", "same-domain");
        assertEquals(40, within.queries());
        assertEquals(1 / 20.0, within.chance()[0], 1e-12);
        // 3 scales + combined + the two sanity rows, 2 directions, 2 candidate sets
        assertEquals(6 * 2 * 2, rep.retrieval().size());
        // a constant prediction ties every candidate: it retrieves nothing
        assertEquals(0, rep.recall("training-mean", "he2st", "all").recall()[2]);
        assertNotNull(rep.recall("composition", "st2he", "same-domain"));
    }

    @Test
    void scalesWithoutAnStEmbeddingAreLeftOutAndTruthIsOptional() {
        Evaluation.Report rep = Evaluation.run(input(4, false, false), ProbeParameters.defaults());
        assertNull(rep.recall("micro", "he2st", "all"));
        assertNotNull(rep.recall("combined", "he2st", "all"));
        assertNull(rep.recall("macro", "he2st", "same-domain"));
        assertNull(rep.row("composition"));
    }

    @Test
    void sameInputSameNumbers() {
        Evaluation.Report a = Evaluation.run(input(5, true, true), ProbeParameters.defaults());
        Evaluation.Report b = Evaluation.run(input(5, true, true), ProbeParameters.defaults());
        assertArrayEquals(a.row("he-concat").genePcc(), b.row("he-concat").genePcc());
        assertEquals(a.row("he-concat").alpha(), b.row("he-concat").alpha());
        assertArrayEquals(a.recall("combined", "st2he", "all").recall(), b.recall("combined", "st2he", "all").recall());
    }

    @Test
    void badInputNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvalTile("x", new float[3][], new float[3][], new double[] {1}, -1, null));
        // a model with a macro HE embedding only (BLEEP-like): "concat" is the macro embedding
        EvalTile macroOnly = new EvalTile("m", new float[][] {null, null, {1, 2}}, new float[3][], new double[] {1}, -1, null);
        assertArrayEquals(new double[] {1, 2}, macroOnly.heInput("concat"));
        assertTrue(e.getMessage().contains("field he"), e.getMessage());
        Evaluation.Input in = input(6, false, true);
        IllegalArgumentException noVal = assertThrows(IllegalArgumentException.class, () -> Evaluation.run(
                new Evaluation.Input(in.genes(), in.train(), List.of(), in.test()), ProbeParameters.defaults()));
        assertTrue(noVal.getMessage().contains("validation"), noVal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProbeParameters(0, 50, new double[] {1}));
    }
}
