package org.sigmma.ingest.load;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.Values;

/**
 * Every file of the Cypher library, run on the database holding the real sample, checked against the same
 * figure computed another way (a plain query or the ingest report).
 */
class CypherLibraryTest {

    private final EmbeddedGraph g = SampleDatabase.graph();
    private static final String S = SampleDatabase.SECTION;

    private List<Map<String, Object>> run(String name, Map<String, Object> params) {
        return g.query(CypherLibrary.query(name), params);
    }

    private long scalar(String cypher) {
        return Values.asLong(g.query(cypher, Map.of()).get(0).values().iterator().next());
    }

    @Test
    void everyLibraryFileIsCoveredHereOrByACallersTest() throws IOException {
        Path dir = Path.of("..", "cypher", "src", "main", "resources", "cypher");
        Set<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString().replace(".cypher", "")).collect(Collectors.toSet());
        }
        Set<String> tested = Set.of("schema-write", "sections-read", "section-read", "sections-loading-read",
                "tiles-by-split-read", "tile-subgraph-read", "cells-in-box-read", "section-status-write",
                "section-status-read", "delete-section-batch-write", "delete-section-tiles-write",
                "examples-neighbour-types-read", "examples-degree-distribution-read", "examples-dense-tiles-read",
                "examples-gene-hotspots-read",
                "job-create-write", "job-status-write", "job-read", "jobs-read", "jobs-queued-read", "jobs-interrupted-write",
                "job-latest-for-bundle-read", "tile-expression-read");
        // run by their callers' tests on data this module cannot make (learned edges, runs, clusters, REST pages);
        // graph-store's CypherLibraryFilesTest plans every file and checks its -read/-write name
        Set<String> elsewhere = Set.of(
                // model: GraphTrainingTest, on a trained and written-back section
                "examples-learned-type-pairs-read", "examples-learned-cross-cluster-read",
                "examples-learned-vs-near-type-pairs-read",
                // model: RunEvaluationTest (the run's learned-edge report)
                "run-learned-edges-write",
                // model: MicroenvironmentAnalysisTest; api: ClusterRoutesTest, MapAndImageRoutesTest, ClusterCellsPlanTest
                "cluster-features-count-read", "cluster-features-project-read", "cluster-kmeans-stream-read",
                "cluster-projection-drop-read", "section-cell-expression-read", "cluster-ids-remove-write",
                "cluster-ids-write", "clusters-delete-write", "clusters-create-write", "cluster-map-read",
                "cluster-legend-read", "clusters-read", "cluster-exists-read", "cluster-cells-read",
                // model: GraphTrainingTest, RunEvaluationTest, EmbedderTest; api: RunAndSystemRoutesTest, CrashRecoveryTest
                "run-read", "runs-read", "run-start-write", "run-metrics-write", "run-finish-write", "run-evaluation-write",
                "runs-interrupted-write", "runs-writing-back-read", "run-learned-undo-write",
                "run-cell-embeddings-undo-write", "run-tile-embeddings-undo-write", "run-write-back-failed-write",
                "run-write-back-started-write", "run-write-back-finished-write", "dbms-components-read", "gds-version-read",
                // graph-store: CypherLibraryFilesTest (the Cypher write path), EmbeddedGraphTest (section deletion);
                // model: RunEvaluationTest (section-genes-read)
                "section-cells-create-write", "section-near-create-write", "delete-section-write", "section-genes-read",
                // api: TileRoutesTest, SectionRoutesTest, PredictionRouteTest, SectionExportTest
                "tile-status-read", "tile-scale-subgraph-read", "tile-image-read", "tile-embedding-read",
                "tile-embeddings-read", "tile-he-embeddings-read", "tiles-in-box-read", "cells-in-box-page-read",
                "export-section-read", "export-cells-read",
                // ingest: SectionLoaderTest (a replace, failed and done); api: CrashRecoveryTest (a replace killed at
                // five points, then the sweep on restart)
                "section-swap-write", "sections-retired-read", "section-image-dir-read", "delete-section-clusters-write",
                // model: MicroenvironmentAnalysisTest (niche features on the mouse-brain sample)
                "section-cell-features-read", "section-near-edges-read", "cell-niche-features-write",
                // model: MicroenvironmentAnalysisTest (neighbourhood enrichment and co-occurrence, stored and read back)
                "section-cell-clusters-read", "cluster-neighbourhood-write", "cluster-neighbourhood-read",
                // graph-store: CypherLibraryFilesTest and Neo4jServerTest (the Cypher write path, a stopped client's
                // lease); api: ServerPathEndToEndTest (the write-back over Bolt)
                "section-create-loading-write", "section-tiles-create-write", "section-heartbeat-write",
                "run-tile-write-back-write",
                // api: RunAndSystemRoutesTest, ServerPathEndToEndTest (GET /api/health on either store)
                "database-info-read",
                // api: TileRoutesTest, ServerPathEndToEndTest (retrieval through the vector index)
                "retrieval-nearest-tiles-read");
        Set<String> all = new java.util.TreeSet<>(tested);
        all.addAll(elsewhere);
        assertEquals(new java.util.TreeSet<>(files), all, "a new .cypher file needs a test here or in a caller's test class named above");
        assertTrue(files.containsAll(CypherLibrary.EXAMPLES));
    }

    @Test
    void schemaStatementsAreIdempotent() {
        for (String stmt : CypherLibrary.statements(CypherLibrary.SCHEMA)) {
            g.db().executeTransactionally(stmt); // the store applied them once already: IF NOT EXISTS
        }
        assertEquals(CypherLibrary.statements(CypherLibrary.SCHEMA).size(),
                scalar("SHOW INDEXES YIELD name WHERE name IN ['section_id','cell_id','tile_id','run_id','cell_section_tile',"
                        + "'cell_location','tile_section_split','section_status','cell_section_cluster_expression',"
                        + "'cell_section_cluster_micro','cell_section_cluster_meso','cell_section_cluster_macro',"
                        + "'cell_section_cluster_niche_micro','cell_section_cluster_niche_meso',"
                        + "'cell_section_cluster_niche_macro','job_id','job_status','tile_he_micro','tile_he_meso','tile_he_macro',"
                        + "'tile_st_micro','tile_st_meso','tile_st_macro'] RETURN count(*)"));
    }

    @Test
    void sectionsAndSection() {
        Map<String, Object> row = run(CypherLibrary.SECTIONS, Map.of()).stream()
                .filter(r -> S.equals(r.get("id"))).findFirst().orElseThrow();
        assertEquals("READY", row.get("status"));
        assertEquals(248L, Values.asLong(row.get("nGenes")));
        assertEquals(row, run(CypherLibrary.SECTION, Map.of("section", S)).get(0));
        assertTrue(run(CypherLibrary.SECTIONS_LOADING, Map.of("staleBefore", Long.MAX_VALUE)).isEmpty());
    }

    @Test
    void tilesBySplitPartitionTheTiles() {
        long all = 0;
        for (String split : List.of("train", "val", "test")) {
            List<Map<String, Object>> rows = run(CypherLibrary.TILES_BY_SPLIT, Map.of("section", S, "split", split));
            assertTrue(rows.stream().allMatch(r -> split.equals(r.get("split"))));
            all += rows.size();
        }
        assertEquals(scalar("MATCH (t:Tile {section: '" + S + "'}) RETURN count(t)"), all);
    }

    @Test
    void tileSubgraphMatchesAPlainQuery() {
        Map<String, Object> tile = run(CypherLibrary.TILES_BY_SPLIT, Map.of("section", S, "split", "test")).get(0);
        Map<String, Object> row = run(CypherLibrary.TILE_SUBGRAPH, Map.of("tileId", tile.get("id"))).get(0);
        long index = Values.asLong(tile.get("index"));
        assertEquals(scalar("MATCH (c:Cell {section: '" + S + "', tile: " + index + "}) RETURN count(c)"),
                ((List<?>) row.get("cells")).size());
        assertEquals(scalar("MATCH (:Cell {section: '" + S + "', tile: " + index + "})-[e:NEAR]-(:Cell {section: '" + S
                + "', tile: " + index + "}) RETURN count(e) / 2"), ((List<?>) row.get("edges")).size());
    }

    @Test
    void tileExpressionReturnsTheCountsOfTheTilesCells() {
        List<Long> tiles = run(CypherLibrary.TILES_BY_SPLIT, Map.of("section", S, "split", "test")).stream()
                .limit(3).map(t -> Values.asLong(t.get("index"))).toList();
        List<Map<String, Object>> rows = run(CypherLibrary.TILE_EXPRESSION, Map.of("section", S, "tiles", tiles));
        assertEquals(scalar("MATCH (c:Cell {section: '" + S + "'}) WHERE c.tile IN " + tiles + " RETURN count(c)"), rows.size());
        long total = 0;
        for (Map<String, Object> r : rows) {
            assertTrue(tiles.contains(Values.asLong(r.get("tile"))));
            for (int v : Values.asIntArray(r.get("counts"))) {
                total += v;
            }
        }
        // the stored counts are the raw counts: their sum is the cells' transcript total
        assertEquals(scalar("MATCH (c:Cell {section: '" + S + "'}) WHERE c.tile IN " + tiles
                + " UNWIND c.counts AS v RETURN sum(v)"), total);
        assertTrue(total > 0);
        assertTrue(run(CypherLibrary.TILE_EXPRESSION, Map.of("section", "no-such-section", "tiles", tiles)).isEmpty());
    }

    @Test
    void cellsInBoxUsesCoordinates() {
        Map<String, Object> p = new HashMap<>(Map.of("section", S, "xmin", 1800.0, "ymin", 2400.0, "xmax", 1950.0, "ymax", 2600.0));
        p.put("limit", 100000);
        List<Map<String, Object>> rows = run(CypherLibrary.CELLS_IN_BOX, p);
        long expected = scalar("MATCH (c:Cell {section: '" + S + "'}) WHERE c.x >= 1800 AND c.x <= 1950 AND c.y >= 2400 AND c.y <= 2600 RETURN count(c)");
        assertEquals(expected, rows.size());
        assertTrue(expected > 0);
    }

    @Test
    void statusAndDeletionQueriesOnAScratchSection() {
        g.query("CREATE (:Section {id: 'scratch', status: 'LOADING'}) WITH 1 AS x UNWIND range(1, 25) AS i "
                + "CREATE (:Cell {id: 'scratch:' + i, section: 'scratch', cellId: toString(i), tile: 0})", Map.of());
        g.query("CREATE (:Tile {id: 'scratch:t0', section: 'scratch', index: 0})", Map.of());
        assertEquals(1, run(CypherLibrary.SECTIONS_LOADING, Map.of("staleBefore", Long.MAX_VALUE)).size());
        Map<String, Object> status = new HashMap<>(Map.of("section", "scratch", "status", "FAILED"));
        status.put("reason", "test");
        assertEquals("FAILED", run(CypherLibrary.SECTION_STATUS_WRITE, status).get(0).get("status"));
        assertEquals("FAILED", run(CypherLibrary.SECTION_STATUS, Map.of("section", "scratch")).get(0).get("status"));
        assertEquals(10L, Values.asLong(run(CypherLibrary.DELETE_SECTION_BATCH, Map.of("section", "scratch", "batch", 10)).get(0).get("deleted")));
        assertEquals(15L, Values.asLong(run(CypherLibrary.DELETE_SECTION_BATCH, Map.of("section", "scratch", "batch", 100)).get(0).get("deleted")));
        assertEquals(1L, Values.asLong(run(CypherLibrary.DELETE_SECTION_TILES, Map.of("section", "scratch")).get(0).get("deleted")));
        g.query("MATCH (s:Section {id: 'scratch'}) DELETE s", Map.of());
    }

    /** The job queue's queries on scratch jobs (their own bundle paths, removed at the end). */
    @Test
    void jobQueriesQueueRunFinishAndSweep() {
        Map<String, Object> create = new HashMap<>(Map.of("kind", "ingest", "bundle", "/scratch/a", "section", "a",
                "signature", "1 files", "source", "test", "now", "2026-01-01T00:00:00.000Z"));
        Map<String, Object> a = job(run(CypherLibrary.JOB_CREATE, create));
        create.put("bundle", "/scratch/b");
        Map<String, Object> b = job(run(CypherLibrary.JOB_CREATE, create));
        assertEquals(Values.asLong(a.get("seq")) + 1, Values.asLong(b.get("seq")), "the next sequence number");
        assertEquals("job-" + b.get("seq"), b.get("id"));
        assertEquals("QUEUED", a.get("status"));
        List<Object> queued = run(CypherLibrary.JOBS_QUEUED, Map.of()).stream().map(r -> job(List.of(r)).get("id")).toList();
        assertTrue(queued.indexOf(a.get("id")) >= 0 && queued.indexOf(a.get("id")) < queued.indexOf(b.get("id")), "oldest first");

        Map<String, Object> status = new HashMap<>();
        status.put("id", a.get("id"));
        status.put("status", "RUNNING");
        status.put("reason", null);
        status.put("outcome", null);
        status.put("section", null);
        status.put("startedAt", "2026-01-01T00:00:01.000Z");
        status.put("finishedAt", null);
        Map<String, Object> running = job(run(CypherLibrary.JOB_STATUS, status));
        assertEquals("RUNNING", running.get("status"));
        assertEquals("a", running.get("section"), "a null section keeps the stored one");
        List<Map<String, Object>> swept = run(CypherLibrary.JOBS_INTERRUPTED, Map.of("now", "2026-01-01T00:00:02.000Z"));
        assertEquals(List.of(a.get("id")), swept.stream().map(r -> r.get("id")).toList());
        Map<String, Object> failed = job(run(CypherLibrary.JOB, Map.of("id", a.get("id"))));
        assertEquals("FAILED", failed.get("status"));
        assertTrue(((String) failed.get("reason")).startsWith("interrupted"));
        assertEquals("2026-01-01T00:00:01.000Z", failed.get("startedAt"));

        List<Object> page = run(CypherLibrary.JOBS, Map.of("offset", 0, "limit", 2)).stream().map(r -> job(List.of(r)).get("id")).toList();
        assertEquals(List.of(b.get("id"), a.get("id")), page, "newest first");
        assertEquals(b.get("id"), job(run(CypherLibrary.JOB_LATEST_FOR_BUNDLE, Map.of("bundle", "/scratch/b"))).get("id"));
        assertTrue(run(CypherLibrary.JOB_LATEST_FOR_BUNDLE, Map.of("bundle", "/scratch/none")).isEmpty());
        g.query("MATCH (j:Job) WHERE j.bundle STARTS WITH '/scratch/' DELETE j", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(List<Map<String, Object>> rows) {
        return (Map<String, Object>) rows.get(0).get("job");
    }

    @Test
    void degreeDistributionSumsToTwiceTheEdges() {
        long cells = 0;
        long degreeSum = 0;
        for (Map<String, Object> r : run("examples-degree-distribution-read", Map.of("section", S))) {
            cells += Values.asLong(r.get("cells"));
            degreeSum += Values.asLong(r.get("degree")) * Values.asLong(r.get("cells"));
        }
        assertEquals(36_602, cells);
        assertEquals(2 * SampleDatabase.report().edges(), degreeSum);
    }

    @Test
    void denseTilesAreSortedAndBounded() {
        List<Map<String, Object>> rows = run("examples-dense-tiles-read", Map.of("section", S, "limit", 5));
        assertEquals(5, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(Values.asLong(rows.get(i - 1).get("nCells")) >= Values.asLong(rows.get(i).get("nCells")));
        }
        assertEquals(scalar("MATCH (t:Tile {section: '" + S + "'}) RETURN max(t.nCells)"), Values.asLong(rows.get(0).get("nCells")));
    }

    @Test
    void geneHotspotsAgreeWithASumOverCells() {
        String gene = ((String[]) g.query("MATCH (s:Section {id: '" + S + "'}) RETURN s.genes AS g", Map.of()).get(0).get("g"))[0];
        Map<String, Object> top = run("examples-gene-hotspots-read", Map.of("section", S, "gene", gene, "limit", 1)).get(0);
        long tile = Values.asLong(top.get("tile"));
        long total = 0;
        for (Map<String, Object> r : g.query("MATCH (c:Cell {section: '" + S + "', tile: " + tile + "}) RETURN c.countGenes AS g, c.counts AS v", Map.of())) {
            int[] genes = Values.asIntArray(r.get("g"));
            int[] values = Values.asIntArray(r.get("v"));
            for (int k = 0; k < genes.length; k++) {
                total += genes[k] == 0 ? values[k] : 0;
            }
        }
        assertEquals(total, Values.asLong(top.get("total")));
        assertTrue(total > 0);
    }

    @Test
    void neighbourTypesNeedLabels() {
        // the real sample ships no labels: the query runs and finds no typed pairs
        assertEquals(List.of(), run("examples-neighbour-types-read", Map.of("section", S)));
    }
}
