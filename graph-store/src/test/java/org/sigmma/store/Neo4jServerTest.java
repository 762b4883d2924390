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

    @Test
    void aWrongPasswordIsAClearError() {
        try (DriverAccess access = new DriverAccess(server.uri(), AuthTokens.basic(Neo4jServer.USER, "not-the-password"), null)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> access.read("RETURN 1 AS one", Map.of()));
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("authentication"), e.getMessage());
        }
    }
}
