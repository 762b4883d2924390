package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process, as a user would type it, on the real sample and a temp data directory. */
class CommandLineTest {

    @TempDir
    Path tmp;

    @Test
    void ingestListAndQueryTheRealSample() {
        String data = tmp.resolve("data").toString();
        String sample = Path.of("..", "samples", "xenium_mouse_brain_ctx_hp").toString();
        Cli.Run ingest = Cli.run("ingest", sample, "--name", "brain", "--data", data, "--no-gds", "--pca", "16", "--neighbours", "knn", "--k", "5");
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().contains("36,602 cells"), ingest.out());

        Cli.Run sections = Cli.run("sections", "--data", data, "--no-gds");
        assertEquals(0, sections.code(), sections.err());
        assertTrue(sections.out().lines().anyMatch(l -> l.startsWith("brain") && l.contains("READY") && l.contains("36,602")), sections.out());

        Cli.Run query = Cli.run("cypher", "--data", data, "MATCH (c:Cell {section: $s}) RETURN count(c) AS n, max(size(c.features)) AS dim", "-p", "s=brain");
        assertEquals(0, query.code(), query.err());
        assertTrue(query.out().contains("36602\t16"), query.out());

        Cli.Run library = Cli.run("cypher", "--data", data, "--library", "examples-dense-tiles-read", "-p", "section=brain", "-p", "limit=3", "--json");
        assertEquals(0, library.code(), library.err());
        assertEquals(3, library.out().lines().filter(l -> l.startsWith("{")).count(), library.out());

        Cli.Run write = Cli.run("cypher", "--data", data, "MATCH (c:Cell) SET c.x = 0");
        assertEquals(1, write.code());
        assertTrue(write.err().contains("read-only"), write.err());

        // export: Parquet only here (the files are checked value by value in SectionExportTest)
        Path out = tmp.resolve("export");
        Cli.Run export = Cli.run("export", "--section", "brain", "--out", out.toString(), "--data", data, "--format", "parquet");
        assertEquals(0, export.code(), export.err());
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("brain.cells.parquet")), export.out());
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("brain.near_edges.parquet")), export.out());
        assertFalse(java.nio.file.Files.exists(out.resolve("brain.h5ad")), "h5ad was not asked for");
        Cli.Run badFormat = Cli.run("export", "--section", "brain", "--out", out.toString(), "--data", data, "--format", "parquet,csv");
        assertEquals(1, badFormat.code());
        assertTrue(badFormat.err().contains("--format: 'csv' is not parquet or h5ad"), badFormat.err());
        Cli.Run badSection = Cli.run("export", "--section", "nope", "--out", out.toString(), "--data", data);
        assertEquals(1, badSection.code());
        assertTrue(badSection.err().contains("--section: no section 'nope'"), badSection.err());

        Cli.Run missing = Cli.run("ingest", tmp.resolve("no-such-bundle").toString(), "--data", data, "--no-gds");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no-such-bundle"), missing.err());
    }

    /**
     * {@code sigmma cypher} applies the same read-only policy as {@code POST /api/cypher} (one class, ReadOnlyCypher):
     * the reads the planner misjudges, which the command line used to let through, are refused here too.
     */
    @Test
    void theCypherCommandRefusesWhatTheServerRefuses() {
        String data = tmp.resolve("guarded").toString();
        Cli.Run read = Cli.run("cypher", "--data", data, "--no-gds", "UNWIND range(1, 5) AS i RETURN sum(i) AS s");
        assertEquals(0, read.code(), read.err());
        assertTrue(read.out().contains("15"), read.out());
        String[][] refused = {
            {"LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line", "LOAD CSV"},
            {"SHOW SETTINGS", "ShowSettings"},
            {"TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "Terminate"},
            {"UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y", "IN TRANSACTIONS"},
            {"CALL db.clearQueryCaches()", "DBMS"},
            {"CREATE INDEX intruder FOR (n:Cell) ON (n.cellType)", "SCHEMA_WRITE"},
            {"CALL gds.graph.project('intruder', 'Cell', 'NEAR')", "gds.graph.project"},
        };
        for (String[] q : refused) {
            Cli.Run r = Cli.run("cypher", "--data", data, q[0]);
            assertEquals(1, r.code(), q[0] + " -> " + r.out());
            assertTrue(r.err().contains("read-only") && r.err().contains(q[1]), q[0] + " -> " + r.err());
        }
        Cli.Run labels = Cli.run("cypher", "--data", data, "--no-gds", "CALL db.labels() YIELD label RETURN count(*) AS n");
        assertEquals(0, labels.code(), labels.err());
    }
}
