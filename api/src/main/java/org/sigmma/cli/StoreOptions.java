package org.sigmma.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.AuthTokens;
import org.sigmma.store.DriverAccess;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.GraphStore;
import org.sigmma.store.ServerGraph;
import org.sigmma.store.StoreSettings;
import picocli.CommandLine.Option;

/** Where the embedded database lives and how it is opened; shared by every command that touches the graph. */
public final class StoreOptions {

    @Option(names = "--data", description = "data directory of the embedded database (default: ${DEFAULT-VALUE})",
            defaultValue = "data")
    Path dataDir;

    @Option(names = "--bolt-port", description = "also open the Bolt connector on this loopback port (cypher-shell, Browser, drivers)")
    Integer boltPort;

    @Option(names = "--page-cache-mb", description = "Neo4j page cache in MiB (default: ${DEFAULT-VALUE})", defaultValue = "512")
    int pageCacheMb;

    @Option(names = "--no-gds", description = "do not register the Graph Data Science procedures (faster start)")
    boolean noGds;

    @Option(names = "--uri", description = "a Neo4j server instead of the embedded database: bolt://host:port or "
            + "neo4j://host:port (tile images and run checkpoints stay under --data on this machine)")
    String uri;

    @Option(names = "--user", defaultValue = "neo4j", description = "the server's user with --uri (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password-file", description = "with --uri: a file whose first line is the password (default: "
            + "$SIGMMA_NEO4J_PASSWORD; never on the command line)")
    Path passwordFile;

    @Option(names = "--database", description = "with --uri: the database (default: the server's default)")
    String database;

    StoreSettings settings() {
        StoreSettings s = StoreSettings.defaults(dataDir).withPageCache((long) pageCacheMb << 20);
        if (boltPort != null) {
            s = s.withBoltPort(boltPort);
        }
        return noGds ? s.withoutGds() : s;
    }

    /** GDS takes seconds to register: skip it for queries that do not call it. */
    StoreOptions withoutGdsUnlessNeeded(String cypher) {
        if (!cypher.toLowerCase(java.util.Locale.ROOT).contains("gds.")) {
            noGds = true;
        }
        return this;
    }

    /** The embedded database under --data; a command that has no server path refuses --uri here. */
    EmbeddedGraph open() {
        if (uri != null) {
            throw new IllegalArgumentException("--uri " + uri + ": this command runs on the embedded database (--data) "
                    + "only in this version; against a server: " + SERVER_COMMANDS);
        }
        return EmbeddedGraph.open(settings());
    }

    /** The commands that take --uri, for the message of those that do not. */
    static final String SERVER_COMMANDS = "sections, ingest, train, embed, evaluate, clusters, neighbourhood, map, export, cypher, serve";

    /**
     * The graph: the server at --uri (schema applied, stopped clients' leftovers swept; files under --data here), else
     * the embedded database under --data.
     */
    GraphStore store() throws IOException {
        if (uri == null) {
            return open();
        }
        checkScheme();
        Files.createDirectories(dataDir);
        return ServerGraph.connect(uri, AuthTokens.basic(user, password()), database, dataDir, ServerGraph.DEFAULT_LEASE);
    }

    private void checkScheme() {
        if (!uri.startsWith("bolt://") && !uri.startsWith("neo4j://") && !uri.startsWith("bolt+s://")
                && !uri.startsWith("neo4j+s://")) {
            throw new IllegalArgumentException("--uri: '" + uri + "' is not a bolt:// or neo4j:// address");
        }
    }

    /** The graph's typed reads and writes: the server at --uri through the driver, else the embedded database. */
    GraphAccess access() throws IOException {
        if (uri == null) {
            EmbeddedGraph graph = open();
            return new GraphAccess() {
                @Override
                public List<Map<String, Object>> read(String cypher, Map<String, Object> params) {
                    return graph.access().read(cypher, params);
                }

                @Override
                public List<Map<String, Object>> write(String cypher, Map<String, Object> params) {
                    return graph.access().write(cypher, params);
                }

                @Override
                public String describe() {
                    return graph.access().describe();
                }

                @Override
                public void close() {
                    graph.close();
                }
            };
        }
        checkScheme();
        return new DriverAccess(uri, AuthTokens.basic(user, password()), database).verify();
    }

    private String password() throws IOException {
        if (passwordFile != null) {
            if (!Files.isRegularFile(passwordFile)) {
                throw new IllegalArgumentException("--password-file: no file " + passwordFile);
            }
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException("--password-file: " + passwordFile + " has no password on its first line");
            }
            return lines.get(0);
        }
        String env = System.getenv("SIGMMA_NEO4J_PASSWORD");
        if (env == null || env.isEmpty()) {
            throw new IllegalArgumentException("--uri " + uri + " needs a password: --password-file FILE or SIGMMA_NEO4J_PASSWORD");
        }
        return env;
    }
}
