package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.jobs.InboxParameters;
import org.sigmma.server.ServerConfig;
import picocli.CommandLine;

/** The serve command's options become the server configuration (the server itself is tested in org.sigmma.server). */
class ServeCommandTest {

    private static ServeCommand parse(String... args) {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void defaultsAreLoopbackPort7474AndAGeneratedWriteToken() {
        ServeCommand cmd = parse();
        ServerConfig c = cmd.config();
        assertEquals(7474, c.port());
        assertEquals("127.0.0.1", c.host());
        if (System.getenv("SIGMMA_TOKEN") == null) {
            assertEquals(48, c.writeToken().length(), "24 random bytes in hex");
            assertNotEquals(c.writeToken(), parse().config().writeToken());
        }
        assertEquals(Duration.ofSeconds(30), c.cypherTimeout());
        assertFalse(c.toString().contains(c.writeToken()), "tokens never printed by toString");
    }

    @Test
    void optionsAreCarriedOver() {
        ServerConfig c = parse("--port", "0", "--token", "w-token", "--read-token", "r-token", "--max-body-bytes", "2048",
                "--max-page-size", "20", "--cypher-timeout-s", "3", "--cypher-row-limit", "77", "--cypher-memory-mb", "64", "--cache-entries", "0", "--request-timeout", "2500ms", "--data", "somewhere").config();
        assertEquals(0, c.port());
        assertEquals("w-token", c.writeToken());
        assertEquals("r-token", c.readToken());
        assertEquals(2048, c.maxBodyBytes());
        assertEquals(20, c.maxPageSize());
        assertEquals(20, c.defaultPageSize());
        assertEquals(Duration.ofSeconds(3), c.cypherTimeout());
        assertEquals(77, c.cypherRowLimit());
        assertEquals(64L << 20, c.cypher().maxMemoryBytes());
        assertEquals(org.sigmma.store.ReadOnlyCypher.Limits.DEFAULT_MAX_MEMORY_MB << 20, parse().config().cypher().maxMemoryBytes());
        assertEquals(0, c.cacheEntries());
        assertEquals(1024, parse().config().cacheEntries());
        assertEquals(Duration.ofMillis(2500), c.requestTimeout());
        assertEquals(Duration.ofSeconds(10), parse().config().requestTimeout());
    }

    @Test
    void badLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("--max-page-size", "0").config());
        assertThrows(IllegalArgumentException.class, () -> parse("--port", "70000").config());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> parse("--cypher-timeout-s", "0").config());
        assertTrue(t.getMessage().contains("--cypher-timeout-s"), t.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> parse("--cypher-memory-mb", "-1").config());
        assertTrue(m.getMessage().contains("--cypher-memory-mb"), m.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--request-timeout", "0s").config());
        assertThrows(IllegalArgumentException.class, () -> parse("--request-timeout", "soon").config());
    }

    @Test
    void inboxOptionsBecomeInboxParameters() {
        assertNull(parse().inboxParameters(), "no inbox, no job queue");
        InboxParameters p = parse("--inbox", "in", "--inbox-poll", "750ms", "--inbox-on-change", "Replace",
                "--inbox-pca", "16").inboxParameters();
        assertEquals(Path.of("in"), p.dir());
        assertEquals(Duration.ofMillis(750), p.poll());
        assertEquals(InboxParameters.OnChange.REPLACE, p.onChange());
        assertEquals(16, p.ingest().pcaComponents());
        InboxParameters d = parse("--inbox", "in").inboxParameters();
        assertEquals(Duration.ofSeconds(5), d.poll());
        assertEquals(InboxParameters.OnChange.REFUSE, d.onChange());
        assertEquals(Duration.ofMinutes(2), ServeCommand.duration("2m"));
        assertEquals(Duration.ofSeconds(3), ServeCommand.duration("3"));
        assertThrows(IllegalArgumentException.class, () -> parse("--inbox", "in", "--inbox-on-change", "merge").inboxParameters());
        assertThrows(IllegalArgumentException.class, () -> parse("--inbox", "in", "--inbox-poll", "soon").inboxParameters());
        assertThrows(IllegalArgumentException.class, () -> parse("--inbox", "in", "--inbox-poll", "0s").inboxParameters());
    }

    /** A configuration file is picocli's argument file: one option per line, # comments, {@code sigmma serve @FILE}. */
    @Test
    void optionsComeFromAnArgumentFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("serve.conf");
        java.nio.file.Files.writeString(file, """
                # the lab's ingest server
                --port 7575
                --inbox /srv/xenium-inbox
                --inbox-poll 30s
                --inbox-on-change replace
                --max-page-size 50
                """);
        ServeCommand cmd = parse("@" + file);
        assertEquals(7575, cmd.config().port());
        assertEquals(50, cmd.config().maxPageSize());
        InboxParameters p = cmd.inboxParameters();
        assertEquals(Path.of("/srv/xenium-inbox"), p.dir());
        assertEquals(Duration.ofSeconds(30), p.poll());
        assertEquals(InboxParameters.OnChange.REPLACE, p.onChange());
    }

    @Test
    void serveIsASubcommandOfSigmma() {
        assertTrue(Sigmma.commandLine().getSubcommands().containsKey("serve"));
    }
}
