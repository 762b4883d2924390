package org.sigmma.model.graph;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulatedCells;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;
import org.sigmma.store.write.EmbeddingWriter;

/** The trainer pulls tile subgraphs from a real store and its results are written back, idempotently. */
class GraphTrainingTest {

    static Path dir;
    static EmbeddedGraph graph;
    static GraphTileSource source;

    @BeforeAll
    static void simulateAndIngest() throws Exception {
        dir = Files.createTempDirectory("sigmma-graph-training");
        Path bundle = dir.resolve("bundle");
        BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(3000, 120, 4)), bundle, f -> { });
        graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")).withoutGds().withPageCache(64L << 20));
        new SectionLoader(graph).ingest(bundle, ReadOptions.defaults(),
                IngestParameters.defaults().withName("sim").withFeatures(120, 16), ProgressListener.NONE);
        source = new GraphTileSource(graph.access(), List.of("sim"), dir.resolve("data"));
    }

    @AfterAll
    static void close() throws Exception {
        graph.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long scalar(String q) {
        return Values.asLong(graph.query(q, Map.of()).get(0).values().iterator().next());
    }

    /** The analyst queries over LEARNED edges, checked against plain counts on the written-back run. */
    private void learnedEdgeQueriesAgreeWithPlainCounts() {
        Map<String, Object> p = new java.util.HashMap<>(Map.of("section", "sim", "scale", "meso", "fromType", "Tumour",
                "toType", "T cell", "limit", 100000));
        long viaLibrary = graph.query(org.sigmma.cypher.CypherLibrary.query("examples-learned-type-pairs-read"), p).stream()
                .mapToLong(r -> Values.asLong(r.get("learnedEdges"))).sum();
        assertEquals(scalar("MATCH (a:Cell {section: 'sim', cellType: 'Tumour'})-[e:LEARNED {scale: 'meso'}]-(b:Cell {cellType: 'T cell'}) RETURN count(e)"),
                viaLibrary);
        graph.query("MATCH (c:Cell {section: 'sim'}) SET c.clusterMeso = toInteger(floor(c.x / 7.0)) % 3", Map.of());
        long crossing = graph.query(org.sigmma.cypher.CypherLibrary.query("examples-learned-cross-cluster-read"),
                Map.of("section", "sim", "scale", "meso")).stream().mapToLong(r -> Values.asLong(r.get("crossingEdges"))).sum();
        assertEquals(scalar("MATCH (a:Cell {section: 'sim'})-[e:LEARNED {scale: 'meso'}]->(b:Cell) WHERE a.clusterMeso <> b.clusterMeso RETURN count(e)"),
                crossing);
        assertTrue(crossing > 0, "a clustering by 7 um stripes is crossed by some learned edges");
        assertTrue(viaLibrary > 0, "the simulator puts T cells in tumour: some tumour cells gain meso edges to T cells");
        Map<String, Object> q = new java.util.HashMap<>(Map.of("section", "sim", "scale", "meso", "limit", 1000));
        q.put("run", null);
        List<Map<String, Object>> pairs = graph.query(org.sigmma.cypher.CypherLibrary.query(
                "examples-learned-vs-near-type-pairs-read"), q);
        assertFalse(pairs.isEmpty());
        double shares = 0;
        for (Map<String, Object> row : pairs) {
            String a = (String) row.get("typeA");
            String b = (String) row.get("typeB");
            assertTrue(a.compareTo(b) <= 0, "type pairs are unordered, smaller first: " + a + ", " + b);
            String pair = "((a.cellType = $a AND b.cellType = $b) OR (a.cellType = $b AND b.cellType = $a))";
            long learned = Values.asLong(graph.query("MATCH (a:Cell {section: 'sim'})-[e:LEARNED {scale: 'meso'}]->(b:Cell) "
                    + "WHERE " + pair + " RETURN count(e) AS n", Map.of("a", a, "b", b)).get(0).get("n"));
            long near = Values.asLong(graph.query("MATCH (a:Cell {section: 'sim'})-[e:NEAR]->(b:Cell) "
                    + "WHERE " + pair + " RETURN count(e) AS n", Map.of("a", a, "b", b)).get(0).get("n"));
            assertEquals(learned, Values.asLong(row.get("learned")), a + "-" + b + " learned");
            assertEquals(near, Values.asLong(row.get("near")), a + "-" + b + " near");
            shares += ((Number) row.get("learnedShare")).doubleValue();
        }
        assertEquals(1.0, shares, 1e-9, "the learned shares of all type pairs add up to 1");
    }

    @Test
    void tilesComeFromTheStoreWithImageAndLocalGeometry() {
        List<String> train = source.tileIds(TileSource.TRAIN);
        assertFalse(train.isEmpty());
        assertFalse(source.tileIds(TileSource.VALIDATION).isEmpty());
        TileSample t = source.load(train.get(0));
        assertNotNull(t.rgb());
        assertEquals(256, t.imageSize());
        for (int i = 0; i < t.nCells(); i++) {
            assertTrue(t.cellX()[i] >= 0 && t.cellX()[i] <= 128.001 && t.cellY()[i] >= 0 && t.cellY()[i] <= 128.001);
        }
        assertEquals(16, t.featureDim());
    }

    @Test
    void trainEmbedAndWriteBackTwiceChangesNothing() throws Exception {
        TrainingConfig cfg = TrainingConfig.defaults().with(Map.of("epochs", 1, "batchSize", 8));
        TrainingResult result = new TrainingRun(graph.access(), "t1", "train", List.of("sim"))
                .train(cfg, source, dir.resolve("runs/t1"), org.sigmma.model.train.TrainingListener.NONE);
        assertEquals(1, result.epochs().size());
        // the run's lifecycle on the graph: DONE, with the epoch's metrics and the summary
        Map<String, Object> run = graph.query("MATCH (r:Run {id: 't1'}) RETURN r.status AS status, r.metrics AS metrics, "
                + "r.kind AS kind", Map.of()).get(0);
        assertEquals("DONE", run.get("status"));
        assertEquals("train", run.get("kind"));
        assertTrue(String.valueOf(run.get("metrics")).contains("\"bestEpoch\""), String.valueOf(run.get("metrics")));
        // the same checkpoint folder with another configuration is refused, and the run says so
        TrainingConfig other = cfg.with(Map.of("hidden", 32));
        assertThrows(IllegalStateException.class, () -> new TrainingRun(graph.access(), "t1-other", "train", List.of("sim"))
                .train(other, source, dir.resolve("runs/t1"), org.sigmma.model.train.TrainingListener.NONE));
        Map<String, Object> failed = graph.query("MATCH (r:Run {id: 't1-other'}) RETURN r.status AS status, "
                + "r.metrics AS metrics", Map.of()).get(0);
        assertEquals("FAILED", failed.get("status"));
        assertTrue(String.valueOf(failed.get("metrics")).contains("another configuration"),
                String.valueOf(failed.get("metrics")));
        EmbeddingWriter writer = graph.embeddingWriter();
        RunWriteBack.Report first = RunWriteBack.run(source, writer, "t1", result.checkpointDir(), "cpu", 16, n -> { });
        long tiles = scalar("MATCH (t:Tile {section: 'sim'}) RETURN count(t)");
        assertEquals(tiles, first.tiles());
        assertEquals(tiles, scalar("MATCH (t:Tile {section: 'sim'}) WHERE t.heMacro IS NOT NULL AND t.stMeso IS NOT NULL RETURN count(t)"));
        assertEquals(scalar("MATCH (c:Cell {section: 'sim'}) WHERE c.tile >= 0 RETURN count(c)"),
                scalar("MATCH (c:Cell {section: 'sim'}) WHERE c.zMicro IS NOT NULL AND c.zMacro IS NOT NULL RETURN count(c)"));
        long learned = scalar("MATCH (:Cell {section: 'sim'})-[e:LEARNED {run: 't1'}]->() RETURN count(e)");
        assertEquals(first.learnedEdges(), learned);
        // the neighbour-patch constraint, in the graph: meso edges stay inside a meso block, macro edges inside a tile
        assertEquals(0, scalar("MATCH (a:Cell)-[e:LEARNED {scale: 'meso'}]->(b:Cell) WHERE a.tile <> b.tile OR a.mesoBlock <> b.mesoBlock RETURN count(e)"));
        assertEquals(0, scalar("MATCH (a:Cell)-[e:LEARNED {scale: 'macro'}]->(b:Cell) WHERE a.tile <> b.tile RETURN count(e)"));
        assertEquals(0, scalar("MATCH ()-[e:LEARNED]->() WHERE e.probability <= 0.5 RETURN count(e)"));
        learnedEdgeQueriesAgreeWithPlainCounts();
        float[] before = Values.asFloatArray(graph.query("MATCH (c:Cell {section: 'sim', cellId: '" + SimulatedCells.cellId(5) + "'}) RETURN c.zMeso AS z", Map.of()).get(0).get("z"));
        RunWriteBack.Report second = RunWriteBack.run(source, writer, "t1", result.checkpointDir(), "cpu", 16, n -> { });
        assertEquals(first, second);
        assertEquals(learned, scalar("MATCH ()-[e:LEARNED {run: 't1'}]->() RETURN count(e)"));
        assertArrayEquals(before, Values.asFloatArray(graph.query("MATCH (c:Cell {section: 'sim', cellId: '" + SimulatedCells.cellId(5) + "'}) RETURN c.zMeso AS z", Map.of()).get(0).get("z")));
    }
}
