package org.sigmma.ingest.load;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.xenium.BundleException;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.SectionInfo;
import org.sigmma.store.SectionRepository;
import org.sigmma.store.TileInfo;
import org.sigmma.store.TileRepository;
import org.sigmma.store.TileSubgraph;
import org.sigmma.store.Values;
import org.sigmma.store.write.EmbeddedSectionWriter;
import org.sigmma.store.write.SectionData;

class SectionLoaderTest {

    @TempDir
    Path tmp;

    private static long count(EmbeddedGraph g, String cypher) {
        return Values.asLong(g.query(cypher, Map.of()).get(0).values().iterator().next());
    }

    @Test
    void theRealSampleIngestsCompletely() {
        EmbeddedGraph g = SampleDatabase.graph();
        IngestReport r = SampleDatabase.report();
        assertEquals(36_602, r.cells());
        assertEquals(248, r.genes());
        SectionInfo s = new SectionRepository(g.access()).section(SampleDatabase.SECTION).orElseThrow();
        assertTrue(s.ready());
        assertEquals(36_602L, s.nCells());
        assertEquals(36_602L, count(g, "MATCH (c:Cell {section: 'mouse-brain'}) RETURN count(c)"));
        assertEquals(r.edges(), count(g, "MATCH (:Cell {section: 'mouse-brain'})-[e:NEAR]->() RETURN count(e)"));
        // Delaunay pruned at 30 um on a dense brain section: between 2 and 3 edges per cell (a planar graph has < 3n)
        assertTrue(r.edgesPerCell() > 2.0 && r.edgesPerCell() < 3.0, "edges per cell " + r.edgesPerCell());
        assertTrue(r.tiles() > 50, "tiles " + r.tiles());
        // every kept cell's block ids agree with the tile geometry (docs/method.md)
        List<Map<String, Object>> bad = g.query("MATCH (t:Tile {section: 'mouse-brain'}) MATCH (c:Cell {section: 'mouse-brain', tile: t.index}) "
                + "WHERE c.mesoBlock <> toInteger(floor((c.y - t.y0) / 64.0)) * 2 + toInteger(floor((c.x - t.x0) / 64.0)) "
                + "   OR c.microBlock <> toInteger(floor((c.y - t.y0) / 32.0)) * 4 + toInteger(floor((c.x - t.x0) / 32.0)) "
                + "RETURN c.cellId AS id LIMIT 5", Map.of());
        assertEquals(List.of(), bad);
        // features: PCA of the expression, 64 numbers per cell, not all zero
        float[] f = Values.asFloatArray(g.query("MATCH (c:Cell {section: 'mouse-brain', cellId: '1'}) RETURN c.features AS f", Map.of()).get(0).get("f"));
        assertEquals(64, f.length);
        double norm = 0;
        for (float v : f) {
            norm += v * v;
        }
        assertTrue(norm > 0);
    }

    @Test
    void splitsAreStoredAndTileSubgraphsReadBack() {
        EmbeddedGraph g = SampleDatabase.graph();
        TileRepository tiles = new TileRepository(g.access());
        int total = 0;
        for (String split : List.of("train", "val", "test")) {
            List<TileInfo> list = tiles.tiles(SampleDatabase.SECTION, split);
            assertFalse(list.isEmpty(), split);
            total += list.size();
        }
        assertEquals(SampleDatabase.report().tiles(), total);
        TileInfo t = tiles.tiles(SampleDatabase.SECTION, "train").get(0);
        TileSubgraph sg = tiles.subgraph(t.id()).orElseThrow();
        assertEquals(t.nCells(), sg.nCells());
        for (int i = 0; i < sg.nCells(); i++) {
            assertTrue(sg.x()[i] >= t.x0() && sg.x()[i] <= t.x0() + t.sizeUm() + 1e-3);
        }
        long inner = count(g, "MATCH (a:Cell {section: 'mouse-brain', tile: " + t.index() + "})-[e:NEAR]->(b:Cell {section: 'mouse-brain', tile: " + t.index() + "}) RETURN count(e)");
        assertEquals(inner, sg.nEdges());
    }

    @Test
    void theSameBundleAgainIsANoOp() {
        EmbeddedGraph g = SampleDatabase.graph();
        long before = count(g, "MATCH (c:Cell) RETURN count(c)");
        IngestReport again = new SectionLoader(g).ingest(SampleDatabase.SAMPLE, ReadOptions.defaults(),
                IngestParameters.defaults().withName(SampleDatabase.SECTION), ProgressListener.NONE);
        assertEquals(IngestReport.Outcome.UNCHANGED, again.outcome());
        assertEquals(before, count(g, "MATCH (c:Cell) RETURN count(c)"));
    }

    @Test
    void badInputLeavesTheDatabaseAsItWas() throws IOException {
        EmbeddedGraph g = SampleDatabase.graph();
        long cells = count(g, "MATCH (c:Cell) RETURN count(c)");
        long sections = count(g, "MATCH (s:Section) RETURN count(s)");
        Path broken = copySample(tmp.resolve("nan-bundle"));
        rewriteCells(broken, 5, line -> line.replaceFirst("^(\\d+),[^,]+,", "$1,NaN,"));
        BundleException e = assertThrows(BundleException.class, () -> new SectionLoader(g).ingest(broken,
                ReadOptions.defaults(), IngestParameters.defaults().withName("broken"), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("cells.csv.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("x_centroid"), e.getMessage());
        assertEquals(cells, count(g, "MATCH (c:Cell) RETURN count(c)"));
        assertEquals(sections, count(g, "MATCH (s:Section) RETURN count(s)"));
    }

    @Test
    void aChangedBundleIsRefusedUnlessReplaced() throws IOException {
        EmbeddedGraph g = SampleDatabase.graph();
        Path small = tmp.resolve("small");
        copySample(small);
        // keep the first 2,000 cells of the table: the matrix then holds more barcodes than the table
        // has cells, which the reader refuses; so shift coordinates instead, same cells, new content
        rewriteCells(small, Integer.MAX_VALUE, line -> {
            String[] f = line.split(",", -1);
            f[1] = Double.toString(Double.parseDouble(f[1]) + 1.0);
            return String.join(",", f);
        });
        IngestParameters p = IngestParameters.defaults().withName("replace-me").withFeatures(2000, 8);
        SectionLoader loader = new SectionLoader(g);
        assertEquals(IngestReport.Outcome.LOADED, loader.ingest(SampleDatabase.SAMPLE, ReadOptions.defaults(), p, ProgressListener.NONE).outcome());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> loader.ingest(small, ReadOptions.defaults(), p, ProgressListener.NONE));
        assertTrue(refused.getMessage().contains("--replace"), refused.getMessage());
        g.query("CREATE (:Cluster {section: 'replace-me', scale: 'expression', k: 2, id: 0})", Map.of());

        // a replace that fails while writing its new version leaves the old section READY and whole
        SectionLoader dying = new SectionLoader(g, store -> (data, progress) -> {
            new EmbeddedSectionWriter(g.db()).createLoadingSection(data);
            throw new IllegalStateException("simulated failure while staging");
        });
        IngestException failed = assertThrows(IngestException.class,
                () -> dying.ingest(small, ReadOptions.defaults(), p.withReplace(true), ProgressListener.NONE));
        assertTrue(failed.getMessage().contains("unchanged and READY"), failed.getMessage());
        assertEquals("READY", new SectionRepository(g.access()).section("replace-me").orElseThrow().status());
        assertEquals(36_602L, count(g, "MATCH (c:Cell {section: 'replace-me'}) RETURN count(c)"));
        assertEquals(1898.8149169921874, Values.asDouble(g.query(
                "MATCH (c:Cell {section: 'replace-me', cellId: '1'}) RETURN c.x AS x", Map.of()).get(0).get("x")), 1e-9);
        assertEquals(0, count(g, "MATCH (s:Section) WHERE s.id CONTAINS '~' RETURN count(s)"), "the staged version is gone");

        IngestReport replaced = loader.ingest(small, ReadOptions.defaults(), p.withReplace(true), ProgressListener.NONE);
        assertEquals(IngestReport.Outcome.REPLACED, replaced.outcome());
        assertEquals(0, count(g, "MATCH (s:Section) WHERE s.id CONTAINS '~' RETURN count(s)"), "the old version is swept");
        assertEquals(0, count(g, "MATCH (k:Cluster {section: 'replace-me'}) RETURN count(k)"),
                "the old version's clusters went with it");
        assertEquals(36_602L, count(g, "MATCH (c:Cell {section: 'replace-me'}) WHERE c.id = 'replace-me:' + c.cellId "
                + "RETURN count(c)"), "the new cells carry the section's own ids");
        // never a mixture: every cell is from the new bundle (x shifted by 1 um), none twice
        assertEquals(36_602L, count(g, "MATCH (c:Cell {section: 'replace-me'}) RETURN count(c)"));
        assertEquals(1898.8149169921874 + 1.0, Values.asDouble(g.query(
                "MATCH (c:Cell {section: 'replace-me', cellId: '1'}) RETURN c.x AS x", Map.of()).get(0).get("x")), 1e-9);
        new SectionRepository(g.access()).delete("replace-me");
    }

    @Test
    void aFailureWhileWritingLeavesAFailedSectionAndNoCells() {
        EmbeddedGraph g = SampleDatabase.graph();
        long cells = count(g, "MATCH (c:Cell) RETURN count(c)");
        // a writer that stores the cells, then dies before the edges (as a full disk or a killed transaction would)
        SectionLoader loader = new SectionLoader(g, store -> (data, progress) -> {
            EmbeddedSectionWriter real = new EmbeddedSectionWriter(g.db(), 5_000);
            SectionData cellsOnly = new SectionData(data.id(), data.name(), data.tissue(), data.pixelSizeUm(),
                    data.tileSizePx(), data.widthUm(), data.heightUm(), data.genes(), data.hvg(), data.sourceDigest(),
                    data.cellIds(), data.x(), data.y(), data.tile(), data.microBlock(), data.mesoBlock(),
                    data.countIndptr(), data.countGenes(), data.countValues(), data.features(), data.featureDim(),
                    data.cellTypes(), new int[0], new int[0], new float[0], new SectionData.TileRow[0], data.properties());
            real.write(cellsOnly, progress);
            throw new IllegalStateException("simulated failure after the cells");
        });
        IngestException e = assertThrows(IngestException.class, () -> loader.ingest(SampleDatabase.SAMPLE,
                ReadOptions.defaults(), IngestParameters.defaults().withName("dies-midway").withFeatures(2000, 8), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());
        SectionInfo s = new SectionRepository(g.access()).section("dies-midway").orElseThrow();
        assertEquals("FAILED", s.status());
        assertTrue(s.reason().contains("simulated failure"), s.reason());
        assertEquals(cells, count(g, "MATCH (c:Cell) RETURN count(c)"));
        new SectionRepository(g.access()).delete("dies-midway");
    }

    interface LineEdit {
        String apply(String line);
    }

    static Path copySample(Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.walk(SampleDatabase.SAMPLE)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(SampleDatabase.SAMPLE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Rewrites data lines 1..upTo of cells.csv.gz through the edit (the header is kept). */
    static void rewriteCells(Path bundle, int upTo, LineEdit edit) throws IOException {
        Path cells = bundle.resolve("cells.csv.gz");
        List<String> lines;
        try (var in = new GZIPInputStream(Files.newInputStream(cells))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            sb.append(i <= upTo ? edit.apply(lines.get(i)) : lines.get(i)).append('\n');
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(cells))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
