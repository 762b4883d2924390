package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
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

            Cli.Run embeddedOnly = Cli.run("cypher", "MATCH (n) RETURN count(n)", "--uri", server.uri(),
                    "--password-file", pw.toString());
            assertEquals(1, embeddedOnly.code());
            assertTrue(embeddedOnly.err().contains("--uri " + server.uri()) && embeddedOnly.err().contains("embedded database"),
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
