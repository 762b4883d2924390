package org.sigmma.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.sigmma.cypher.CypherLibrary;

/**
 * The server path's ground: a real Neo4j Community server in a child JVM takes the platform's schema and its
 * library queries through {@link DriverAccess}, runs Graph Data Science, and refuses a wrong password clearly.
 */
class Neo4jServerTest {

    static final String PASSWORD = "sigmma-server-test";
    static Neo4jServer server;

    @BeforeAll
    static void start() throws Exception {
        server = Neo4jServer.start(PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theServerTakesTheSchemaTheLibraryAndGds() {
        try (DriverAccess access = new DriverAccess(server.uri(), AuthTokens.basic(Neo4jServer.USER, PASSWORD), null)) {
            for (String statement : CypherLibrary.statements(CypherLibrary.SCHEMA)) {
                access.write(statement, Map.of());
            }
            List<Map<String, Object>> constraints = access.read("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n", Map.of());
            assertTrue(Values.asLong(constraints.get(0).get("n")) > 0, "the schema's constraints are on the server");
            access.write("CREATE (:Section {id: 'srv', status: 'READY', nCells: 0})", Map.of());
            List<Map<String, Object>> status = access.read(CypherLibrary.query(CypherLibrary.SECTION_STATUS), Map.of("section", "srv"));
            assertEquals("READY", status.get(0).get("status"), "a library read over Bolt");
            String gds = Values.asString(access.read("RETURN gds.version() AS v", Map.of()).get(0).get("v"));
            assertTrue(gds.startsWith("2."), "GDS on the server's plugin path answers its version: " + gds);
            assertTrue(access.describe().contains(server.uri()), access.describe());
        }
    }

    /**
     * A client stopped mid-ingest leaves a LOADING section with part of its cells. Another client connecting while that
     * section's heartbeat is fresh leaves it alone (it may be a live load); once the lease has passed, the sweep on
     * connect removes its cells and marks it FAILED, so no half section is ever READY.
     */
    @Test
    void aStoppedClientsHalfSectionIsSweptOnceItsLeaseHasPassed() throws Exception {
        var auth = AuthTokens.basic(Neo4jServer.USER, PASSWORD);
        java.nio.file.Path data = TempDirs.create("server-client");
        try (ServerGraph graph = ServerGraph.connect(server.uri(), auth, null, data, ServerGraph.DEFAULT_LEASE)) {
            GraphAccess dying = new GraphAccess() {
                int writes;

                @Override
                public List<Map<String, Object>> read(String cypher, Map<String, Object> params) {
                    return graph.access().read(cypher, params);
                }

                @Override
                public List<Map<String, Object>> write(String cypher, Map<String, Object> params) {
                    if (++writes > 3) {
                        throw new IllegalStateException("the client stops here");
                    }
                    return graph.access().write(cypher, params);
                }

                @Override
                public String describe() {
                    return "dying";
                }
            };
            var writer = new org.sigmma.store.write.CypherSectionWriter(dying,
                    new org.sigmma.store.write.CypherSectionWriter.Options(20, 20, 1));
            assertThrows(IllegalStateException.class, () -> writer.write(SyntheticSections.grid("half", 10, 1), f -> { }));
        }
        String status = "MATCH (s:Section {id: 'half'}) OPTIONAL MATCH (c:Cell {section: 'half'}) "
                + "RETURN s.status AS status, count(c) AS cells";
        try (ServerGraph other = ServerGraph.connect(server.uri(), auth, null, data, ServerGraph.DEFAULT_LEASE)) {
            Map<String, Object> r = other.access().read(status, Map.of()).get(0);
            assertEquals("LOADING", r.get("status"), "a fresh heartbeat: left alone");
            assertEquals(40L, Values.asLong(r.get("cells")), "two batches of 20 cells were written");
            assertTrue(new SectionRepository(other.access()).sections().stream()
                    .anyMatch(x -> x.id().equals("half") && !x.ready()), "listed as LOADING, not READY");
            String beat = "MATCH (s:Section {id: 'half'}) RETURN s.heartbeatAt AS t";
            long before = Values.asLong(other.access().read(beat, Map.of()).get(0).get("t"));
            Thread.sleep(5);
            new SectionRepository(other.access()).heartbeat("half");
            assertTrue(Values.asLong(other.access().read(beat, Map.of()).get(0).get("t")) > before, "the heartbeat moves on");
        }
        try (ServerGraph later = ServerGraph.connect(server.uri(), auth, null, data, java.time.Duration.ZERO)) {
            Map<String, Object> r = later.access().read(status, Map.of()).get(0);
            assertEquals("FAILED", r.get("status"), "past its lease: swept");
            assertEquals(0L, Values.asLong(r.get("cells")));
        }
    }

    @Test
    void aWrongPasswordIsAClearError() {
        try (DriverAccess access = new DriverAccess(server.uri(), AuthTokens.basic(Neo4jServer.USER, "not-the-password"), null)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> access.read("RETURN 1 AS one", Map.of()));
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("authentication"), e.getMessage());
        }
    }
}
