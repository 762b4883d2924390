package org.sigmma.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sigmma.ingest.jobs.Inbox;
import org.sigmma.ingest.jobs.InboxParameters;
import org.sigmma.ingest.jobs.IngestJobRunner;
import org.sigmma.ingest.jobs.JobQueue;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.progress.ProgressListener;
import org.sigmma.server.ServerConfig;
import org.sigmma.server.SigmmaServer;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.GraphStore;
import org.sigmma.store.ReadOnlyCypher;
import org.sigmma.store.jobs.JobRepository;
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

    @Option(names = "--cypher-memory-mb", defaultValue = "" + ReadOnlyCypher.Limits.DEFAULT_MAX_MEMORY_MB,
            description = "heap one Cypher request may use in MiB (Neo4j's db.memory.transaction.max, per query); over it"
                    + " the answer is a 400 naming the limit; 0 for none. Against a server (--uri) the server's own"
                    + " db.memory.transaction.max applies (default: ${DEFAULT-VALUE})")
    long cypherMemoryMb;

    @Option(names = "--cache-entries", defaultValue = "1024",
            description = "GET responses kept until the next write to the database, 0 for none (default: ${DEFAULT-VALUE})")
    int cacheEntries;

    @Option(names = "--request-timeout", defaultValue = "10s",
            description = "budget of one request, e.g. 10s, 2500ms: past it the answer is a JSON 503 naming what the request"
                    + " waited for, and its database work is terminated (default: ${DEFAULT-VALUE})")
    String requestTimeout;

    @Option(names = "--inbox", description = "watch this folder: each complete Xenium bundle folder dropped in it is ingested"
            + " as a section (a job; also POST /api/jobs)")
    Path inbox;

    @Option(names = "--inbox-poll", defaultValue = "5s",
            description = "how often the inbox is looked at, e.g. 5s, 500ms, 1m (default: ${DEFAULT-VALUE}); a bundle without a "
                    + ".complete or READY file must look the same at two looks")
    String inboxPoll;

    @Option(names = "--inbox-on-change", defaultValue = "refuse",
            description = "a changed bundle under an existing section name: refuse | replace (default: ${DEFAULT-VALUE})")
    String inboxOnChange;

    @Option(names = "--after-ingest-run", description = "after each ingest, embed the section with this trained run")
    String afterIngestRun;

    @Option(names = "--after-ingest-cluster-k", defaultValue = "0",
            description = "after each ingest, cluster the section into K microenvironments (at the run's three scales with"
                    + " --after-ingest-run, else on expression); 0 for none (default: ${DEFAULT-VALUE})")
    int afterIngestClusterK;

    @Option(names = "--inbox-pca", defaultValue = "64", description = "PCA features per cell of inbox ingests (default: ${DEFAULT-VALUE})")
    int inboxPca;

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
        ReadOnlyCypher.Limits cypher = CypherLimitOptions.limits("--cypher-timeout-s", cypherTimeoutSeconds,
                "--cypher-row-limit", cypherRowLimit, "--cypher-memory-mb", cypherMemoryMb);
        return new ServerConfig(port, host, write, read, maxBodyBytes, maxPageSize, cypher, cacheEntries,
                duration(requestTimeout));
    }

    /** The job queue over the inbox, started; null without --inbox. */
    JobQueue jobQueue(GraphStore store) {
        if (inbox == null) {
            return null;
        }
        if (!(store instanceof EmbeddedGraph graph)) {
            throw new IllegalArgumentException("--inbox runs on the embedded database (--data) only in this version, "
                    + "not with --uri " + store.describe());
        }
        InboxParameters p = inboxParameters();
        AfterIngestSteps after = afterIngestRun == null && afterIngestClusterK <= 0 ? null
                : new AfterIngestSteps(graph, afterIngestRun, afterIngestClusterK);
        return new JobQueue(new JobRepository(graph.access()),
                new IngestJobRunner(graph, p, after, ProgressListener.NONE), new Inbox(p.dir()), p.poll()).start();
    }

    /** The inbox options; null without --inbox. */
    InboxParameters inboxParameters() {
        if (inbox == null) {
            return null;
        }
        if (afterIngestClusterK < 0) {
            throw new IllegalArgumentException("--after-ingest-cluster-k must not be negative, was " + afterIngestClusterK);
        }
        return InboxParameters.of(inbox).withPoll(duration(inboxPoll))
                .withOnChange(InboxParameters.OnChange.parse(inboxOnChange))
                .withIngest(IngestParameters.defaults().withFeatures(2000, inboxPca));
    }

    /** "5s", "500ms", "2m", or plain seconds. */
    static Duration duration(String s) {
        String v = s.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            }
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a duration such as 5s, 500ms or 1m, not '" + s + "'");
        }
    }

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        ServerConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        try (GraphStore graph = store.store(); JobQueue jobs = jobQueue(graph);
             SigmmaServer server = new SigmmaServer(graph, config, jobs).start()) {
            String base = "http://" + host + ":" + server.port() + "/api";
            System.out.println("SIGMMA REST API on " + base + " (OpenAPI: " + base + "/openapi.json)");
            if (graph instanceof EmbeddedGraph e && e.boltUri() != null) {
                System.out.println("Bolt on " + e.boltUri());
            } else if (!(graph instanceof EmbeddedGraph)) {
                System.out.println("graph on " + graph.describe() + " (responses are not cached: other clients write there)");
            }
            if (generatedToken) {
                System.out.println("write token (POST endpoints; set --token or SIGMMA_TOKEN to choose one): " + config.writeToken());
            }
            if (jobs != null) {
                System.out.println("inbox " + jobs.inbox().dir() + " (looked at every " + inboxPoll + "; jobs at " + base + "/jobs)");
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
