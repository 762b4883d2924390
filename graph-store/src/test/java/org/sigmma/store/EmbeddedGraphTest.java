package org.sigmma.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sigmma.store.write.EmbeddedSectionWriter;
import org.sigmma.store.write.SectionData;

/** One real embedded database for the class (a fresh store costs ~0.5 GB and ~10 s). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedGraphTest {

    Path dir;
    EmbeddedGraph graph;
    SectionData grid;
    static final int BOLT_PORT = FreePort.find();

    @BeforeAll
    void open() throws java.io.IOException {
        dir = TempDirs.create("graph-store-test");
        graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("db")).withPageCache(64L << 20).withBoltPort(BOLT_PORT));
        grid = SyntheticSections.grid("grid-a", 12, 1);
        new EmbeddedSectionWriter(graph.db(), 50).write(grid, p -> { });
        new SectionRepository(graph.access()).setStatus("grid-a", SectionStatus.READY, null);
    }

    @AfterAll
    void close() {
        graph.close();
        TempDirs.delete(dir);
    }

    @Test
    void gdsProceduresAreRegistered() {
        List<Map<String, Object>> rows = graph.query("RETURN gds.version() AS v", Map.of());
        assertTrue(Values.asString(rows.get(0).get("v")).startsWith("2.13"), rows.toString());
        // a projection and an algorithm over the NEAR graph: every cell of the grid is in one component
        graph.query("MATCH (a:Cell {section: 'grid-a'})-[:NEAR]->(b:Cell) "
                + "WITH gds.graph.project('near-a', a, b) AS g RETURN g.nodeCount AS n", Map.of());
        List<Map<String, Object>> wcc = graph.query(
                "CALL gds.wcc.stats('near-a') YIELD componentCount RETURN componentCount", Map.of());
        assertEquals(1L, Values.asLong(wcc.get(0).get("componentCount")));
        graph.query("CALL gds.graph.drop('near-a') YIELD graphName RETURN graphName", Map.of());
    }

    @Test
    void schemaHasConstraintsAndIndexes() {
        Set<String> names = new HashSet<>();
        graph.query("SHOW INDEXES YIELD name RETURN name", Map.of()).forEach(r -> names.add((String) r.get("name")));
        assertTrue(names.containsAll(List.of("section_id", "cell_id", "tile_id", "cell_section_tile", "cell_location")), names.toString());
    }

    @Test
    void writerStoresEverythingOnce() {
        Map<String, Object> r = graph.query("MATCH (c:Cell {section: 'grid-a'}) WITH count(c) AS cells "
                + "MATCH (:Cell {section: 'grid-a'})-[e:NEAR]->() RETURN cells, count(e) AS edges", Map.of()).get(0);
        assertEquals((long) grid.nCells(), Values.asLong(r.get("cells")));
        assertEquals((long) grid.nEdges(), Values.asLong(r.get("edges")));
        SectionInfo s = new SectionRepository(graph.access()).section("grid-a").orElseThrow();
        assertTrue(s.ready());
        assertEquals(grid.nCells(), s.nCells());
        assertEquals(grid.tiles().length, s.nTiles());
    }

    @Test
    void tileSubgraphHasTheTilesCellsAndInnerEdges() {
        TileRepository tiles = new TileRepository(graph.access());
        TileSubgraph sg = tiles.subgraph(SectionData.tileNodeId("grid-a", 5)).orElseThrow();
        // brute force from the data we wrote
        Set<Integer> inTile = new HashSet<>();
        for (int i = 0; i < grid.nCells(); i++) {
            if (grid.tile()[i] == 5) {
                inTile.add(i);
            }
        }
        assertEquals(inTile.size(), sg.nCells());
        int inner = 0;
        for (int k = 0; k < grid.nEdges(); k++) {
            if (inTile.contains(grid.edgeSource()[k]) && inTile.contains(grid.edgeTarget()[k])) {
                inner++;
            }
        }
        assertEquals(inner, sg.nEdges());
        for (int e = 0; e < sg.nEdges(); e++) {
            int a = sg.edgeSource()[e];
            int b = sg.edgeTarget()[e];
            double d = Math.hypot(sg.x()[a] - sg.x()[b], sg.y()[a] - sg.y()[b]);
            assertEquals(d, sg.edgeDistance()[e], 1e-3);
        }
        for (int i = 0; i < sg.nCells(); i++) {
            int cell = Integer.parseInt(sg.cellIds()[i]) - 1;
            assertEquals(grid.mesoBlock()[cell], sg.mesoBlock()[i]);
            assertEquals(grid.microBlock()[cell], sg.microBlock()[i]);
            assertEquals(grid.features()[cell * 4 + 2], sg.features()[i][2]);
        }
    }

    @Test
    void coreApiAndCypherTileReadsAgree() {
        TileRepository tiles = new TileRepository(graph.access());
        for (int t = 0; t < grid.tiles().length; t++) {
            String id = SectionData.tileNodeId("grid-a", t);
            TileSubgraph a = tiles.subgraph(id).orElseThrow();
            TileSubgraph b = tiles.subgraphByCypher(id).orElseThrow();
            assertEquals(b.tile(), a.tile());
            assertArrayEquals(b.cellIds(), a.cellIds());
            assertArrayEquals(b.x(), a.x());
            assertArrayEquals(b.mesoBlock(), a.mesoBlock());
            assertArrayEquals(b.cellTypes(), a.cellTypes());
            java.util.Set<String> ea = new java.util.HashSet<>();
            java.util.Set<String> eb = new java.util.HashSet<>();
            for (int e = 0; e < a.nEdges(); e++) {
                ea.add(a.edgeSource()[e] + "-" + a.edgeTarget()[e] + ":" + a.edgeDistance()[e]);
            }
            for (int e = 0; e < b.nEdges(); e++) {
                eb.add(b.edgeSource()[e] + "-" + b.edgeTarget()[e] + ":" + b.edgeDistance()[e]);
            }
            assertEquals(eb, ea);
        }
    }

    @Test
    void tilesBySplitAndCellsInBox() {
        TileRepository tiles = new TileRepository(graph.access());
        long expectedVal = java.util.Arrays.stream(grid.tiles()).filter(t -> t.split().equals("val")).count();
        assertEquals(expectedVal, tiles.tiles("grid-a", "val").size());
        List<CellPoint> box = tiles.cellsInBox("grid-a", 0, 0, 35, 25, 1000);
        long expected = java.util.stream.IntStream.range(0, grid.nCells())
                .filter(i -> grid.x()[i] >= 0 && grid.x()[i] <= 35 && grid.y()[i] >= 0 && grid.y()[i] <= 25).count();
        assertEquals(expected, box.size());
        assertTrue(box.stream().allMatch(c -> c.x() <= 35 && c.y() <= 25));
    }

    @Test
    void loadingSectionsAreInvisibleAndSweptOnRecovery() {
        SectionData half = SyntheticSections.grid("grid-half", 6, 2);
        new EmbeddedSectionWriter(graph.db(), 10).write(half, p -> { });
        TileRepository tiles = new TileRepository(graph.access());
        assertTrue(tiles.subgraph(SectionData.tileNodeId("grid-half", 0)).isEmpty(), "a LOADING section must be invisible");
        assertTrue(tiles.tiles("grid-half", "train").isEmpty());
        SectionRepository sections = new SectionRepository(graph.access());
        assertEquals(1, sections.recoverInterrupted());
        assertEquals("FAILED", sections.section("grid-half").orElseThrow().status());
        assertEquals(0L, Values.asLong(graph.query("MATCH (c:Cell {section: 'grid-half'}) RETURN count(c) AS n", Map.of()).get(0).get("n")));
        // the READY section is untouched
        assertEquals((long) grid.nCells(), Values.asLong(graph.query("MATCH (c:Cell {section: 'grid-a'}) RETURN count(c) AS n", Map.of()).get(0).get("n")));
        sections.delete("grid-half");
    }

    @Test
    void theSameTypedReadsRunOverBolt() {
        try (DriverAccess bolt = DriverAccess.connect(graph.boltUri())) {
            TileRepository viaBolt = new TileRepository(bolt);
            TileRepository embedded = new TileRepository(graph.access());
            String tileId = SectionData.tileNodeId("grid-a", 5);
            TileSubgraph a = viaBolt.subgraph(tileId).orElseThrow();
            TileSubgraph b = embedded.subgraph(tileId).orElseThrow();
            assertArrayEquals(b.cellIds(), a.cellIds());
            assertArrayEquals(b.edgeSource(), a.edgeSource());
            assertArrayEquals(b.features()[0], a.features()[0]);
            assertEquals(new SectionRepository(graph.access()).sections().size(), new SectionRepository(bolt).sections().size());
            assertEquals(embedded.tiles("grid-a", "train"), viaBolt.tiles("grid-a", "train"));
        }
    }
}
