package org.sigmma.model.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.model.Fixtures;
import org.sigmma.model.data.CellGraph;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.SyntheticTiles;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.store.TempDirs;

/** Inference from a checkpoint: deterministic, padding-free, edges only among candidates. */
class EmbedderTest {

    private static InMemoryTileSource src;
    private static Embedder embedder;
    private static TrainingConfig config;

    @BeforeAll
    static void train() throws Exception {
        src = new SyntheticTiles(SyntheticTiles.Spec.small(16, 4, 6, 12)).source();
        config = TrainingConfig.defaults().with(Map.of("epochs", 1, "batchSize", 8, "cropSize", 8,
                "cnnChannels", List.of(4, 8), "hidden", 8, "projection", 8, "scorerHidden", 4,
                "candidatesK", 5, "device", "cpu")).with("{\"cpuThreads\": 1}");
        Path dir = TempDirs.create("embed");
        new SigmmaTrainer(config, src, dir).train(TrainingListener.NONE);
        embedder = Embedder.open(dir, "auto");
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void sameTilesGiveTheSameOutputEveryTime() {
        List<String> ids = src.tileIds(TileSource.TEST);
        Embedder.Result a = embedder.embed(src, ids, Embedder.Options.all(), null);
        Embedder.Result b = embedder.embed(src, ids, Embedder.Options.all(), null);
        for (int t = 0; t < ids.size(); t++) {
            TileEmbedding x = a.tiles().get(t);
            TileEmbedding y = b.tiles().get(t);
            assertEquals(ids.get(t), x.tileId());
            for (int s = 0; s < 3; s++) {
                assertArrayEquals(x.image()[s], y.image()[s]);
                assertArrayEquals(x.spot()[s], y.spot()[s]);
                assertArrayEquals(x.cells()[s], y.cells()[s]);
            }
            assertEquals(x.edges(), y.edges());
        }
    }

    @Test
    void outputsHaveTheDocumentedShapes() {
        List<String> ids = src.tileIds(TileSource.TEST);
        Embedder.Result r = embedder.embed(src, ids, Embedder.Options.all(), null);
        for (TileEmbedding e : r.tiles()) {
            TileSample t = src.load(e.tileId());
            assertEquals(t.nCells(), e.nCells());
            for (int s = 0; s < 3; s++) {
                assertEquals(1.0, norm(e.image()[s]), 1e-5);
                assertEquals(1.0, norm(e.spot()[s]), 1e-5);
                assertEquals(t.nCells() * config.model().hidden(), e.cells()[s].length);
            }
        }
    }

    @Test
    void paddingDoesNotChangeAnything() {
        List<String> ids = src.tileIds(TileSource.TEST);
        Embedder.Result a = embedder.embed(src, ids, Embedder.Options.all(), null);
        Embedder.Result b = embedder.embed(src, ids, new Embedder.Options(true, true, false, 64),
                null);
        for (int t = 0; t < ids.size(); t++) {
            for (int s = 0; s < 3; s++) {
                assertEquals(0, Fixtures.maxDiff(a.tiles().get(t).spot()[s],
                        b.tiles().get(t).spot()[s]), 1e-5);
                assertEquals(0, Fixtures.maxDiff(a.tiles().get(t).cells()[s],
                        b.tiles().get(t).cells()[s]), 1e-5);
            }
            assertEquals(a.tiles().get(t).edges().size(), b.tiles().get(t).edges().size());
        }
    }

    @Test
    void learnedEdgesAreKeptCandidatesOfTheirScale() {
        List<String> ids = new java.util.ArrayList<>(src.tileIds(TileSource.TEST));
        ids.addAll(src.tileIds(TileSource.TRAIN));
        Embedder.Result r = embedder.embed(src, ids, Embedder.Options.all(), null);
        int edges = 0;
        for (TileEmbedding e : r.tiles()) {
            TileSample t = src.load(e.tileId());
            CellGraph g = CellGraph.build(t, config.model().candidatesK());
            Set<Long> meso = pairs(g.meso());
            Set<Long> macro = pairs(g.macro());
            Set<String> seen = new HashSet<>();
            for (LearnedEdge le : e.edges()) {
                assertTrue(le.probability() > 0.5f && le.probability() <= 1f);
                assertTrue(seen.add(le.scale() + le.from() + "-" + le.to()), "duplicate " + le);
                long key = ((long) le.from() << 32) | le.to();
                if (le.scale().equals("meso")) {
                    assertTrue(meso.contains(key), "not a meso candidate: " + le);
                    assertEquals(t.mesoBlock()[le.from()], t.mesoBlock()[le.to()]);
                } else {
                    assertEquals("macro", le.scale());
                    assertTrue(macro.contains(key), "not a macro candidate: " + le);
                }
                edges++;
            }
        }
        assertTrue(edges > 0, "no learned edge at all: the check says nothing");
        long kept = Math.round(r.meso().keepShare() * r.meso().count()
                + r.macro().keepShare() * r.macro().count());
        assertEquals(kept, edges);
        assertNotNull(r.meso().asMap("meso").get("edge_meso_spread"));
    }

    private static Set<Long> pairs(CellGraph.Csr c) {
        Set<Long> s = new HashSet<>();
        for (int u = 0; u + 1 < c.offsets().length; u++) {
            for (int e = c.offsets()[u]; e < c.offsets()[u + 1]; e++) {
                s.add(((long) u << 32) | c.targets()[e]);
            }
        }
        return s;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
