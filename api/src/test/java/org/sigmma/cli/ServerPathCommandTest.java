package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.sigmma.store.DriverAccess;
import org.sigmma.store.Neo4jServer;

/**
 * The command line against a real Neo4j server (issue 16, its first command): {@code sigmma sections --uri} lists
 * what the server holds; a wrong password, a bad address, a missing password and a command without a server path
 * each end in one message naming the address or the option.
 */
class ServerPathCommandTest {

    @TempDir
    Path tmp;

    @Test
    void sectionsOverBoltAndClearErrors() throws Exception {
        String password = "sigmma-cli-server-test";
        try (Neo4jServer server = Neo4jServer.start(password)) {
            try (DriverAccess access = new DriverAccess(server.uri(), AuthTokens.basic(Neo4jServer.USER, password), null)) {
                access.write("CREATE (:Section {id: 'on-the-server', status: 'READY', nCells: 1234, nGenes: 5, nEdges: 10, "
                        + "nTiles: 2})", Map.of());
            }
            Path pw = Files.writeString(tmp.resolve("password"), password + "\n");
            Cli.Run listed = Cli.run("sections", "--uri", server.uri(), "--password-file", pw.toString());
            assertEquals(0, listed.code(), listed.out() + listed.err());
            assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("on-the-server") && l.contains("READY")
                    && l.contains("1,234")), listed.out());

            Path wrong = Files.writeString(tmp.resolve("wrong"), "not-the-password\n");
            Cli.Run refused = Cli.run("sections", "--uri", server.uri(), "--password-file", wrong.toString());
            assertEquals(1, refused.code(), refused.out());
            assertTrue(refused.err().contains(server.uri()) && refused.err().contains("refused the credentials"), refused.err());

            Cli.Run noPassword = Cli.run("sections", "--uri", server.uri(), "--password-file", tmp.resolve("none").toString());
            assertEquals(1, noPassword.code());
            assertTrue(noPassword.err().contains("--password-file: no file"), noPassword.err());

            // read-only Cypher against the server: the server's EXPLAIN checked as the embedded plan is, a READ transaction
            Cli.Run read = Cli.run("cypher", "MATCH (s:Section {id: 'on-the-server'}) RETURN s.id AS id, s.nCells AS n",
                    "--uri", server.uri(), "--password-file", pw.toString());
            assertEquals(0, read.code(), read.out() + read.err());
            assertTrue(read.out().contains("on-the-server\t1234"), read.out());
            for (String write : List.of("CREATE (n:Section {id: 'x'}) RETURN n", "MATCH (s:Section) DETACH DELETE s",
                    "CALL dbms.listConfig() YIELD name RETURN name", "CREATE INDEX x FOR (n:Cell) ON (n.foo)")) {
                Cli.Run r = Cli.run("cypher", write, "--uri", server.uri(), "--password-file", pw.toString());
                assertEquals(1, r.code(), write + ": " + r.out());
                assertTrue(r.err().contains("read-only Cypher"), write + ": " + r.err());
            }
            Cli.Run still = Cli.run("sections", "--uri", server.uri(), "--password-file", pw.toString());
            assertTrue(still.out().lines().anyMatch(l -> l.startsWith("on-the-server")) && !still.out().contains("x "),
                    "nothing was written: " + still.out());

            Cli.Run embeddedOnly = Cli.run("serve", "--inbox", tmp.resolve("inbox").toString(), "--port", "0",
                    "--uri", server.uri(), "--password-file", pw.toString());
            assertEquals(1, embeddedOnly.code());
            assertTrue(embeddedOnly.err().contains("--inbox") && embeddedOnly.err().contains("embedded database"),
                    embeddedOnly.err());
        }
        Cli.Run badScheme = Cli.run("sections", "--uri", "http://127.0.0.1:1", "--password-file", tmp.toString());
        assertEquals(1, badScheme.code());
        assertTrue(badScheme.err().contains("not a bolt:// or neo4j:// address"), badScheme.err());
        Path pw = Files.writeString(tmp.resolve("pw2"), "whatever-password\n");
        Cli.Run gone = Cli.run("sections", "--uri", "bolt://127.0.0.1:1", "--password-file", pw.toString());
        assertEquals(1, gone.code());
        assertTrue(gone.err().contains("cannot reach Neo4j at bolt://127.0.0.1:1"), gone.err());
    }
}
