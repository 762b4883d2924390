package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.sigmma.model.eval.AdjustedRandIndex;
import org.sigmma.schema.Scale;
import org.sigmma.store.DriverAccess;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Neo4jServer;
import org.sigmma.store.ServerGraph;
import org.sigmma.server.ServerConfig;
import org.sigmma.server.SigmmaServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.TileInfo;
import org.sigmma.store.TileRepository;
import org.sigmma.store.TileSubgraph;
import org.sigmma.store.Values;

/**
 * The main job's commands once on the embedded database and once against a real Neo4j server over Bolt (issue 16):
 * simulate, then ingest -> train (one short epoch) -> embed -> clusters (expression and niche) on each, and the two
 * graphs compared: the same section, cells, NEAR edges, tiles and tile subgraphs; embeddings on every tile and LEARNED
 * edges on both; the same niche features; clusterings that agree; and `serve` on either store giving the same REST answers.
 */
class ServerPathEndToEndTest {

    static final int CELLS = 2000;
    static final String SECTION = "bolt-e2e";
    static final String RUN = "bolt-e2e-run";

    @TempDir
    Path tmp;

    @Test
    void theMainJobGivesTheSameGraphEmbeddedAndOnAServer() throws Exception {
        Path bundle = tmp.resolve("bundle");
        Cli.Run sim = Cli.run("simulate", "--out", bundle.toString(), "--cells", Integer.toString(CELLS), "--seed", "5",
                "--no-parquet", "--no-mex");
        assertEquals(0, sim.code(), sim.out() + sim.err());

        Path embeddedData = tmp.resolve("embedded");
        mainJob(bundle, "--data", embeddedData.toString());

        String password = "sigmma-e2e-server";
        try (Neo4jServer server = Neo4jServer.start(password)) {
            Path pw = Files.writeString(tmp.resolve("password"), password + "\n");
            Path clientData = tmp.resolve("client");
            mainJob(bundle, "--uri", server.uri(), "--password-file", pw.toString(), "--data", clientData.toString());

            Cli.Run listed = Cli.run("sections", "--uri", server.uri(), "--password-file", pw.toString());
            assertTrue(listed.out().lines().anyMatch(l -> l.startsWith(SECTION) && l.contains("READY")), listed.out());

            try (EmbeddedGraph embedded = EmbeddedGraph.open(StoreSettings.defaults(embeddedData).withoutGds());
                 DriverAccess remote = new DriverAccess(server.uri(), AuthTokens.basic(Neo4jServer.USER, password), null)) {
                compare(embedded.access(), remote);
                try (ServerGraph graph = ServerGraph.connect(server.uri(), AuthTokens.basic(Neo4jServer.USER, password), null,
                        clientData, ServerGraph.DEFAULT_LEASE)) {
                    compareRest(embedded, graph, new TileRepository(remote).tiles(SECTION, "test").get(0).id());
                }
                // tile images are cut on the client, beside each store, and the same
                assertEquals(listFiles(embeddedData.resolve("tiles").resolve(SECTION)),
                        listFiles(clientData.resolve("tiles").resolve(SECTION)));
            }
        }
    }

    private static void mainJob(Path bundle, String... store) {
        run(store, "ingest", bundle.toString(), "--name", SECTION);
        run(store, "train", "--sections", SECTION, "--run", RUN, "--epochs", "1", "--batch", "8", "--set", "cpuThreads=1");
        run(store, "embed", "--run", RUN);
        run(store, "clusters", "--section", SECTION, "--features", "expression", "--k", "4");
        run(store, "clusters", "--section", SECTION, "--features", "niche", "--scale", "meso", "--k", "4");
    }

    private static void run(String[] store, String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        for (String a : args) {
            all.add(a);
        }
        all.addAll(List.of(store));
        Cli.Run r = Cli.run(all.toArray(String[]::new));
        assertEquals(0, r.code(), String.join(" ", all) + "\n" + r.out() + r.err());
    }

    private static void compare(GraphAccess a, GraphAccess b) {
        String section = "MATCH (s:Section {id: $s}) RETURN s.status AS status, s.nCells AS cells, s.nEdges AS edges, "
                + "s.nTiles AS tiles, s.sourceDigest AS digest, s.featureDim AS dim, s.genes AS genes";
        assertEquals(normal(rows(a, section)), normal(rows(b, section)), "the Section node");
        assertEquals("READY", rows(b, section).get(0).get("status"));
        assertEquals((long) CELLS, Values.asLong(rows(b, section).get(0).get("cells")));

        String cells = "MATCH (c:Cell {section: $s}) RETURN c.id AS id, c.cellId AS cellId, c.tile AS tile, "
                + "c.microBlock AS micro, c.mesoBlock AS meso, c.x AS x, c.y AS y, c.location.x AS lx, c.cellType AS type, "
                + "c.countGenes AS genes, c.counts AS counts, c.features AS f ORDER BY id";
        assertEquals(normal(rows(a, cells)), normal(rows(b, cells)), "every cell, its counts and features");
        String near = "MATCH (x:Cell {section: $s})-[e:NEAR]->(y:Cell) RETURN x.id AS a, y.id AS b, e.distance AS d ORDER BY a, b";
        assertEquals(normal(rows(a, near)), normal(rows(b, near)), "every NEAR edge");
        String tiles = "MATCH (t:Tile {section: $s}) RETURN t.id AS id, t.index AS i, t.row AS row, t.col AS col, t.x0 AS x0, "
                + "t.y0 AS y0, t.sizeUm AS size, t.split AS split, t.nCells AS n, t.imageRef AS image ORDER BY id";
        assertEquals(normal(rows(a, tiles)), normal(rows(b, tiles)), "every tile");

        // the trainer's read: the embedded kernel path on one side, tile-subgraph-read.cypher over Bolt on the other
        TileRepository ta = new TileRepository(a);
        TileRepository tb = new TileRepository(b);
        List<TileInfo> train = ta.tiles(SECTION, "train");
        assertFalse(train.isEmpty());
        for (TileInfo t : train) {
            TileSubgraph x = ta.subgraph(t.id()).orElseThrow();
            TileSubgraph y = tb.subgraph(t.id()).orElseThrow();
            assertArrayEquals(x.cellIds(), y.cellIds(), t.id());
            assertArrayEquals(x.edgeSource(), y.edgeSource(), t.id());
            assertArrayEquals(x.edgeTarget(), y.edgeTarget(), t.id());
            assertArrayEquals(x.edgeDistance(), y.edgeDistance(), 1e-6f, t.id());
            for (int i = 0; i < x.nCells(); i++) {
                assertArrayEquals(x.features()[i], y.features()[i], t.id() + " cell " + i);
            }
        }

        long nTiles = Values.asLong(rows(a, "MATCH (t:Tile {section: $s}) RETURN count(t) AS n").get(0).get("n"));
        for (GraphAccess g : List.of(a, b)) {
            for (Scale scale : Scale.values()) {
                assertEquals(nTiles, Values.asLong(rows(g, "MATCH (t:Tile {section: $s}) WHERE t." + scale.heEmbeddingProperty()
                        + " IS NOT NULL AND t." + scale.stEmbeddingProperty() + " IS NOT NULL AND t.embeddingRun = '" + RUN
                        + "' RETURN count(t) AS n").get(0).get("n")), g.describe() + ": tile embeddings at " + scale.id());
            }
            assertTrue(Values.asLong(rows(g, "MATCH (:Cell {section: $s})-[l:LEARNED {run: '" + RUN + "'}]->() "
                    + "RETURN count(l) AS n").get(0).get("n")) > 0, g.describe() + ": LEARNED edges of the run");
            assertEquals("DONE", rows(g, "MATCH (r:Run {id: '" + RUN + "'}) RETURN r.status AS s").get(0).get("s"), g.describe());
            assertEquals("DONE", rows(g, "MATCH (r:Run {id: '" + RUN + "'}) RETURN r.writeBack AS s").get(0).get("s"), g.describe());
            assertEquals(4L, Values.asLong(rows(g, "MATCH (k:Cluster {section: $s, scale: 'expression'}) RETURN count(k) AS n")
                    .get(0).get("n")), g.describe());
        }

        // the same tiles in, the same training out: the epoch's loss to 1e-6 (the trainer is deterministic on one core)
        List<Double> losses = new ArrayList<>();
        for (GraphAccess g : List.of(a, b)) {
            String metrics = Values.asString(rows(g, "MATCH (r:Run {id: '" + RUN + "'}) RETURN r.metrics AS m").get(0).get("m"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"train_loss\"\\s*:\\s*([-0-9.eE]+)").matcher(metrics);
            assertTrue(m.find(), metrics);
            losses.add(Double.parseDouble(m.group(1)));
        }
        assertEquals(losses.get(0), losses.get(1), 1e-6, "the first epoch's training loss, embedded and over Bolt");

        // niche features are a deterministic aggregation: equal; k-means on them and on expression: the same partition
        String niche = "MATCH (c:Cell {section: $s}) RETURN c.id AS id, c.nicheMeso AS v ORDER BY id";
        assertEquals(normal(rows(a, niche)), normal(rows(b, niche)), "niche-meso features");
        for (String property : List.of("clusterExpression", "clusterNicheMeso")) {
            String q = "MATCH (c:Cell {section: $s}) RETURN c.id AS id, c." + property + " AS k ORDER BY id";
            int[] ka = clusters(rows(a, q));
            int[] kb = clusters(rows(b, q));
            double ari = AdjustedRandIndex.of(ka, kb);
            assertTrue(ari > 0.95, property + ": embedded and server clusterings agree only to ARI " + ari);
        }
    }

    /** The same REST answers from `serve` on either store (JSON trees equal, numbers to float precision). */
    private static void compareRest(EmbeddedGraph embedded, ServerGraph server, String tile) throws Exception {
        ObjectMapper json = new ObjectMapper();
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(java.time.Duration.ofSeconds(30)).build();
        List<String> paths = List.of("/api/sections/" + SECTION, "/api/sections/" + SECTION + "/clusters?scale=expression",
                "/api/sections/" + SECTION + "/clusters?scale=niche-meso",
                "/api/sections/" + SECTION + "/clusters/0/cells?scale=expression",
                "/api/tiles/" + tile + "/subgraph?scale=meso", "/api/sections/" + SECTION + "/tiles",
                "/api/tiles/" + tile + "/retrieval?scale=meso&k=5", "/api/tiles/" + tile + "/retrieval?scale=macro&k=5&scope=all");
        try (SigmmaServer a = new SigmmaServer(embedded, ServerConfig.defaults("token-a").withPort(0)).start();
             SigmmaServer b = new SigmmaServer(server, ServerConfig.defaults("token-b").withPort(0)).start()) {
            for (String path : paths) {
                JsonNode x = json.readTree(get(http, a.port(), path, 200));
                JsonNode y = json.readTree(get(http, b.port(), path, 200));
                assertSameJson(x, y, path);
            }
            assertTrue(get(http, b.port(), "/api/health", 200).contains("\"UP\""));
            assertTrue(get(http, b.port(), "/api/version", 200).contains("\"gds\":\"2."), "GDS answered by the server");
            String query = "{\"query\": \"MATCH (c:Cell {section: $s})-[:NEAR]->(d:Cell) RETURN c.cellType AS type, "
                    + "count(d) AS n ORDER BY type\", \"params\": {\"s\": \"" + SECTION + "\"}}";
            JsonNode[] answers = new JsonNode[2];
            int[] ports = {a.port(), b.port()};
            String[] tokens = {"token-a", "token-b"};
            for (int i = 0; i < 2; i++) {
                Request cypher = new Request.Builder().url("http://127.0.0.1:" + ports[i] + "/api/cypher")
                        .header("Authorization", "Bearer " + tokens[i])
                        .post(RequestBody.create(query, MediaType.get("application/json"))).build();
                try (Response r = http.newCall(cypher).execute()) {
                    String body = r.body().string();
                    assertEquals(200, r.code(), body);
                    answers[i] = json.readTree(body);
                }
            }
            assertTrue(answers[1].get("rows").size() > 0, answers[1].toString());
            assertSameJson(answers[0], answers[1], "POST /api/cypher");
        }
    }

    private static String get(OkHttpClient http, int port, String path, int status) throws java.io.IOException {
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute()) {
            String body = r.body().string();
            assertEquals(status, r.code(), path + ": " + body);
            return body;
        }
    }

    /** Equal trees, except the times the two stores recorded ({@code *At}) and numbers compared as floats. */
    private static void assertSameJson(JsonNode x, JsonNode y, String where) {
        if (x.isNumber() && y.isNumber()) {
            assertEquals((float) x.asDouble(), (float) y.asDouble(), 1e-6f * Math.max(1f, Math.abs((float) x.asDouble())), where);
            return;
        }
        assertEquals(x.getNodeType(), y.getNodeType(), where);
        if (x.isObject()) {
            List<String> fx = new ArrayList<>();
            x.fieldNames().forEachRemaining(fx::add);
            List<String> fy = new ArrayList<>();
            y.fieldNames().forEachRemaining(fy::add);
            assertEquals(new java.util.TreeSet<>(fx), new java.util.TreeSet<>(fy), where);
            for (String f : fx) {
                if (!f.endsWith("At")) {
                    assertSameJson(x.get(f), y.get(f), where + "." + f);
                }
            }
        } else if (x.isArray()) {
            assertEquals(x.size(), y.size(), where);
            for (int i = 0; i < x.size(); i++) {
                assertSameJson(x.get(i), y.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(x, y, where);
        }
    }

    private static int[] clusters(List<Map<String, Object>> rows) {
        int[] k = new int[rows.size()];
        for (int i = 0; i < k.length; i++) {
            assertNotNull(rows.get(i).get("k"), "a cluster on cell " + rows.get(i).get("id"));
            k[i] = Values.asInt(rows.get(i).get("k"));
        }
        return k;
    }

    private static List<Map<String, Object>> rows(GraphAccess g, String cypher) {
        return g.read(cypher, Map.of("s", SECTION));
    }

    /** Rows with numbers as doubles and arrays as lists, so that the embedded store's int/float and Bolt's long/double compare. */
    private static List<List<Object>> normal(List<Map<String, Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Object> row = new ArrayList<>();
            for (Map.Entry<String, Object> e : new java.util.TreeMap<>(r).entrySet()) {
                row.add(e.getKey() + "=" + value(e.getValue()));
            }
            out.add(row);
        }
        return out;
    }

    private static Object value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return (float) n.doubleValue();
        }
        if (v.getClass().isArray() || v instanceof List<?>) {
            List<Object> list = new ArrayList<>();
            if (v instanceof List<?> l) {
                l.forEach(x -> list.add(value(x)));
            } else {
                for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                    list.add(value(java.lang.reflect.Array.get(v, i)));
                }
            }
            return list;
        }
        return v;
    }

    private static List<String> listFiles(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString() + ":" + p.toFile().length()).sorted().toList();
        }
    }
}
