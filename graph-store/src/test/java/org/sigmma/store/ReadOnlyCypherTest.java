package org.sigmma.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.graphdb.Transaction;
import org.sigmma.store.ReadOnlyCypher.RefusedQueryException;
import org.sigmma.store.write.EmbeddedSectionWriter;

/**
 * The read-only Cypher policy shared by {@code sigmma cypher} and {@code POST /api/cypher}, over a real embedded
 * database with GDS registered: every kind of write is refused and leaves the database as it was (nodes, relationships,
 * labels, properties, indexes, the GDS catalog), reads run, and the transaction itself cannot write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyCypherTest {

    Path dir;
    EmbeddedGraph graph;
    ReadOnlyCypher cypher;

    @BeforeAll
    void open() throws java.io.IOException {
        dir = TempDirs.create("read-only-cypher-test");
        graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("db")).withPageCache(64L << 20));
        new EmbeddedSectionWriter(graph.db(), 50).write(SyntheticSections.grid("grid-a", 6, 1), p -> { });
        new SectionRepository(graph.access()).setStatus("grid-a", SectionStatus.READY, null);
        cypher = new ReadOnlyCypher(graph.db(), ReadOnlyCypher.Limits.of(Duration.ofSeconds(10), 100));
    }

    @AfterAll
    void close() {
        graph.close();
        TempDirs.delete(dir);
    }

    /** What a write of any kind would change. */
    List<Object> fingerprint() {
        return List.of(
                graph.query("MATCH (n) RETURN count(n) AS n", Map.of()),
                graph.query("MATCH ()-[r]->() RETURN count(r) AS n", Map.of()),
                graph.query("CALL db.labels() YIELD label RETURN collect(label) AS l", Map.of()),
                graph.query("CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS k", Map.of()),
                graph.query("MATCH (c:Cell) RETURN sum(c.x) AS x, count(c.y) AS y, collect(c.cellType) AS t", Map.of()),
                graph.query("MATCH (s:Section) RETURN collect(s.status) AS s", Map.of()),
                graph.query("SHOW INDEXES YIELD name RETURN collect(name) AS n", Map.of()),
                graph.query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS n", Map.of()),
                graph.query("CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS g", Map.of()));
    }

    /** Refused with a message containing {@code because}, and nothing changed. */
    void assertRefused(String query, String because) {
        List<Object> before = fingerprint();
        RefusedQueryException e = assertThrows(RefusedQueryException.class, () -> cypher.run(query, Map.of()), query);
        assertTrue(e.getMessage().contains(because), query + " -> " + e.getMessage());
        assertEquals(before, fingerprint(), "nothing changed after " + query);
    }

    /** Refused, or rejected by Neo4j as not runnable here: either way an exception and nothing changed. */
    void assertNotRun(String query) {
        List<Object> before = fingerprint();
        RuntimeException e = assertThrows(RuntimeException.class, () -> cypher.run(query, Map.of()), query);
        assertNotNull(e.getMessage(), query);
        assertEquals(before, fingerprint(), "nothing changed after " + query);
    }

    @Test
    void refusesCreate() {
        assertRefused("CREATE (n:Intruder {name: 'x'}) RETURN n", "READ_WRITE");
        assertRefused("MATCH (a:Cell), (b:Cell) WITH a, b LIMIT 1 CREATE (a)-[:INTRUDES]->(b)", "WRITE");
    }

    @Test
    void refusesMerge() {
        assertRefused("MERGE (s:Section {id: 'grid-a'}) ON MATCH SET s.status = 'FAILED' RETURN s", "READ_WRITE");
        assertRefused("MERGE (n:Intruder)", "WRITE");
    }

    @Test
    void refusesSet() {
        assertRefused("MATCH (c:Cell) SET c.x = 0 RETURN count(c)", "READ_WRITE");
        assertRefused("MATCH (c:Cell) SET c:Intruder", "WRITE");
        assertRefused("MATCH (c:Cell) SET c += {cellType: 'x'}", "WRITE");
    }

    @Test
    void refusesRemove() {
        assertRefused("MATCH (c:Cell) REMOVE c.x RETURN count(c)", "READ_WRITE");
        assertRefused("MATCH (c:Cell) REMOVE c:Cell", "WRITE");
    }

    @Test
    void refusesDeleteAndDetachDelete() {
        assertRefused("MATCH ()-[r:NEAR]->() DELETE r", "WRITE");
        assertRefused("MATCH (c:Cell) DETACH DELETE c", "WRITE");
    }

    @Test
    void refusesForeachWithWrites() {
        assertRefused("MATCH (c:Cell) FOREACH (i IN [1] | SET c.y = i)", "WRITE");
        assertRefused("FOREACH (i IN range(1, 3) | CREATE (:Intruder {i: i}))", "WRITE");
    }

    @Test
    void refusesCallInTransactions() {
        assertRefused("MATCH (c:Cell) CALL (c) { SET c.x = 0 } IN TRANSACTIONS OF 100 ROWS", "WRITE");
        // even a read in batched transactions: it needs transactions of its own
        assertRefused("UNWIND [1, 2] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y", "IN TRANSACTIONS");
    }

    @Test
    void refusesSchemaCommands() {
        assertRefused("CREATE INDEX intruder IF NOT EXISTS FOR (n:Cell) ON (n.cellType)", "SCHEMA_WRITE");
        assertRefused("DROP INDEX cell_location", "SCHEMA_WRITE");
        assertRefused("CREATE CONSTRAINT intruder FOR (n:Intruder) REQUIRE n.id IS UNIQUE", "SCHEMA_WRITE");
        assertRefused("DROP CONSTRAINT section_id", "SCHEMA_WRITE");
    }

    @Test
    void refusesLoadCsv() {
        assertRefused("LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line", "LOAD CSV");
        assertRefused("LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:1/x.csv' AS line RETURN line", "LOAD CSV");
    }

    @Test
    void refusesGdsCatalogAndAlgorithmProcedures() {
        // the planner calls these READ_ONLY: they write to GDS's in-memory catalog or compute over it
        assertRefused("CALL gds.graph.project('intruder', 'Cell', 'NEAR') YIELD graphName RETURN graphName",
                "gds.graph.project");
        assertRefused("MATCH (c:Cell)-[:NEAR]->(d) WITH gds.graph.project('intruder2', c, d) AS g RETURN g.graphName",
                "gds.graph.project");
        assertRefused("CALL gds.graph.drop('any', false)", "gds.graph.drop");
        assertRefused("CALL gds.graph.list()", "gds.graph.list");
        assertRefused("CALL gds.pageRank.write('g', {writeProperty: 'pr'}) YIELD nodePropertiesWritten RETURN *", "WRITE");
        assertRefused("CALL gds.pageRank.mutate('g', {mutateProperty: 'pr'}) YIELD nodePropertiesWritten RETURN *",
                "gds.pagerank.mutate");
        assertRefused("CALL gds.wcc.stream('g') YIELD nodeId RETURN nodeId", "gds.wcc.stream");
        assertRefused("CALL gds.graph.nodeProperties.drop('g', ['pr'])", "gds.graph.nodeproperties.drop");
    }

    @Test
    void refusesDbmsAndDbAdministrationProcedures() {
        assertRefused("CALL dbms.listConfig() YIELD name RETURN name", "DBMS");
        assertRefused("CALL dbms.components() YIELD name RETURN name", "DBMS");
        // dbms.security.* is not registered in Community Edition: an error, never a run (and were it registered, it is
        // outside the allowed procedures, as every other dbms.* is)
        assertNotRun("CALL dbms.security.listUsers()");
        assertNotRun("CALL dbms.security.createUser('intruder', 'secret-secret', false)");
        assertNotRun("CALL dbms.killQueries(['query-1'])");
        assertRefused("CALL dbms.info()", "");
        assertNotRun("CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')"); // Enterprise only: not registered
        assertRefused("CALL db.clearQueryCaches()", "");
        assertRefused("CALL db.createLabel('Intruder')", "");
        assertRefused("CALL db.createProperty('intruder')", "");
        assertRefused("CALL tx.setMetaData({a: 1})", "");
    }

    @Test
    void refusesAdministrationCommands() {
        assertRefused("SHOW SETTINGS", "ShowSettings");
        assertRefused("SHOW TRANSACTIONS", "ShowTransactions");
        assertRefused("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "Terminate");
        // user, role and database administration belongs to the system database: never run here
        for (String admin : List.of("SHOW USERS", "CREATE USER intruder SET PASSWORD 'secret-secret'",
                "ALTER USER neo4j SET PASSWORD 'secret-secret'", "DROP USER neo4j", "SHOW ROLES", "CREATE ROLE intruder",
                "DROP ROLE admin", "SHOW DATABASES", "CREATE DATABASE intruder", "DROP DATABASE neo4j",
                "STOP DATABASE neo4j", "GRANT ROLE admin TO neo4j", "SHOW SERVERS", "SHOW PRIVILEGES")) {
            assertNotRun(admin);
        }
    }

    @Test
    void commentsCaseWhitespaceAndUnicodeDoNotHideAWrite() {
        assertRefused("match (c:Cell) /* just a read */ sEt c.x = 0", "WRITE");
        assertRefused("MATCH (c:Cell) // a read\nDETACH\n\tDELETE c", "WRITE");
        assertRefused("MATCH (c:Cell)\u00a0SET\u2003c.x\u3000=\u20280", "WRITE");
        assertRefused("CALL `dbms`.`components`() YIELD name RETURN name", "DBMS");
        assertRefused("CALL /* read */ db . clearQueryCaches ( )", "");
        assertRefused("CALL /* read */ db . labels ( ) YIELD label CALL db.createLabel('X') RETURN label", "");
        assertRefused("CALL db . createProperty ( 'x' )", "");
        assertNotRun("CALL GDS.Graph.Project('intruder', 'Cell', 'NEAR')"); // names are case-sensitive: no such procedure
        assertNotRun("CALL `gds.graph.project`('intruder', 'Cell', 'NEAR')"); // one quoted name: no such procedure
        assertRefused("MATCH (c:Cell)-[:NEAR]->(d) WITH `gds`.graph./**/project('intruder3', c, d) AS g RETURN g",
                "gds.graph.project");
        assertRefused("MATCH (c:Cell) CALL (c) { WITH c SET c.x = 1 } RETURN count(*)", "WRITE");
        assertRefused("MATCH (c:Cell) WITH c WHERE c.x > 0 CALL (c) { MERGE (:Intruder) } RETURN 1", "WRITE");
        assertRefused("EXPLAIN MATCH (c:Cell) SET c.x = 0", "WRITE");
        assertNotRun("PROFILE MATCH (c:Cell) SET c.x = 0"); // EXPLAIN PROFILE does not parse
        assertRefused("CYPHER runtime=slotted MATCH (c:Cell) SET c.x = 0", "WRITE");
        // a second statement is a syntax error, never a second query
        assertNotRun("MATCH (c:Cell) RETURN c; CREATE (:Intruder)");
        // unicode look-alikes are not keywords: they fail to parse
        assertNotRun("\uff23\uff32\uff25\uff21\uff34\uff25 (:Intruder)");
    }

    @Test
    void theTransactionItselfCannotWrite() {
        // defence in depth: a write that the plan checks missed would still be refused by the kernel
        List<Object> before = fingerprint();
        for (String write : List.of("CREATE (:Intruder)", "MATCH (c:Cell) SET c.x = 0", "CALL db.createLabel('Intruder')",
                "CREATE INDEX intruder FOR (n:Cell) ON (n.cellType)")) {
            try (Transaction tx = ReadOnlyCypher.readTransaction(graph.db(), Duration.ofSeconds(10))) {
                RuntimeException e = assertThrows(RuntimeException.class, () -> tx.execute(write).resultAsString(), write);
                assertNotNull(e.getMessage());
            }
        }
        assertEquals(before, fingerprint());
    }

    @Test
    void allowsReads() {
        ReadOnlyCypher.Rows rows = cypher.run("MATCH (c:Cell {section: $s}) WHERE c.x >= $x RETURN count(c) AS n",
                Map.of("s", "grid-a", "x", 0));
        assertEquals(List.of("n"), rows.columns());
        long cells = (Long) graph.query("MATCH (c:Cell {section: 'grid-a'}) RETURN count(c) AS n", Map.of()).get(0).get("n");
        assertEquals(cells, rows.rows().get(0).get("n"));
        assertEquals(1, cypher.run("OPTIONAL MATCH (n:Nothing) WITH n UNWIND [1, 2] AS i "
                + "RETURN collect(i) AS l, count(n) AS c, avg(i) AS a", Map.of()).rows().size());
        assertFalse(cypher.run("MATCH (c:Cell)-[r:NEAR]-(d) WITH c, count(d) AS deg RETURN deg, count(*) AS n ORDER BY deg",
                Map.of()).rows().isEmpty());
        assertFalse(cypher.run("CALL db.labels() YIELD label RETURN label", Map.of()).rows().isEmpty());
        assertFalse(cypher.run("SHOW INDEXES YIELD name RETURN name", Map.of()).rows().isEmpty());
        assertFalse(cypher.run("SHOW CONSTRAINTS", Map.of()).rows().isEmpty());
        assertFalse(cypher.run("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'db.' RETURN name", Map.of()).rows().isEmpty());
        assertFalse(cypher.run("SHOW FUNCTIONS YIELD name RETURN name LIMIT 3", Map.of()).rows().isEmpty());
        assertEquals(Math.sqrt(0.5), (Double) cypher.run("RETURN gds.similarity.cosine([1.0, 0.0], [1.0, 1.0]) AS s",
                Map.of()).rows().get(0).get("s"), 1e-9);
        assertFalse(cypher.run("RETURN gds.version() AS v", Map.of()).rows().isEmpty());
        assertFalse(cypher.run("CALL { MATCH (s:Section) RETURN s.id AS id } RETURN id", Map.of()).rows().isEmpty());
        // a parameter is a value, never Cypher text
        assertTrue(cypher.run("MATCH (s:Section {id: $id}) RETURN s.id AS id",
                Map.of("id", "grid-a'}) MATCH (n) DETACH DELETE n //")).rows().isEmpty());
        // words that name writes inside strings, property names and comments are just text
        assertEquals("CREATE (n) SET n.x = 1", cypher.run("RETURN 'CREATE (n) SET n.x = 1' AS s // DELETE", Map.of())
                .rows().get(0).get("s"));
    }

    @Test
    void rowLimitTimeOutAndArgumentLimits() {
        ReadOnlyCypher.Rows many = cypher.run("UNWIND range(1, 1000) AS i RETURN i", Map.of());
        assertEquals(100, many.rows().size());
        assertTrue(many.truncated());
        assertFalse(cypher.run("UNWIND range(1, 100) AS i RETURN i", Map.of()).truncated());

        ReadOnlyCypher quick = new ReadOnlyCypher(graph.db(), ReadOnlyCypher.Limits.of(Duration.ofMillis(500), 10));
        long start = System.nanoTime();
        RuntimeException timedOut = assertThrows(RuntimeException.class,
                () -> quick.run("UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 13 RETURN count(*) AS n", Map.of()));
        assertTrue(String.valueOf(timedOut.getMessage()).toLowerCase().contains("time"), timedOut.toString());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "stopped by the time-out");

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> cypher.run("RETURN 1 AS x" + " ".repeat(ReadOnlyCypher.MAX_QUERY_LENGTH), Map.of()));
        assertTrue(tooLong.getMessage().contains(String.valueOf(ReadOnlyCypher.MAX_QUERY_LENGTH)));
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i <= ReadOnlyCypher.MAX_PARAMETERS; i++) {
            params.put("p" + i, i);
        }
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> cypher.run("RETURN 1", params));
        assertTrue(tooMany.getMessage().contains("parameters"));
        assertThrows(IllegalArgumentException.class, () -> cypher.run("  ", Map.of()));
    }

    /**
     * Work inside one expression never checks Neo4j's termination flag: each of these queries would run for minutes past
     * its time-out. Three at once, each stopped within {@link ReadOnlyCypher#STOP_GRACE} plus a second of its time-out,
     * the threads live on, the process's CPU back to idle, and the database still answers.
     */
    @Test
    void runawayQueriesAreStoppedSoonAfterTheirTimeOut() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        ReadOnlyCypher bounded = new ReadOnlyCypher(graph.db(), ReadOnlyCypher.Limits.of(timeout, 10));
        List<String> runaways = List.of(
                "RETURN reduce(a = 0, x IN range(1, 4000000000) | a + x % 3) AS a",
                "RETURN size(reduce(s = '', x IN range(1, 400000000) | s + 'x')) AS n",
                "RETURN reduce(a = 0.0, x IN range(1, 4000000000) | a + sqrt(x)) AS a");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(runaways.size());
        try {
            List<java.util.concurrent.Future<Object[]>> answers = new java.util.ArrayList<>();
            for (String q : runaways) {
                answers.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        bounded.run(q, Map.of());
                        return new Object[] {null, System.nanoTime() - t0};
                    } catch (RuntimeException e) {
                        return new Object[] {e, System.nanoTime() - t0};
                    }
                }));
            }
            for (int i = 0; i < runaways.size(); i++) {
                Object[] a = answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertNotNull(a[0], "a runaway query came back with rows: " + runaways.get(i));
                RuntimeException e = (RuntimeException) a[0];
                assertInstanceOf(ReadOnlyCypher.QueryStoppedException.class, e, runaways.get(i) + ": " + e);
                assertTrue(e.getMessage().contains("time-out of 1000 ms"), e.getMessage());
                double seconds = (long) a[1] / 1e9;
                assertTrue(seconds < timeout.toMillis() / 1e3 + 2.0, runaways.get(i) + " stopped after " + seconds + " s");
            }
            // the pool's threads were not killed: they take the next query
            assertEquals(1L, ((Number) pool.submit(() -> bounded.run("RETURN 1 AS one", Map.of()).rows().get(0).get("one"))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS)).longValue());
        } finally {
            pool.shutdownNow();
        }
        double busiest = ProcessCpu.settle(5, 0.5); // within 5 s: a one-second window under half a core
        assertTrue(busiest <= 0.5, "process CPU after the runaways: " + busiest + " cores");
        assertEquals(1, cypher.run("MATCH (s:Section {id: 'grid-a'}) RETURN count(s) AS n", Map.of()).rows().size());
    }

    @Test
    void aQueryOverItsMemoryLimitIsRefusedAndOthersRun() {
        ReadOnlyCypher small = new ReadOnlyCypher(graph.db(), new ReadOnlyCypher.Limits(Duration.ofSeconds(20), 10, 8L << 20));
        RuntimeException e = assertThrows(RuntimeException.class, () -> small.run(
                "UNWIND range(1, 20000000) AS i WITH collect(i) AS l RETURN size(l) AS n", Map.of()));
        assertTrue(e instanceof org.neo4j.kernel.api.exceptions.Status.HasStatus
                || e.getCause() instanceof org.neo4j.kernel.api.exceptions.Status.HasStatus, e.toString());
        assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("memory"), e.getMessage());
        // the same query fits a larger limit, and the limit is per query: the next small query runs
        assertEquals(20_000_000L, ((Number) new ReadOnlyCypher(graph.db(), new ReadOnlyCypher.Limits(Duration.ofSeconds(60),
                10, 2L << 30)).run("UNWIND range(1, 20000000) AS i WITH collect(i) AS l RETURN size(l) AS n", Map.of())
                .rows().get(0).get("n")).longValue());
        assertEquals(5L, ((Number) small.run("UNWIND range(1, 5) AS i RETURN count(i) AS n", Map.of()).rows().get(0)
                .get("n")).longValue());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ReadOnlyCypher.Limits(Duration.ofSeconds(1), 10, -1));
        assertTrue(bad.getMessage().contains("memory limit"), bad.getMessage());
    }
}
