package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.infer.TileEmbedding;
import org.sigmma.store.TempDirs;

/** The ablation switches and the baseline train and serve with the outputs they promise. */
class VariantsTest {

    private static final InMemoryTileSource SRC = TinyRuns.source(16, 4, 21);

    private static TileEmbedding run(String json, Map<String, Object>[] metrics) throws Exception {
        Path dir = TempDirs.create("variant");
        TrainingResult r = new SigmmaTrainer(TinyRuns.config(1).with(json), SRC, dir).train(
                TrainingListener.NONE);
        metrics[0] = r.epochs().get(0);
        try (Embedder e = Embedder.open(dir, "cpu")) {
            return e.embed(SRC, SRC.tileIds(TileSource.TEST).subList(0, 2),
                    Embedder.Options.all(), null).tiles().get(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object>[] holder() {
        return new Map[1];
    }

    @Test
    void noGraphLearnsNoEdges() throws Exception {
        Map<String, Object>[] m = holder();
        TileEmbedding t = run("{\"noGraph\": true}", m);
        assertTrue(t.edges().isEmpty());
        assertNotNull(t.cells()[2]);
        assertFalse(m[0].containsKey("edge_meso_mean"));
        assertTrue(m[0].containsKey("train_loss_micro"));
    }

    @Test
    void singleScaleTrainsTheMacroScaleOnly() throws Exception {
        Map<String, Object>[] m = holder();
        TileEmbedding t = run("{\"singleScale\": true}", m);
        assertNull(t.image()[0]);
        assertNull(t.spot()[1]);
        assertNotNull(t.image()[2]);
        assertFalse(m[0].containsKey("train_loss_micro"));
        assertTrue(m[0].containsKey("edge_macro_keep"));
    }

    @Test
    void noSparsificationUsesAllPairsWithoutAScorer() throws Exception {
        Map<String, Object>[] m = holder();
        TileEmbedding t = run("{\"noSparsification\": true, \"candidatesK\": 0}", m);
        assertTrue(t.edges().isEmpty());
        assertFalse(m[0].containsKey("edge_meso_mean"));
    }

    @Test
    void bleepLikeBaselineHasOneScaleAndNoCells() throws Exception {
        Map<String, Object>[] m = holder();
        TileEmbedding t = run("{\"model\": \"bleep\"}", m);
        assertNull(t.cells());
        assertNull(t.spot()[0]);
        assertNotNull(t.spot()[2]);
        assertEquals(1, m[0].keySet().stream().filter(k -> k.startsWith("train_loss_")).count());
    }

    @Test
    void remediesForACollapsedScorerRun() throws Exception {
        Map<String, Object>[] m = holder();
        run("{\"edgeSampling\": \"hard-st\", \"keepRateWeight\": 1.0, \"keepRateTarget\": 0.3,"
                + " \"gumbelTau\": 1.0, \"gumbelTauEnd\": 0.2}", m);
        assertTrue(m[0].containsKey("val_recall10_he2st_added_edges_effect"));
        assertTrue((double) m[0].get("edge_meso_spread") >= 0);
    }
}
