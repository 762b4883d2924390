package org.sigmma.cli;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sigmma.server.ServerConfig;
import org.sigmma.server.SigmmaServer;
import org.sigmma.store.EmbeddedGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the REST API (and, with --bolt-port, Bolt) over the embedded database until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the REST API under /api (JSON; OpenAPI at /api/openapi.json) until stopped (Ctrl-C / SIGTERM).")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "7474", description = "HTTP port, 0 for a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = ServerConfig.LOOPBACK,
            description = "address to bind (default: ${DEFAULT-VALUE}, loopback only)")
    String host;

    @Option(names = "--token", defaultValue = "${env:SIGMMA_TOKEN}",
            description = "bearer token for POST endpoints (default: $SIGMMA_TOKEN, else a random one, printed at start)")
    String token;

    @Option(names = "--read-token", defaultValue = "${env:SIGMMA_READ_TOKEN}",
            description = "bearer token required for GET endpoints too (default: $SIGMMA_READ_TOKEN, else reads are open)")
    String readToken;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "largest request body (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(names = "--max-page-size", defaultValue = "1000", description = "largest page of a list (default: ${DEFAULT-VALUE})")
    int maxPageSize;

    @Option(names = "--cypher-timeout-s", defaultValue = "30", description = "time-out of a Cypher request (default: ${DEFAULT-VALUE})")
    int cypherTimeoutSeconds;

    @Option(names = "--cypher-row-limit", defaultValue = "10000", description = "most rows of a Cypher request (default: ${DEFAULT-VALUE})")
    int cypherRowLimit;

    @Option(names = "--cache-entries", defaultValue = "1024",
            description = "GET responses kept until the next write to the database, 0 for none (default: ${DEFAULT-VALUE})")
    int cacheEntries;

    private boolean generatedToken;

    /** The server configuration these options describe (a random write token when none is given). */
    ServerConfig config() {
        String write = token;
        if (write == null || write.isBlank()) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            write = HexFormat.of().formatHex(bytes);
            generatedToken = true;
        }
        String read = readToken == null || readToken.isBlank() ? null : readToken;
        return new ServerConfig(port, host, write, read, maxBodyBytes, maxPageSize, Duration.ofSeconds(cypherTimeoutSeconds),
                cypherRowLimit, cacheEntries);
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedGraph graph = store.open(); SigmmaServer server = new SigmmaServer(graph, config).start()) {
            String base = "http://" + host + ":" + server.port() + "/api";
            System.out.println("SIGMMA REST API on " + base + " (OpenAPI: " + base + "/openapi.json)");
            if (graph.boltUri() != null) {
                System.out.println("Bolt on " + graph.boltUri());
            }
            if (generatedToken) {
                System.out.println("write token (POST endpoints; set --token or SIGMMA_TOKEN to choose one): " + config.writeToken());
            }
            System.out.println("reads " + (config.readToken() == null ? "open" : "need --read-token") + "; Ctrl-C stops");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                stopped.countDown();
            }, "sigmma-serve-shutdown"));
            stopped.await();
        }
        return 0;
    }
}
