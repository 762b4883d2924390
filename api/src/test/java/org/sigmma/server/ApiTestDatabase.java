package org.sigmma.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.microenv.MicroenvironmentAnalysis;
import org.sigmma.model.microenv.MicroenvironmentParameters;
import org.sigmma.progress.ProgressListener;
import org.sigmma.schema.FeatureSource;
import org.sigmma.schema.Scale;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.RunRepository;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;

/**
 * One embedded database per test JVM, shared by the api test classes: the real Xenium sample ingested as section
 * {@value #SECTION} (8 PCA features to keep it quick), plus what training and clustering would add, written here with
 * Cypher: expression clusters on every cell and their Cluster nodes, micro clusters of a run, tile embeddings of both
 * modalities at three scales (all tiles but one), cell embeddings of the run at three scales (cells of the same tiles),
 * labels on the cells of every third tile, LEARNED edges in the densest tile, two Run nodes, and a FAILED section
 * {@value #BROKEN}. The sample has no H&amp;E image, so a small simulated section {@value #SIMULATED} with one
 * is ingested too (its H&amp;E tiles cut by ingest), clustered at the expression scale by the real GDS k-means, with
 * LEARNED edges in its densest tile. Public for the export tests.
 */
public final class ApiTestDatabase {

    public static final Path SAMPLE = Path.of("..", "samples", "xenium_mouse_brain_ctx_hp").toAbsolutePath().normalize();
    public static final String SECTION = "brain";
    public static final String BROKEN = "broken";
    public static final String SIMULATED = "sim-he";
    public static final int SIMULATED_CLUSTERS = 5;
    public static final String RUN = "run-test";
    public static final String OTHER_RUN = "run-other";
    public static final int EMBEDDING_DIM = 8;

    private static EmbeddedGraph graph;
    private static Path dir;
    private static String denseTile;
    private static String unembeddedTile;
    private static String simulatedTile;

    private ApiTestDatabase() {
    }

    public static synchronized EmbeddedGraph graph() {
        if (graph == null) {
            try {
                dir = Files.createTempDirectory("sigmma-api-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            EmbeddedGraph g = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")).withPageCache(128L << 20));
            try {
                new SectionLoader(g).ingest(SAMPLE, ReadOptions.defaults(),
                        IngestParameters.defaults().withName(SECTION).withFeatures(2000, 8), ProgressListener.NONE);
                addFixtures(g);
                addSimulatedSection(g, dir.resolve("sim-bundle"));
            } catch (RuntimeException | Error e) {
                g.close();
                deleteTree(dir);
                throw e;
            }
            graph = g;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                graph.close();
                deleteTree(dir);
            }));
        }
        return graph;
    }

    /** The tile with the most cells, which carries the LEARNED edges. */
    public static String denseTile() {
        graph();
        return denseTile;
    }

    /** The one tile left without embeddings. */
    public static String unembeddedTile() {
        graph();
        return unembeddedTile;
    }

    /** The densest tile of the simulated section, which carries LEARNED edges. */
    static String simulatedTile() {
        graph();
        return simulatedTile;
    }

    static Path dataDir() {
        return graph().settings().dataDir();
    }

    public static List<Map<String, Object>> query(String cypher, Map<String, Object> params) {
        return graph().query(cypher, params);
    }

    public static long count(String cypher, Map<String, Object> params) {
        return Values.asLong(query(cypher, params).get(0).values().iterator().next());
    }

    private static void addFixtures(EmbeddedGraph g) {
        var access = g.access();
        Map<String, Object> s = Map.of("section", SECTION);
        // expression clusters: vertical bands of 400 um, four ids
        access.write("MATCH (c:Cell {section: $section}) SET c.clusterExpression = toInteger(floor(c.x / 400)) % 4", s);
        for (Map<String, Object> r : access.read("MATCH (c:Cell {section: $section}) "
                + "RETURN c.clusterExpression AS id, count(*) AS n ORDER BY id", s)) {
            long id = Values.asLong(r.get("id"));
            long n = Values.asLong(r.get("n"));
            Map<String, Object> p = new HashMap<>(s);
            p.put("id", id);
            p.put("size", n);
            p.put("composition", "{\"Excitatory neuron\": " + (n / 2) + ", \"Astrocyte\": " + (n - n / 2) + "}");
            p.put("markers", "[{\"gene\": \"Gene" + id + "\", \"log2FoldChange\": 1.5, \"z\": 12.0, \"adjustedP\": 1.0E-9, "
                    + "\"meanIn\": 2.0, \"meanOut\": 0.5}]");
            access.write("CREATE (:Cluster {section: $section, scale: 'expression', k: 4, id: $id, size: $size, "
                    + "composition: $composition, markers: $markers})", p);
        }
        // micro clusters of a run: parity of the tile index, cells of dropped tiles left out
        access.write("MATCH (c:Cell {section: $section}) WHERE c.tile >= 0 SET c.clusterMicro = c.tile % 2", s);
        for (int id = 0; id < 2; id++) {
            access.write("MATCH (c:Cell {section: $section, clusterMicro: $id}) WITH count(c) AS n "
                    + "CREATE (:Cluster {section: $section, scale: 'micro', run: $run, k: 2, id: $id, size: n, "
                    + "composition: '{}', markers: '[]'})", Map.of("section", SECTION, "id", id, "run", RUN));
        }
        // tile embeddings: HE random, ST = HE + small noise, so that retrieval finds the tile's own pair
        List<Map<String, Object>> tiles = access.read("MATCH (t:Tile {section: $section}) RETURN t.id AS id, t.nCells AS n "
                + "ORDER BY t.row, t.col", s);
        unembeddedTile = Values.asString(tiles.get(tiles.size() - 1).get("id"));
        Random random = new Random(7);
        List<Map<String, Object>> rows = new ArrayList<>();
        long best = -1;
        for (Map<String, Object> t : tiles) {
            String id = Values.asString(t.get("id"));
            if (Values.asLong(t.get("n")) > best) {
                best = Values.asLong(t.get("n"));
                denseTile = id;
            }
            if (id.equals(unembeddedTile)) {
                continue;
            }
            // property names from Scale, as EmbeddingWriter writes them; StoredNamesTest reads them by their literal names
            Map<String, Object> props = new HashMap<>();
            for (Scale scale : Scale.values()) {
                float[] he = new float[EMBEDDING_DIM];
                float[] st = new float[EMBEDDING_DIM];
                for (int d = 0; d < EMBEDDING_DIM; d++) {
                    he[d] = (float) random.nextGaussian();
                    st[d] = he[d] + 0.1f * (float) random.nextGaussian();
                }
                props.put(scale.heEmbeddingProperty(), he);
                props.put(scale.stEmbeddingProperty(), st);
            }
            rows.add(Map.of("id", id, "props", props));
        }
        access.write("UNWIND $rows AS r MATCH (t:Tile {id: r.id}) SET t += r.props, t.embeddingRun = $run",
                Map.of("rows", rows, "run", RUN));
        // cell embeddings of the run on the cells of the embedded tiles (8 values from the position), labels on every third tile
        access.write("MATCH (t:Tile {id: $tile}) MATCH (c:Cell {section: t.section}) WHERE c.tile >= 0 AND c.tile <> t.index "
                + "WITH c, [i IN range(0, 7) | c.x / 1000.0 + i] AS z "
                + "SET c." + Scale.MICRO.cellEmbeddingProperty() + " = z, c." + Scale.MESO.cellEmbeddingProperty()
                + " = [v IN z | v * 2], c." + Scale.MACRO.cellEmbeddingProperty() + " = [v IN z | v * 3], c.embeddingRun = $run",
                Map.of("tile", unembeddedTile, "run", RUN));
        access.write("MATCH (c:Cell {section: $section}) WHERE c.tile >= 0 AND c.tile % 3 = 0 "
                + "SET c.cellType = CASE c.tile % 2 WHEN 0 THEN 'Astrocyte' ELSE 'Excitatory neuron' END", s);
        // LEARNED edges in the densest tile: a chain over its first cells, meso and micro of the run, meso of another
        Map<String, Object> tp = Map.of("tile", denseTile, "run", RUN, "other", OTHER_RUN);
        access.write("MATCH (t:Tile {id: $tile}) MATCH (c:Cell {section: t.section, tile: t.index}) "
                + "WITH c ORDER BY c.cellId WITH collect(c) AS cs "
                + "UNWIND range(0, 5) AS i WITH cs[i] AS a, cs[i + 1] AS b, i "
                + "CREATE (a)-[:LEARNED {scale: 'meso', probability: 0.5 + i / 20.0, run: $run}]->(b)", tp);
        access.write("MATCH (t:Tile {id: $tile}) MATCH (c:Cell {section: t.section, tile: t.index}) "
                + "WITH c ORDER BY c.cellId WITH collect(c) AS cs "
                + "UNWIND range(0, 3) AS i WITH cs[i] AS a, cs[i + 2] AS b "
                + "CREATE (a)-[:LEARNED {scale: 'micro', probability: 0.9, run: $run}]->(b)", tp);
        access.write("MATCH (t:Tile {id: $tile}) MATCH (c:Cell {section: t.section, tile: t.index}) "
                + "WITH c ORDER BY c.cellId WITH collect(c) AS cs "
                + "UNWIND range(0, 1) AS i WITH cs[i] AS a, cs[i + 3] AS b "
                + "CREATE (a)-[:LEARNED {scale: 'meso', probability: 0.7, run: $other}]->(b)", tp);
        // runs
        RunRepository runs = new RunRepository(access);
        runs.start(RUN, "train", List.of(SECTION), "{\"epochs\": 2, \"batchSize\": 16}", "/tmp/checkpoints/" + RUN);
        runs.finish(RUN, "DONE", "{\"bestEpoch\": 1, \"bestValRecall\": 0.25}");
        runs.start(OTHER_RUN, "train", List.of(SECTION), "{\"epochs\": 1}", "/tmp/checkpoints/" + OTHER_RUN);
        // a section that failed to load
        access.write("CREATE (:Section {id: $id, name: $id, status: 'FAILED', reason: 'test: no such bundle', "
                + "ingestedAt: '2000-01-01T00:00:00Z'})", Map.of("id", BROKEN));
    }

    private static void addSimulatedSection(EmbeddedGraph g, Path bundle) {
        try {
            BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(2500, 100, 11)), bundle, f -> { });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        new SectionLoader(g).ingest(bundle, ReadOptions.defaults(),
                IngestParameters.defaults().withName(SIMULATED).withFeatures(100, 8), ProgressListener.NONE);
        new MicroenvironmentAnalysis(g.access()).run(
                MicroenvironmentParameters.of(SIMULATED, FeatureSource.EXPRESSION, SIMULATED_CLUSTERS));
        simulatedTile = Values.asString(g.access().read("MATCH (t:Tile {section: $s}) RETURN t.id AS id "
                + "ORDER BY t.nCells DESC, t.id LIMIT 1", Map.of("s", SIMULATED)).get(0).get("id"));
        g.access().write("MATCH (t:Tile {id: $tile}) MATCH (c:Cell {section: t.section, tile: t.index}) "
                + "WITH c ORDER BY c.cellId WITH collect(c) AS cs "
                + "UNWIND range(0, 7) AS i WITH cs[i] AS a, cs[i + 4] AS b, i "
                + "CREATE (a)-[:LEARNED {scale: 'meso', probability: 0.3 + i / 10.0, run: $run}]->(b)",
                Map.of("tile", simulatedTile, "run", RUN));
    }

    public static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException ignored) {
            // temp files
        }
    }
}
