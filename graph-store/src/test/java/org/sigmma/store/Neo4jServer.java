package org.sigmma.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.SessionConfig;

/**
 * A real Neo4j 5.26 Community server for tests, in a child JVM: the server's own entry point
 * ({@code org.neo4j.server.CommunityEntryPoint}, in the {@code org.neo4j:neo4j} jar the platform embeds) on this
 * JVM's class path, so Graph Data Science is on its class path too (unrestricted), authentication on, Bolt and HTTP on
 * free loopback ports, its own home under java.io.tmpdir. {@link #start} returns once a driver logs in with the new
 * password; {@link #close} stops it (SIGTERM, then a kill after 30 s) and deletes the home.
 */
public final class Neo4jServer implements AutoCloseable {

    public static final String USER = "neo4j";

    private final Process process;
    private final Path home;
    private final int boltPort;
    private final String password;

    private Neo4jServer(Process process, Path home, int boltPort, String password) {
        this.process = process;
        this.home = home;
        this.boltPort = boltPort;
        this.password = password;
    }

    /** Starts a server whose user {@value #USER} has {@code password} (8 characters at least), GDS installed. */
    public static Neo4jServer start(String password) throws IOException, InterruptedException {
        return start(password, true);
    }

    /** Starts a server; {@code gds} false leaves Graph Data Science out of its plugin folder. */
    public static Neo4jServer start(String password, boolean gds) throws IOException, InterruptedException {
        return start(password, gds, 768, 64);
    }

    /** Starts a server with this much heap and page cache (MiB): benchmarks give it room for large sections. */
    public static Neo4jServer start(String password, boolean gds, int heapMb, int pageCacheMb)
            throws IOException, InterruptedException {
        Path home = TempDirs.create("neo4j-server");
        int bolt = freePort();
        int http = freePort();
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(conf.resolve("neo4j.conf"), String.join("\n",
                "server.directories.data=" + home.resolve("data"),
                "server.directories.logs=" + home.resolve("logs"),
                "server.directories.plugins=" + home.resolve("plugins"),
                "server.directories.run=" + home.resolve("run"),
                "server.directories.import=" + home.resolve("import"),
                "server.default_listen_address=127.0.0.1",
                "server.bolt.listen_address=127.0.0.1:" + bolt,
                "server.bolt.advertised_address=127.0.0.1:" + bolt,
                "server.http.listen_address=127.0.0.1:" + http,
                "server.https.enabled=false",
                "dbms.security.auth_enabled=true",
                "dbms.security.procedures.unrestricted=gds.*",
                "dbms.usage_report.enabled=false",
                "server.memory.pagecache.size=" + pageCacheMb + "m",
                "server.memory.heap.max_size=" + heapMb + "m",
                "") + "\n", StandardCharsets.UTF_8);
        // a server finds procedures in the jars of its plugin folder, not on its class path: GDS goes there too
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (gds && entry.endsWith(".jar") && entry.replace('\\', '/').contains("/org/neo4j/gds/")) {
                Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMb + "m");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.neo4j.server.CommunityEntryPoint",
                "--home-dir=" + home, "--config-dir=" + conf));
        Path console = home.resolve("logs").resolve("console.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        Neo4jServer server = new Neo4jServer(p, home, bolt, password);
        try {
            server.setInitialPassword(console, Duration.ofSeconds(120));
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The first login must change the default password; until then the server accepts nothing else. */
    private void setInitialPassword(Path console, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Neo4j server in " + home + " exited with " + process.exitValue()
                        + " before Bolt on port " + boltPort + " answered; its console:\n" + tail(console));
            }
            try (Driver d = GraphDatabase.driver(uri(), AuthTokens.basic(USER, "neo4j"))) {
                d.verifyConnectivity();
                try (var s = d.session(SessionConfig.forDatabase("system"))) {
                    s.run("ALTER CURRENT USER SET PASSWORD FROM $old TO $new", Map.of("old", "neo4j", "new", password)).consume();
                }
                return;
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new IOException("the Neo4j server in " + home + " did not take a login on Bolt port " + boltPort + " within "
                + within.toSeconds() + " s (last: " + last + "); its console:\n" + tail(console));
    }

    public String uri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    public String password() {
        return password;
    }

    public Path home() {
        return home;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        TempDirs.delete(home);
    }
}
