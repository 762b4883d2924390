package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.schema.FeatureSource;
import org.sigmma.schema.Scale;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;

/**
 * The main job as a user runs it, on the command line in-process: {@code sigmma demo} with small sizes (simulate ->
 * ingest -> train -> embed -> evaluate -> clusters and maps at every feature source -> the library query), then
 * {@code sigmma export}. Asserts what each step leaves behind: counts on the graph, the run and its evaluation,
 * embeddings at every scale, learned edges, clusters on every cell, PNGs that decode, the exported files.
 */
class MainJobTest {

    static final int CELLS = 3000;
    static final int K = 4;

    @TempDir
    Path tmp;

    @Test
    void theDemoAndTheExportLeaveEveryStepsOutput() throws IOException {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("demo-output");
        String section = "demo-3";
        String runId = "demo-run-3";
        Cli.Run demo = Cli.run("demo", "--data", data.toString(), "--out", out.toString(), "--cells", Integer.toString(CELLS),
                "--epochs", "2", "--batch", "8", "--k", Integer.toString(K), "--seed", "3");
        assertEquals(0, demo.code(), demo.out() + demo.err());
        assertTrue(demo.out().contains("demo done"), demo.out());
        assertTrue(Files.isDirectory(out.resolve("bundle")), "the simulated bundle");

        try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(data).withoutGds())) {
            Map<String, Object> s = one(graph, "MATCH (s:Section {id: $s}) RETURN s.status AS status, s.nCells AS n", section);
            assertEquals("READY", s.get("status"));
            assertEquals(CELLS, count(graph, "MATCH (c:Cell {section: $s}) RETURN count(c) AS n", section));
            long near = count(graph, "MATCH (:Cell {section: $s})-[r:NEAR]->() RETURN count(r) AS n", section);
            assertTrue(near > 2L * CELLS && near < 4L * CELLS, near + " NEAR edges for " + CELLS + " cells (Delaunay: about 3 per cell)");
            for (String split : List.of("train", "val", "test")) {
                assertTrue(count(graph, "MATCH (t:Tile {section: $s, split: '" + split + "'}) RETURN count(t) AS n", section) > 0,
                        "tiles in the " + split + " split");
            }

            Map<String, Object> r = one(graph, "MATCH (r:Run {id: $s}) RETURN r.status AS status, r.evaluation AS evaluation, "
                    + "r.metrics AS metrics", runId);
            assertEquals("DONE", r.get("status"));
            assertNotNull(r.get("metrics"), "the run's metrics per epoch");
            assertTrue(Values.asString(r.get("evaluation")).contains("{"), "the evaluation's JSON on the run");

            long tiles = count(graph, "MATCH (t:Tile {section: $s}) RETURN count(t) AS n", section);
            // cells of dropped (too sparse) tiles carry tile -1 and get no embedding
            long tiled = count(graph, "MATCH (c:Cell {section: $s}) WHERE c.tile >= 0 RETURN count(c) AS n", section);
            assertTrue(tiled > 0.9 * CELLS, tiled + " of " + CELLS + " cells in kept tiles");
            for (Scale scale : Scale.values()) {
                assertEquals(tiles, count(graph, "MATCH (t:Tile {section: $s}) WHERE t." + scale.heEmbeddingProperty()
                        + " IS NOT NULL AND t." + scale.stEmbeddingProperty() + " IS NOT NULL RETURN count(t) AS n", section),
                        "both modalities' tile embeddings at " + scale.id());
                assertEquals(tiled, count(graph, "MATCH (c:Cell {section: $s}) WHERE c." + scale.cellEmbeddingProperty()
                        + " IS NOT NULL RETURN count(c) AS n", section), "cell embeddings at " + scale.id());
            }
            assertTrue(count(graph, "MATCH (:Cell {section: $s})-[l:LEARNED]->() WHERE l.run = '" + runId
                    + "' RETURN count(l) AS n", section) > 0, "learned edges written back");

            for (FeatureSource source : FeatureSource.all()) {
                long clusters = count(graph, "MATCH (k:Cluster {section: $s, scale: '" + source.id() + "'}) RETURN count(k) AS n",
                        section);
                assertTrue(clusters >= 2 && clusters <= K, clusters + " clusters from " + source.id());
                // embeddings exist for the cells of kept tiles; expression and niche features for every cell
                long expected = Scale.ids().contains(source.id()) ? tiled : CELLS;
                assertEquals(expected, count(graph, "MATCH (c:Cell {section: $s}) WHERE c." + source.clusterProperty()
                        + " IS NOT NULL RETURN count(c) AS n", section), "cells with a cluster from " + source.id());
                BufferedImage map = ImageIO.read(out.resolve(section + "-" + source.id() + ".png").toFile());
                assertNotNull(map, "the map of " + source.id() + " decodes");
                assertTrue(map.getWidth() > 200 && map.getHeight() > 100, source.id() + " map " + map.getWidth() + "x" + map.getHeight());
            }
        }
        for (String picture : List.of(DemoPictures.CURVES, DemoPictures.RECALL, DemoPictures.ENRICHMENT)) {
            assertNotNull(ImageIO.read(out.resolve(picture).toFile()), picture + " decodes");
        }

        Path exported = tmp.resolve("export");
        Cli.Run export = Cli.run("export", "--section", section, "--data", data.toString(), "--out", exported.toString());
        assertEquals(0, export.code(), export.out() + export.err());
        for (String file : List.of(section + ".cells.parquet", section + ".near_edges.parquet")) {
            try (InputStream in = Files.newInputStream(exported.resolve(file))) {
                assertArrayEquals("PAR1".getBytes(StandardCharsets.US_ASCII), in.readNBytes(4), file + " is Parquet");
            }
        }
        try (InputStream in = Files.newInputStream(exported.resolve(section + ".h5ad"))) {
            byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
            assertArrayEquals(signature, in.readNBytes(8), "the .h5ad is HDF5");
        }
    }

    private static Map<String, Object> one(EmbeddedGraph graph, String cypher, String id) {
        List<Map<String, Object>> rows = graph.query(cypher, Map.of("s", id));
        assertEquals(1, rows.size(), cypher);
        return rows.get(0);
    }

    private static long count(EmbeddedGraph graph, String cypher, String section) {
        return Values.asLong(one(graph, cypher, section).get("n"));
    }
}
