package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /api/cypher: parameters, row limit, time-out, errors, and a refusal (403, database unchanged) for every kind of
 * write: clauses, schema commands, GDS catalog / mutate / write procedures, dbms procedures, LOAD CSV, TERMINATE, SHOW.
 */
class CypherEndpointTest {

    static Api.Reply cypher(io.javalin.testtools.HttpClient client, String query, Map<String, Object> params) {
        return Api.post(client, "/api/cypher", Api.json(Map.of("query", query, "params", params)), Api.WRITE_TOKEN);
    }

    /** What a write of any kind would change: nodes, relationships, labels, properties, indexes, GDS graphs. */
    static List<Object> fingerprint() {
        var g = ApiTestDatabase.graph();
        return List.of(
                g.query("MATCH (n) RETURN count(n) AS n", Map.of()),
                g.query("MATCH ()-[r]->() RETURN count(r) AS n", Map.of()),
                g.query("CALL db.labels() YIELD label RETURN collect(label) AS l", Map.of()),
                g.query("MATCH (c:Cell) RETURN sum(c.x) AS x, count(c.y) AS y", Map.of()),
                g.query("SHOW INDEXES YIELD name RETURN collect(name) AS n", Map.of()),
                g.query("CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS g", Map.of()));
    }

    static void assertRefused(String query, String because) {
        List<Object> before = fingerprint();
        Api.test(client -> {
            Api.Reply r = cypher(client, query, Map.of());
            assertEquals(403, r.status(), query + " -> " + r.raw());
            assertEquals(403, r.body().get("status").asInt());
            assertTrue(r.body().get("error").asText().contains(because), query + " -> " + r.raw());
        });
        assertEquals(before, fingerprint(), "nothing changed after " + query);
    }

    @Test
    void refusesCreate() {
        assertRefused("CREATE (n:Intruder {name: 'x'}) RETURN n", "READ_WRITE");
    }

    @Test
    void refusesMerge() {
        assertRefused("MERGE (s:Section {id: 'brain'}) ON MATCH SET s.status = 'FAILED' RETURN s", "READ_WRITE");
    }

    @Test
    void refusesSet() {
        assertRefused("MATCH (c:Cell) SET c.x = 0 RETURN count(c)", "READ_WRITE");
    }

    @Test
    void refusesDelete() {
        assertRefused("MATCH (c:Cell) DETACH DELETE c", "WRITE");
    }

    @Test
    void refusesWritesInBatchedTransactions() {
        assertRefused("MATCH (c:Cell) CALL (c) { SET c.x = 0 } IN TRANSACTIONS OF 100 ROWS", "WRITE");
    }

    @Test
    void refusesRemoveAndForeach() {
        assertRefused("MATCH (c:Cell) REMOVE c.x RETURN count(c)", "READ_WRITE");
        assertRefused("MATCH (c:Cell) FOREACH (i IN [1] | SET c.y = i)", "WRITE");
    }

    @Test
    void refusesSchemaCommands() {
        assertRefused("CREATE INDEX intruder IF NOT EXISTS FOR (n:Cell) ON (n.cellType)", "SCHEMA_WRITE");
        assertRefused("DROP INDEX cell_location", "SCHEMA_WRITE");
    }

    @Test
    void refusesGdsCatalogProjection() {
        // the planner calls this READ_ONLY: it writes to GDS's in-memory catalog, not to the store
        assertRefused("CALL gds.graph.project('intruder', 'Cell', 'NEAR') YIELD graphName RETURN graphName",
                "gds.graph.project");
        assertRefused("MATCH (c:Cell)-[:NEAR]->(d) WITH gds.graph.project('intruder2', c, d) AS g RETURN g.graphName",
                "gds.graph.project");
        assertRefused("CALL gds.graph.drop('any', false)", "gds.graph.drop");
    }

    @Test
    void refusesGdsWriteAndMutateProcedures() {
        assertRefused("CALL gds.pageRank.write('g', {writeProperty: 'pr'}) YIELD nodePropertiesWritten RETURN *",
                "WRITE");
        assertRefused("CALL gds.pageRank.mutate('g', {mutateProperty: 'pr'}) YIELD nodePropertiesWritten RETURN *",
                "gds.pagerank.mutate");
    }

    @Test
    void refusesDbmsProcedures() {
        assertRefused("CALL dbms.listConfig() YIELD name RETURN name", "DBMS");
        // backticks and comments do not hide a procedure: the guard reads the planner's names
        assertRefused("CALL `dbms`.`components`() YIELD name RETURN name", "");
        assertRefused("CALL /* read */ db.clearQueryCaches()", "");
        assertRefused("CALL db.createLabel('Intruder')", "");
    }

    @Test
    void refusesLoadCsvTerminateAndShowSettings() {
        assertRefused("LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line", "LOAD CSV");
        assertRefused("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "Terminate");
        assertRefused("SHOW SETTINGS", "ShowSettings");
        assertRefused("SHOW TRANSACTIONS", "ShowTransactions");
    }

    @Test
    void parametersRowLimitAndAllowedReads() {
        String s = ApiTestDatabase.SECTION;
        long expected = ApiTestDatabase.count("MATCH (c:Cell {section: $s}) WHERE c.x > 2000 RETURN count(c)", Map.of("s", s));
        Api.test(client -> {
            Api.Reply r = cypher(client, "MATCH (c:Cell {section: $s}) WHERE c.x > $x RETURN count(c) AS n",
                    Map.of("s", s, "x", 2000));
            assertEquals(200, r.status(), r.raw());
            assertEquals(List.of("n"), List.of(r.body().get("columns").get(0).asText()));
            assertEquals(expected, r.body().get("rows").get(0).get("n").asLong());
            // a parameter is a value, never Cypher text
            Api.Reply injected = cypher(client, "MATCH (s:Section {id: $id}) RETURN s.id AS id",
                    Map.of("id", "brain'}) MATCH (n) DETACH DELETE n //"));
            assertEquals(200, injected.status());
            assertEquals(0, injected.body().get("rows").size());

            Api.Reply many = cypher(client, "UNWIND range(1, 1000) AS i RETURN i", Map.of());
            assertEquals(500, many.body().get("rows").size(), "the server's row limit");
            assertTrue(many.body().get("truncated").asBoolean());
            Api.Reply ten = Api.post(client, "/api/cypher", "{\"query\": \"UNWIND range(1, 1000) AS i RETURN i\", \"limit\": 10}",
                    Api.WRITE_TOKEN);
            assertEquals(10, ten.body().get("rows").size());
            Api.Reply tooMany = Api.post(client, "/api/cypher", "{\"query\": \"RETURN 1\", \"limit\": 501}", Api.WRITE_TOKEN);
            assertEquals(400, tooMany.status());

            assertEquals(200, cypher(client, "CALL db.labels() YIELD label RETURN label", Map.of()).status());
            assertEquals(200, cypher(client, "SHOW INDEXES YIELD name RETURN name", Map.of()).status());
            Api.Reply similarity = cypher(client, "RETURN gds.similarity.cosine([1.0, 0.0], [1.0, 1.0]) AS s", Map.of());
            assertEquals(200, similarity.status(), similarity.raw());
            assertEquals(Math.sqrt(0.5), similarity.body().get("rows").get(0).get("s").asDouble(), 1e-9);
            Api.Reply node = cypher(client, "MATCH (s:Section {id: $s}) RETURN s", Map.of("s", s));
            assertEquals("READY", node.body().get("rows").get(0).get("s").get("status").asText());
        });
    }

    @Test
    void errorsAreJsonWithTheRightStatus() {
        Api.test(client -> {
            Api.Reply syntax = cypher(client, "MATCH (n RETURN n", Map.of());
            assertEquals(400, syntax.status(), syntax.raw());
            assertTrue(syntax.body().get("error").asText().contains("SyntaxError"), syntax.raw());
            Api.Reply missing = cypher(client, "RETURN $nothing AS x", Map.of());
            assertEquals(400, missing.status(), missing.raw());
            assertTrue(missing.body().get("error").asText().contains("ParameterMissing"), missing.raw());
            Api.Reply batched = cypher(client, "UNWIND [1, 2] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y", Map.of());
            assertEquals(403, batched.status(), batched.raw());
            assertTrue(batched.body().get("error").asText().contains("IN TRANSACTIONS"), batched.raw());
            assertEquals(400, Api.post(client, "/api/cypher", "not json", Api.WRITE_TOKEN).status());
            assertEquals(400, Api.post(client, "/api/cypher", "[1, 2]", Api.WRITE_TOKEN).status());
            assertEquals(400, Api.post(client, "/api/cypher", "{\"params\": {}}", Api.WRITE_TOKEN).status());
            Api.Reply params = Api.post(client, "/api/cypher", "{\"query\": \"RETURN 1\", \"params\": [1]}", Api.WRITE_TOKEN);
            assertEquals(400, params.status());
            assertTrue(params.body().get("error").asText().contains("'params'"), params.raw());
            StringBuilder many = new StringBuilder("{\"query\": \"RETURN 1\", \"params\": {");
            for (int i = 0; i <= CypherApi.MAX_PARAMETERS; i++) {
                many.append(i == 0 ? "" : ", ").append("\"p").append(i).append("\": ").append(i);
            }
            Api.Reply tooMany = Api.post(client, "/api/cypher", many.append("}}").toString(), Api.WRITE_TOKEN);
            assertEquals(400, tooMany.status(), tooMany.raw());
            assertTrue(tooMany.body().get("error").asText().contains("'params'"), tooMany.raw());
            Api.Reply unknown = Api.post(client, "/api/cypher", "{\"query\": \"RETURN 1\", \"parms\": {}}", Api.WRITE_TOKEN);
            assertEquals(400, unknown.status(), unknown.raw());
            assertTrue(unknown.body().get("error").asText().contains("'parms'"), unknown.raw());
            Api.Reply huge = Api.post(client, "/api/cypher",
                    "{\"query\": \"RETURN $n AS n\", \"params\": {\"n\": [1, 123456789012345678901234567890]}}", Api.WRITE_TOKEN);
            assertEquals(400, huge.status(), huge.raw());
            assertTrue(huge.body().get("error").asText().contains("'params.n[1]'"), huge.raw());
            Api.Reply nested = Api.post(client, "/api/cypher",
                    "{\"query\": \"RETURN $m.a[1].b AS b\", \"params\": {\"m\": {\"a\": [0, {\"b\": 2.5}]}}}", Api.WRITE_TOKEN);
            assertEquals(200, nested.status(), nested.raw());
            assertEquals(2.5, nested.body().get("rows").get(0).get("b").asDouble());
        });
    }

    @Test
    void aQueryPastTheTimeOutIs408() {
        Api.test(Api.config().withCypher(Duration.ofSeconds(1), 500), client -> {
            long start = System.nanoTime();
            Api.Reply r = cypher(client, "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 13 RETURN count(*) AS n", Map.of());
            assertEquals(408, r.status(), r.raw());
            assertTrue(r.body().get("error").asText().contains("time-out"), r.raw());
            assertTrue(System.nanoTime() - start < 30_000_000_000L, "stopped by the time-out, not run to the end");
        });
    }

    /**
     * Three queries whose work sits inside one expression (Neo4j never checks for termination there) at once: each
     * answers 408 within 2 s of its time-out, the health route answers throughout, and the process's CPU is back to
     * idle within 5 s. The health latencies are printed; the test holds them to loose bars (9 in 10 under 100 ms, all under
     * 1 s) so that a busy CI machine does not fail it; the figures are in docs/performance.md.
     */
    @Test
    void runawayQueriesAreStoppedAndTheServerStaysResponsive() {
        List<Long> healthMs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Double> answeredS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Api.test(Api.config().withCypher(Duration.ofSeconds(1), 500), client -> {
            List<String> runaways = List.of(
                    "RETURN reduce(a = 0, x IN range(1, 4000000000) | a + x % 3) AS a",
                    "RETURN size(reduce(s = '', x IN range(1, 400000000) | s + 'x')) AS n",
                    "RETURN reduce(a = 0.0, x IN range(1, 4000000000) | a + sqrt(x)) AS a");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(runaways.size());
            assertEquals(200, Api.get(client, "/api/health").status()); // the server's first answer pays its warm-up
            try {
                List<java.util.concurrent.Future<Object[]>> replies = new java.util.ArrayList<>();
                for (String q : runaways) {
                    replies.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        Api.Reply r = cypher(client, q, Map.of());
                        return new Object[] {r, (System.nanoTime() - t0) / 1e9};
                    }));
                }
                while (replies.stream().anyMatch(f -> !f.isDone())) {
                    long t0 = System.nanoTime();
                    assertEquals(200, Api.get(client, "/api/health").status());
                    healthMs.add((System.nanoTime() - t0) / 1_000_000);
                    Thread.sleep(50);
                }
                for (int i = 0; i < runaways.size(); i++) {
                    Object[] a = replies.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    Api.Reply r = (Api.Reply) a[0];
                    assertEquals(408, r.status(), runaways.get(i) + " -> " + r.raw());
                    assertTrue(r.body().get("error").asText().contains("time-out"), r.raw());
                    assertTrue((double) a[1] < 1.0 + 2.0, runaways.get(i) + " answered after " + a[1] + " s");
                    answeredS.add((double) a[1]);
                }
            } finally {
                pool.shutdownNow();
            }
            List<Long> sorted = healthMs.stream().sorted().toList();
            assertTrue(sorted.size() >= 5, "health polled while the queries ran: " + sorted);
            assertTrue(sorted.get(sorted.size() * 9 / 10) < 100, "health answered within 100 ms 9 times in 10: " + sorted);
            assertTrue(sorted.get(sorted.size() - 1) < 1000, "health answered within 1 s throughout: " + sorted);
            double busiest = org.sigmma.store.ProcessCpu.settle(5, 0.5); // within 5 s: a one-second window under half a core
            assertTrue(busiest <= 0.5, "process CPU after the runaways: " + busiest + " cores");
            assertEquals(200, cypher(client, "RETURN 1 AS one", Map.of()).status());
        });
        List<Long> sorted = healthMs.stream().sorted().toList(); // JavalinTest holds back output inside the test
        System.out.printf("health during runaway queries: %d requests, median %d ms, p90 %d ms, max %d ms; in order %s%n", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 9 / 10), sorted.get(sorted.size() - 1), healthMs);
        System.out.printf("runaway queries (time-out 1 s) answered 408 after %s s%n", answeredS);
    }

    @Test
    void aQueryOverItsMemoryLimitIs400NamingTheLimit() {
        Api.test(Api.config().withCypher(new org.sigmma.store.ReadOnlyCypher.Limits(Duration.ofSeconds(20), 500, 8L << 20)),
                client -> {
                    Api.Reply r = cypher(client, "UNWIND range(1, 20000000) AS i WITH collect(i) AS l RETURN size(l) AS n",
                            Map.of());
                    assertEquals(400, r.status(), r.raw());
                    assertTrue(r.body().get("error").asText().contains("limit of 8 MiB"), r.raw());
                    assertTrue(r.body().get("error").asText().contains("--cypher-memory-mb"), r.raw());
                    assertEquals(200, cypher(client, "UNWIND range(1, 5) AS i RETURN count(i) AS n", Map.of()).status());
                });
    }
}
