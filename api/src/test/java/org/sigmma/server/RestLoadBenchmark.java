package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * REST load on loopback: 32 concurrent clients (one java.net.http client each, HTTP/1.1 keep-alive) for a bounded time
 * and a bounded count against the cluster list, a page of a cluster's cells, and tile subgraphs, one endpoint at a
 * time after a warm-up; prints throughput, p50, p99 and errors. The bar of issue 6: p99 under 50 ms for a cluster query
 * at 32 clients on 2 cores. Run with -Dtest.excludedGroups=none -Dgroups=benchmark; timings are printed, not asserted.
 */
@Tag("benchmark")
class RestLoadBenchmark {

    static final int CLIENTS = 32;
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupS", 3));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    static final int MAX_REQUESTS = 500_000;

    record Result(String name, long requests, long errors, double seconds, double p50Ms, double p99Ms, double maxMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %8d requests %6.1f s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d",
                    name, requests, seconds, requests / seconds, p50Ms, p99Ms, maxMs, errors);
        }
    }

    @Test
    void clusterAndSubgraphEndpointsUnder32Clients() throws Exception {
        var graph = ApiTestDatabase.graph();
        List<String> tiles = new ArrayList<>();
        graph.query("MATCH (t:Tile {section: $s}) RETURN t.id AS id ORDER BY id", Map.of("s", ApiTestDatabase.SECTION))
                .forEach(r -> tiles.add((String) r.get("id")));
        try (SigmmaServer server = new SigmmaServer(graph, ServerConfig.defaults(Api.WRITE_TOKEN).withPort(0)).start()) {
            String base = "http://127.0.0.1:" + server.port() + "/api";
            String s = base + "/sections/" + ApiTestDatabase.SECTION;
            List<Result> results = new ArrayList<>();
            results.add(run("clusters (expression)", i -> s + "/clusters?scale=expression"));
            results.add(run("clusters (micro, run)", i -> s + "/clusters?scale=micro&run=" + ApiTestDatabase.RUN));
            results.add(run("tile subgraph (meso)", i -> base + "/tiles/" + tiles.get(i % tiles.size()) + "/subgraph?scale=meso"));
            results.add(run("cluster cells (page of 100)", i -> s + "/clusters/" + (i % 4) + "/cells?scale=expression&offset="
                    + (i % 20) * 100 + "&limit=100"));
            System.out.println("REST load, " + CLIENTS + " clients on loopback, " + Runtime.getRuntime().availableProcessors()
                    + " cores seen by the JVM, " + tiles.size() + " tiles, 36,602 cells:");
            results.forEach(r -> System.out.println("  " + r));
            for (Result r : results) {
                assertEquals(0, r.errors(), r.name() + " had errors");
            }
        }
    }

    /** Warm-up, then the measured phase: each client requests url(i) for its i-th request, back to back. */
    private static Result run(String name, IntFunction<String> url) throws InterruptedException {
        phase(url, WARM_UP, new long[CLIENTS][0], new AtomicLong(), new AtomicLong());
        long[][] latencies = new long[CLIENTS][];
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        phase(url, MEASURE, latencies, count, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, all.length, errors.get(), seconds, pct(all, 0.50), pct(all, 0.99),
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);
    }

    private static void phase(IntFunction<String> url, Duration length, long[][] latencies, AtomicLong count,
                              AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                long[] mine = new long[1 << 16];
                int n = 0;
                int i = new Random(client).nextInt(10_000);
                try {
                    while (System.nanoTime() < end && count.incrementAndGet() <= MAX_REQUESTS) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(url.apply(i++))).timeout(Duration.ofSeconds(30)).GET().build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            if (r.statusCode() != 200 || r.body().length == 0) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                } finally {
                    latencies[client] = Arrays.copyOf(mine, n);
                    done.countDown();
                }
            }, "load-client-" + c);
            t.start();
        }
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
