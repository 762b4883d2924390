package org.sigmma.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;

/**
 * Two ways a server lets a client down, each one message naming the address: a server without Graph Data Science
 * (clusters and niches need it; ingest and reads do not), and a server that stops while a client holds it.
 */
class ServerWithoutGdsTest {

    @Test
    void noGdsAndAServerThatGoesAwayAreClearErrors() throws Exception {
        String password = "sigmma-no-gds-test";
        ServerGraph graph;
        String uri;
        try (Neo4jServer server = Neo4jServer.start(password, false)) {
            uri = server.uri();
            graph = ServerGraph.connect(uri, AuthTokens.basic(Neo4jServer.USER, password), null,
                    TempDirs.create("no-gds-client"), ServerGraph.DEFAULT_LEASE);
            assertTrue(graph.gdsVersion().isEmpty());
            IllegalStateException e = assertThrows(IllegalStateException.class, graph::requireGds);
            assertTrue(e.getMessage().contains(uri) && e.getMessage().contains("no Graph Data Science")
                    && e.getMessage().contains("plugins"), e.getMessage());
            // the rest works without it: the schema is there and a section can be listed
            assertTrue(new SectionRepository(graph.access()).sections().isEmpty());
        }
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> graph.access().read("RETURN 1 AS one", Map.of()));
            assertTrue(e.getMessage().contains("Neo4j at " + uri + " does not answer"), e.getMessage());
        } finally {
            graph.close();
        }
    }
}
