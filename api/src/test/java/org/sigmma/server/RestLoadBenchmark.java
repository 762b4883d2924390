package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.microenv.MicroenvironmentAnalysis;
import org.sigmma.model.microenv.MicroenvironmentParameters;
import org.sigmma.progress.ProgressListener;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.GraphStore;
import org.sigmma.store.Neo4jServer;
import org.sigmma.store.ServerGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.TempDirs;

/**
 * REST load on loopback: 32 concurrent clients (32 threads, each sending its next request when the last one returned,
 * over one shared OkHttp client on HTTP/1.1 keep-alive, see {@link LoadClients} for why not java.net.http) for a bounded time and a bounded count against the
 * cluster list, tile subgraphs and a page of a cluster's cells, one endpoint at a time after a warm-up, with the
 * response cache on and off (and the cluster cells once more against a 250-thread pool, Javalin's default, to compare
 * with the server's bounded one); prints throughput, p50, p99 and errors. The bar of issue 6: p99 under 50 ms for a cluster query
 * at 32 clients on 2 cores. Run with -Dtest.excludedGroups=none -Dgroups=benchmark; timings are printed, not asserted.
 */
@Tag("benchmark")
class RestLoadBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupS", 3));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    static final int MAX_REQUESTS = 500_000;

    /** cpuMsPerRequest: CPU time of this JVM (server and load generator together) per request. */
    record Result(String name, long requests, long errors, double seconds, double p50Ms, double p99Ms, double maxMs,
                  long over1s, double cpuMsPerRequest) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-44s %7d requests %5.1f s %6.0f req/s  p50 %7.2f ms  p99 %7.2f ms  "
                            + "max %7.2f ms  over 1 s %d  errors %d  JVM CPU %.2f ms/request",
                    name, requests, seconds, requests / seconds, p50Ms, p99Ms, maxMs, over1s, errors, cpuMsPerRequest);
        }

        /** A row of docs/performance.md's table. */
        String row() {
            return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f ms | %.2f ms | %.1f ms | %d | %d | %.2f ms |", name,
                    requests, requests / seconds, p50Ms, p99Ms, maxMs, over1s, errors, cpuMsPerRequest);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Test
    void clusterAndSubgraphEndpointsUnder32Clients() throws Exception {
        var graph = ApiTestDatabase.graph();
        List<String> tiles = new ArrayList<>();
        graph.query("MATCH (t:Tile {section: $s}) RETURN t.id AS id ORDER BY id", Map.of("s", ApiTestDatabase.SECTION))
                .forEach(r -> tiles.add((String) r.get("id")));
        ServerConfig config = ServerConfig.defaults(Api.WRITE_TOKEN).withPort(0);
        try (SigmmaServer cached = new SigmmaServer(graph, config).start();
             SigmmaServer uncached = new SigmmaServer(graph, config.withCacheEntries(0)).start();
             SigmmaServer widePool = new SigmmaServer(graph, config.withCacheEntries(0), 250).start()) {
            String c = "http://127.0.0.1:" + cached.port() + "/api";
            String u = "http://127.0.0.1:" + uncached.port() + "/api";
            String w = "http://127.0.0.1:" + widePool.port() + "/api";
            String sec = "/sections/" + ApiTestDatabase.SECTION;
            List<Result> results = new ArrayList<>();
            results.add(run("clusters, cached", i -> c + sec + "/clusters?scale=expression"));
            results.add(run("clusters, no cache", i -> u + sec + "/clusters?scale=expression"));
            results.add(run("tile subgraph (meso), cached", i -> c + "/tiles/" + tiles.get(i % tiles.size()) + "/subgraph?scale=meso"));
            results.add(run("tile subgraph (meso), no cache", i -> u + "/tiles/" + tiles.get(i % tiles.size()) + "/subgraph?scale=meso"));
            results.add(run("cluster cells (100), no cache", i -> u + sec + "/clusters/" + (i % 4) + "/cells?scale=expression&offset="
                    + (i % 20) * 100 + "&limit=100"));
            // the same against Javalin's default pool size, to compare the server's bounded pool with
            results.add(run("cluster cells (100), no cache, 250 threads", i -> w + sec + "/clusters/" + (i % 4)
                    + "/cells?scale=expression&offset=" + (i % 20) * 100 + "&limit=100"));
            System.out.println("REST load, " + CLIENTS + " concurrent clients on loopback (one shared OkHttp client, "
                    + "HTTP/1.1 keep-alive), " + Runtime.getRuntime().availableProcessors() + " cores seen by the JVM, "
                    + tiles.size() + " tiles, 36,602 cells; warm-up " + WARM_UP.toSeconds() + " s, then " + MEASURE.toSeconds()
                    + " s per line:");
            results.forEach(r -> System.out.println("  " + r));
            results.forEach(r -> System.out.println("TABLE " + r.row()));
            System.out.println("  machine load average at the end: " + java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
            for (Result r : results) {
                assertEquals(0, r.errors(), r.name() + " had errors");
            }
        }
    }

    /**
     * The uncached lines side by side on the two stores (issues 16 and 19): the real sample ingested and clustered on
     * expression (k = 4) into a fresh embedded store and into a Neo4j server over Bolt (a child JVM on this machine,
     * sharing its cores), then the same three uncached lines against {@code serve} on each. A server's responses are
     * never cached (other clients write there unseen), so the uncached lines are what its users get.
     * {@code -Dtest=RestLoadBenchmark#embeddedAndServerUncached}.
     */
    @Test
    void embeddedAndServerUncached() throws Exception {
        Path dir = TempDirs.create("rest-load-server");
        String password = "sigmma-rest-load";
        try (Neo4jServer neo4j = Neo4jServer.start(password, true, 2048, 1024);
             EmbeddedGraph embedded = EmbeddedGraph.open(
                     StoreSettings.defaults(dir.resolve("embedded")));
             ServerGraph server = ServerGraph.connect(neo4j.uri(),
                     AuthTokens.basic(Neo4jServer.USER, password), null,
                     Files.createDirectories(dir.resolve("client")), ServerGraph.DEFAULT_LEASE)) {
            List<Result> results = new ArrayList<>();
            for (GraphStore store : List.<GraphStore>of(embedded, server)) {
                new SectionLoader(store).ingest(ApiTestDatabase.SAMPLE,
                        ReadOptions.defaults(), IngestParameters.defaults()
                                .withName(ApiTestDatabase.SECTION), ProgressListener.NONE);
                new MicroenvironmentAnalysis(store.access()).run(
                        MicroenvironmentParameters.of(ApiTestDatabase.SECTION, FeatureSource.EXPRESSION, 4));
                List<String> tiles = new ArrayList<>();
                store.access().read("MATCH (t:Tile {section: $s}) RETURN t.id AS id ORDER BY id",
                        Map.of("s", ApiTestDatabase.SECTION)).forEach(r -> tiles.add((String) r.get("id")));
                String side = store instanceof ServerGraph ? "server" : "embedded";
                try (SigmmaServer rest = new SigmmaServer(store, ServerConfig.defaults(Api.WRITE_TOKEN).withPort(0)
                        .withCacheEntries(0)).start()) {
                    String u = "http://127.0.0.1:" + rest.port() + "/api";
                    String sec = "/sections/" + ApiTestDatabase.SECTION;
                    results.add(run("clusters, no cache, " + side, i -> u + sec + "/clusters?scale=expression"));
                    results.add(run("tile subgraph (meso), no cache, " + side,
                            i -> u + "/tiles/" + tiles.get(i % tiles.size()) + "/subgraph?scale=meso"));
                    results.add(run("cluster cells (100), no cache, " + side, i -> u + sec + "/clusters/" + (i % 4)
                            + "/cells?scale=expression&offset=" + (i % 20) * 100 + "&limit=100"));
                }
            }
            System.out.println("REST load, embedded and server, " + CLIENTS + " clients, warm-up " + WARM_UP.toSeconds()
                    + " s, then " + MEASURE.toSeconds() + " s per line:");
            results.forEach(r -> System.out.println("  " + r));
            results.forEach(r -> System.out.println("TABLE " + r.row()));
            System.out.println("  machine load average at the end: " + java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
            for (Result r : results) {
                assertEquals(0, r.errors(), r.name() + " had errors");
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    /** Warm-up, then the measured phase: each client requests url(i) for its i-th request, back to back. */
    private static Result run(String name, IntFunction<String> url) throws InterruptedException {
        String only = System.getProperty("bench.only");
        if (only != null && !name.startsWith(only)) {
            return new Result(name + " (skipped)", 0, 0, 1, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
        }
        phase(url, WARM_UP, new long[CLIENTS][0], new AtomicLong(), new AtomicLong());
        long[][] latencies = new long[CLIENTS][];
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        phase(url, MEASURE, latencies, count, errors);
        double cpuMs = (processCpuNanos() - cpu0) / 1e6;
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long over1s = Arrays.stream(all).filter(v -> v > 1_000_000_000L).count();
        return new Result(name, all.length, errors.get(), seconds, pct(all, 0.50), pct(all, 0.99),
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, over1s, cpuMs / Math.max(1, all.length));
    }

    private static void phase(IntFunction<String> url, Duration length, long[][] latencies, AtomicLong count,
                              AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch done = LoadClients.start("load-client", CLIENTS, url, c -> new Random(c).nextInt(10_000), end,
                MAX_REQUESTS, latencies, count, errors);
        done.await();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1e6;
    }
}
