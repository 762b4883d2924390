package org.sigmma.export;

import static org.junit.jupiter.api.Assertions.*;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.server.ApiTestDatabase;
import org.sigmma.store.Values;

/**
 * Exports the real sample of {@link ApiTestDatabase} (with its clusters, cell embeddings, labels and LEARNED edges)
 * and reads the files back, Parquet with DuckDB and the .h5ad with jHDF's reader, against what the graph holds.
 */
class SectionExportTest {

    private static final String S = ApiTestDatabase.SECTION;

    @TempDir
    static Path dir;
    private static SectionExport export;
    private static List<Path> parquet;
    private static Path h5ad;

    @BeforeAll
    static void exportOnce() throws Exception {
        export = new SectionExportReader(ApiTestDatabase.graph().access()).read(S);
        parquet = ParquetExport.write(export, dir);
        // a longer stale file under the temporary name: the writer must not leave its bytes in the new file
        Files.write(dir.resolve(S + ".h5ad.tmp"), filled(4 << 20));
        h5ad = H5adExport.write(export, dir);
        // -Dsigmma.export.keep=DIR keeps the files for api/src/test/python/check_h5ad.py (anndata)
        String keep = System.getProperty("sigmma.export.keep");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            for (Path p : Files.newDirectoryStream(dir, S + ".*")) {
                Files.copy(p, Path.of(keep).resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0x5a);
        return b;
    }

    private static long graphCount(String cypher) {
        return ApiTestDatabase.count(cypher, Map.of("s", S));
    }

    // ---------------------------------------------------------------- what was read

    @Test
    void readsEveryCellAndEdgeOfTheSection() {
        assertEquals(graphCount("MATCH (c:Cell {section: $s}) RETURN count(c)"), export.nCells());
        assertTrue(export.nCells() > 30000, "the real sample has 36,602 cells");
        assertEquals(graphCount("MATCH (:Cell {section: $s})-[r:NEAR]->() RETURN count(r)"), export.near().size());
        assertEquals(graphCount("MATCH (:Cell {section: $s})-[r:LEARNED]->() RETURN count(r)"), export.learned().size());
        assertEquals(12, export.learned().size(), "6 meso + 4 micro of the run, 2 meso of the other run");
        assertEquals(graphCount("MATCH (c:Cell {section: $s}) UNWIND c.counts AS v RETURN sum(v)"),
                Arrays.stream(export.countValues()).asLongStream().sum());
        assertEquals(List.of("expression", "micro"), List.copyOf(export.clusters().keySet()));
        assertEquals(3, export.embeddings().size());
        assertEquals(ApiTestDatabase.RUN, export.embeddingRun());
        assertEquals(ApiTestDatabase.RUN, H5adExport.learnedRun(export));
    }

    @Test
    void refusesUnknownAndUnreadySectionsNamingTheField() {
        SectionExportReader reader = new SectionExportReader(ApiTestDatabase.graph().access());
        var missing = assertThrows(IllegalArgumentException.class, () -> reader.read("no-such-section"));
        assertTrue(missing.getMessage().startsWith("--section: no section 'no-such-section'"), missing.getMessage());
        var failed = assertThrows(IllegalArgumentException.class, () -> reader.read(ApiTestDatabase.BROKEN));
        assertTrue(failed.getMessage().contains("is FAILED, not READY"), failed.getMessage());
    }

    // ---------------------------------------------------------------- Parquet

    @Test
    void parquetCellsMatchTheGraph() throws Exception {
        Path cells = parquet.get(0);
        assertEquals(S + ".cells.parquet", cells.getFileName().toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String from = " FROM read_parquet('" + cells + "')";
            assertEquals(export.nCells(), scalar(st, "SELECT count(*)" + from));
            assertEquals(export.nCells(), scalar(st, "SELECT count(DISTINCT cell_id)" + from));
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) WHERE c.cellType IS NOT NULL RETURN count(c)"),
                    scalar(st, "SELECT count(cell_type)" + from));
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) WHERE c.zMeso IS NOT NULL RETURN count(c)"),
                    scalar(st, "SELECT count(z_meso)" + from));
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) RETURN sum(c.clusterExpression)"),
                    scalar(st, "SELECT sum(cluster_expression)" + from));
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) WHERE c.clusterMicro IS NULL RETURN count(c)"),
                    scalar(st, "SELECT count(*)" + from + " WHERE cluster_micro IS NULL"));
            assertEquals(0, scalar(st, "SELECT count(cluster_macro)" + from), "no macro clusters in the graph");

            // cell by cell, for the cells of the dense tile (embedded, clustered) and of the tile left unembedded
            for (String tile : List.of(ApiTestDatabase.denseTile(), ApiTestDatabase.unembeddedTile())) {
                List<Map<String, Object>> expected = ApiTestDatabase.query("MATCH (t:Tile {id: $t}) "
                        + "MATCH (c:Cell {section: t.section, tile: t.index}) RETURN c.cellId AS id, c.x AS x, c.y AS y, "
                        + "t.index AS tile, t.split AS split, c.cellType AS type, c.features AS pca, c.zMicro AS zMicro, "
                        + "c.zMacro AS zMacro, c.clusterExpression AS ce, c.clusterMicro AS cm ORDER BY c.cellId LIMIT 20", Map.of("t", tile));
                assertFalse(expected.isEmpty());
                for (Map<String, Object> e : expected) {
                    try (ResultSet r = st.executeQuery("SELECT section, x_um, y_um, tile, tile_id, split, cell_type, pca, z_micro, "
                            + "z_macro, cluster_expression, cluster_micro, embedding_run" + from + " WHERE cell_id = '" + e.get("id") + "'")) {
                        assertTrue(r.next(), "cell " + e.get("id"));
                        assertEquals(S, r.getString("section"));
                        assertEquals(Values.asDouble(e.get("x")), r.getDouble("x_um"), 0);
                        assertEquals(Values.asDouble(e.get("y")), r.getDouble("y_um"), 0);
                        assertEquals(Values.asInt(e.get("tile")), r.getInt("tile"));
                        assertEquals(tile, r.getString("tile_id"));
                        assertEquals(e.get("split"), r.getString("split"));
                        assertEquals(e.get("type"), r.getString("cell_type"));
                        assertArrayEquals(Values.asFloatArray(e.get("pca")), floats(r.getArray("pca")));
                        assertEquals(Values.asInt(e.get("ce")), r.getInt("cluster_expression"));
                        assertEquals(Values.asInt(e.get("cm")), r.getInt("cluster_micro"));
                        if (e.get("zMicro") == null) {
                            assertNull(r.getArray("z_micro"));
                            assertNull(r.getArray("z_macro"));
                        } else {
                            assertArrayEquals(Values.asFloatArray(e.get("zMicro")), floats(r.getArray("z_micro")));
                            assertArrayEquals(Values.asFloatArray(e.get("zMacro")), floats(r.getArray("z_macro")));
                        }
                        assertEquals(ApiTestDatabase.RUN, r.getString("embedding_run"));
                    }
                }
            }
        }
    }

    @Test
    void parquetCountsAndEdgesMatchTheGraph() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String counts = " FROM read_parquet('" + parquet.get(1) + "')";
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) UNWIND c.counts AS v RETURN sum(v)"), scalar(st, "SELECT sum(count)" + counts));
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) RETURN sum(size(c.counts))"), scalar(st, "SELECT count(*)" + counts));
            Map<String, Object> one = ApiTestDatabase.query("MATCH (s:Section {id: $s}) MATCH (c:Cell {section: $s}) "
                    + "WITH s, c ORDER BY size(c.counts) DESC LIMIT 1 "
                    + "RETURN c.cellId AS id, [i IN range(0, size(c.counts) - 1) | s.genes[c.countGenes[i]] + '=' + c.counts[i]] AS pairs",
                    Map.of("s", S)).get(0);
            List<String> got = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT gene || '=' || count" + counts + " WHERE cell_id = '" + one.get("id") + "'")) {
                while (r.next()) {
                    got.add(r.getString(1));
                }
            }
            List<String> want = new ArrayList<>(Values.asStringArray(one.get("pairs")).length);
            want.addAll(Arrays.asList(Values.asStringArray(one.get("pairs"))));
            got.sort(null);
            want.sort(null);
            assertEquals(want, got);

            String near = " FROM read_parquet('" + parquet.get(2) + "')";
            assertEquals(export.near().size(), scalar(st, "SELECT count(*)" + near));
            Map<String, Object> edge = ApiTestDatabase.query("MATCH (a:Cell {section: $s})-[r:NEAR]->(b) "
                    + "RETURN a.cellId AS source, b.cellId AS target, r.distance AS d ORDER BY a.id, b.id LIMIT 1", Map.of("s", S)).get(0);
            try (ResultSet r = st.executeQuery("SELECT distance_um" + near + " WHERE source = '" + edge.get("source") + "' AND target = '" + edge.get("target") + "'")) {
                assertTrue(r.next());
                assertEquals(Values.asDouble(edge.get("d")), r.getFloat(1), 1e-4);
            }

            String learned = " FROM read_parquet('" + parquet.get(3) + "')";
            Map<String, Long> byRunScale = new HashMap<>();
            try (ResultSet r = st.executeQuery("SELECT run || '/' || scale, count(*)" + learned + " GROUP BY 1")) {
                while (r.next()) {
                    byRunScale.put(r.getString(1), r.getLong(2));
                }
            }
            assertEquals(Map.of(ApiTestDatabase.RUN + "/meso", 6L, ApiTestDatabase.RUN + "/micro", 4L, ApiTestDatabase.OTHER_RUN + "/meso", 2L), byRunScale);
            assertEquals(graphCount("MATCH (:Cell {section: $s})-[r:LEARNED]->() RETURN round(sum(r.probability * 1000))"),
                    scalar(st, "SELECT round(sum(probability * 1000))" + learned));
        }
    }

    // ---------------------------------------------------------------- AnnData

    @Test
    void h5adIsAnAnnDataOfTheSection() {
        try (HdfFile f = new HdfFile(h5ad)) {
            readEverything(f); // every object header and dataset of the file parses
            assertEquals("anndata", f.getAttribute("encoding-type").getData());
            int n = export.nCells();
            int genes = graphGenes();

            Group x = (Group) f.getChild("X");
            assertEquals("csr_matrix", x.getAttribute("encoding-type").getData());
            assertArrayEquals(new long[] {n, genes}, (long[]) x.getAttribute("shape").getData());
            int[] indptr = (int[]) f.getDatasetByPath("X/indptr").getData();
            float[] data = (float[]) f.getDatasetByPath("X/data").getData();
            assertEquals(n + 1, indptr.length);
            assertEquals(data.length, indptr[n]);
            double total = 0;
            for (float v : data) {
                total += v;
            }
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) UNWIND c.counts AS v RETURN sum(v)"), (long) total);

            String[] obsIndex = (String[]) f.getDatasetByPath("obs/_index").getData();
            assertArrayEquals(export.cellIds(), obsIndex);
            assertEquals(List.of("tile", "tile_id", "split", "cell_type", "cluster_expression", "cluster_micro"),
                    Arrays.asList((String[]) f.getChild("obs").getAttribute("column-order").getData()));
            String[] varIndex = (String[]) f.getDatasetByPath("var/_index").getData();
            assertArrayEquals(Values.asStringArray(ApiTestDatabase.query("MATCH (s:Section {id: $s}) RETURN s.genes AS g",
                    Map.of("s", S)).get(0).get("g")), varIndex);
            int[] hvgIndex = (int[]) f.getDatasetByPath("var/hvg_index").getData();
            assertEquals(export.hvg().length, Arrays.stream(hvgIndex).filter(v -> v >= 0).count());

            // one cell of the dense tile, field by field against the graph
            Map<String, Object> cell = ApiTestDatabase.query("MATCH (t:Tile {id: $t}) MATCH (c:Cell {section: t.section, tile: t.index}) "
                    + "RETURN c.cellId AS id, c.x AS x, c.y AS y, c.features AS pca, c.zMeso AS zMeso, c.cellType AS type, "
                    + "c.clusterMicro AS cm, c.countGenes AS genes, c.counts AS counts ORDER BY c.cellId LIMIT 1",
                    Map.of("t", ApiTestDatabase.denseTile())).get(0);
            int i = Arrays.asList(obsIndex).indexOf(Values.asString(cell.get("id")));
            double[][] spatial = (double[][]) f.getDatasetByPath("obsm/spatial").getData();
            assertEquals(Values.asDouble(cell.get("x")), spatial[i][0], 0);
            assertEquals(Values.asDouble(cell.get("y")), spatial[i][1], 0);
            assertArrayEquals(Values.asFloatArray(cell.get("pca")), ((float[][]) f.getDatasetByPath("obsm/X_pca").getData())[i]);
            assertArrayEquals(Values.asFloatArray(cell.get("zMeso")), ((float[][]) f.getDatasetByPath("obsm/X_sigmma_meso").getData())[i]);
            assertEquals(Values.asInt(cell.get("cm")), ((int[]) f.getDatasetByPath("obs/cluster_micro").getData())[i]);
            String type = cell.get("type") == null ? "" : (String) cell.get("type");
            assertEquals(type, ((String[]) f.getDatasetByPath("obs/cell_type").getData())[i]);
            int[] indices = (int[]) f.getDatasetByPath("X/indices").getData();
            Map<Integer, Integer> row = new HashMap<>();
            for (int p = indptr[i]; p < indptr[i + 1]; p++) {
                row.put(indices[p], (int) data[p]);
            }
            Map<Integer, Integer> want = new HashMap<>();
            int[] g = Values.asIntArray(cell.get("genes"));
            int[] v = Values.asIntArray(cell.get("counts"));
            for (int k = 0; k < g.length; k++) {
                want.put(g[k], v[k]);
            }
            assertEquals(want, row);

            // the cells of the unembedded tile have NaN embeddings, the others none
            float[][] zMicro = (float[][]) f.getDatasetByPath("obsm/X_sigmma_micro").getData();
            long nan = Arrays.stream(zMicro).filter(r -> Float.isNaN(r[0])).count();
            assertEquals(graphCount("MATCH (c:Cell {section: $s}) WHERE c.zMicro IS NULL RETURN count(c)"), nan);
            assertTrue(nan > 0);
            assertEquals(ApiTestDatabase.EMBEDDING_DIM, zMicro[0].length);
        }
    }

    @Test
    void h5adGraphsAreTheNearAndLearnedEdges() {
        try (HdfFile f = new HdfFile(h5ad)) {
            int n = export.nCells();
            int[] indptr = (int[]) f.getDatasetByPath("obsp/spatial_connectivities/indptr").getData();
            int[] indices = (int[]) f.getDatasetByPath("obsp/spatial_connectivities/indices").getData();
            float[] distances = (float[]) f.getDatasetByPath("obsp/spatial_distances/data").getData();
            assertEquals(n + 1, indptr.length);
            assertEquals(2L * graphCount("MATCH (:Cell {section: $s})-[r:NEAR]->() RETURN count(r)"), indices.length);
            // symmetric: every (a, b) has its (b, a) with the same distance
            Map<Long, Float> entries = new HashMap<>();
            for (int a = 0; a < n; a++) {
                for (int p = indptr[a]; p < indptr[a + 1]; p++) {
                    entries.put((long) a * n + indices[p], distances[p]);
                }
            }
            for (var e : entries.entrySet()) {
                long a = e.getKey() / n;
                long b = e.getKey() % n;
                assertEquals(e.getValue(), entries.get(b * n + a), "distance (" + a + ", " + b + ")");
            }
            // a NEAR edge of the graph, by cell ids
            Map<String, Object> edge = ApiTestDatabase.query("MATCH (a:Cell {section: $s})-[r:NEAR]->(b) "
                    + "RETURN a.cellId AS source, b.cellId AS target, r.distance AS d ORDER BY a.id DESC LIMIT 1", Map.of("s", S)).get(0);
            List<String> ids = Arrays.asList(export.cellIds());
            long key = (long) ids.indexOf(Values.asString(edge.get("source"))) * n + ids.indexOf(Values.asString(edge.get("target")));
            assertEquals(Values.asDouble(edge.get("d")), entries.get(key), 1e-4);

            // LEARNED of the embedding run: meso 6, micro 4, directed; the other run's edges stay out
            assertEquals(6, ((float[]) f.getDatasetByPath("obsp/sigmma_learned_meso/data").getData()).length);
            assertEquals(4, ((float[]) f.getDatasetByPath("obsp/sigmma_learned_micro/data").getData()).length);
            assertNull(((Group) f.getChild("obsp")).getChild("sigmma_learned_macro"));
            float[] micro = (float[]) f.getDatasetByPath("obsp/sigmma_learned_micro/data").getData();
            for (float p : micro) {
                assertEquals(0.9f, p, 1e-6);
            }
            assertEquals(ApiTestDatabase.RUN, f.getDatasetByPath("uns/sigmma/learned_run").getData());
            assertEquals(S, f.getDatasetByPath("uns/sigmma/section").getData());
            assertEquals("spatial_connectivities", f.getDatasetByPath("uns/spatial_neighbors/connectivities_key").getData());
        }
    }

    private static int graphGenes() {
        return Values.asStringArray(ApiTestDatabase.query("MATCH (s:Section {id: $s}) RETURN s.genes AS g", Map.of("s", S)).get(0).get("g")).length;
    }

    /** Reads every attribute and dataset: a damaged object header or data address fails here. */
    private static void readEverything(Group g) {
        for (Attribute a : g.getAttributes().values()) {
            a.getData();
        }
        for (Node n : g) {
            if (n instanceof Group c) {
                readEverything(c);
            } else {
                n.getAttributes().values().forEach(Attribute::getData);
                assertNotNull(((Dataset) n).getData(), n.getPath());
            }
        }
    }

    private static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet r = st.executeQuery(sql)) {
            assertTrue(r.next());
            return r.getLong(1);
        }
    }

    private static float[] floats(Array a) throws Exception {
        Object[] o = (Object[]) a.getArray();
        float[] out = new float[o.length];
        for (int i = 0; i < o.length; i++) {
            out[i] = ((Number) o[i]).floatValue();
        }
        return out;
    }
}
