package org.sigmma.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Looks for the rare stalled request of issue 19: closed-loop clients on the cached tile-subgraph route (the
 * cheapest, highest-rate line), a watchdog that, when a request has been in flight for 3 s, prints the Jetty server's
 * dump (thread pool: busy, idle, reserved threads, queued jobs) and the stacks of its threads, then counts requests
 * over 1 s and the slowest. -Dprobe.threads (the server's threads), -Dprobe.clients, -Dprobe.seconds.
 */
@Tag("benchmark")
class RestStallProbe {


    @Test
    void probe() throws Exception {
        int threads = Integer.getInteger("probe.threads", 12);
        int clients = Integer.getInteger("probe.clients", 32);
        long seconds = Long.getLong("probe.seconds", 60);
        var graph = ApiTestDatabase.graph();
        List<String> tiles = new ArrayList<>();
        graph.query("MATCH (t:Tile {section: $s}) RETURN t.id AS id ORDER BY id", Map.of("s", ApiTestDatabase.SECTION))
                .forEach(r -> tiles.add((String) r.get("id")));
        ServerConfig config = ServerConfig.defaults(Api.WRITE_TOKEN).withPort(0);
        try (SigmmaServer s = new SigmmaServer(graph, config, threads).start()) {
            String base = "http://127.0.0.1:" + s.port() + "/api/tiles/";
            String kind = System.getProperty("probe.client", "jdk");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            okhttp3.OkHttpClient ok = LoadClients.okHttp(clients, Duration.ofSeconds(40));
            AtomicLongArray since = new AtomicLongArray(clients);
            AtomicLong n = new AtomicLong(), over = new AtomicLong(), errors = new AtomicLong(), max = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            CountDownLatch done = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                new Thread(() -> {
                    int i = client * 97;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        since.set(client, t0);
                        String url = base + tiles.get(i++ % tiles.size()) + "/subgraph?scale=meso";
                        try {
                            int status;
                            if (kind.equals("okhttp")) {
                                try (okhttp3.Response r = ok.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
                                    r.body().bytes();
                                    status = r.code();
                                }
                            } else {
                                status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40)).build(),
                                        HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                            }
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        long dt = System.nanoTime() - t0;
                        since.set(client, 0);
                        n.incrementAndGet();
                        max.accumulateAndGet(dt, Math::max);
                        if (dt > 1_000_000_000L && System.nanoTime() - end + seconds * 1_000_000_000L > 10_000_000_000L) {
                            over.incrementAndGet();
                        }
                    }
                    done.countDown();
                }, "probe-" + c).start();
            }
            boolean dumped = false;
            while (!done.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                for (int c = 0; c < clients && !dumped; c++) {
                    long t = since.get(c);
                    if (t != 0 && System.nanoTime() - t > 3_000_000_000L && System.nanoTime() - end + seconds * 1_000_000_000L > 10_000_000_000L) {
                        dumped = true;
                        System.out.println("PROBE STALL: client " + c + " in flight for " + (System.nanoTime() - t) / 1_000_000 + " ms");
                        System.out.println(s.javalin().jettyServer().server().dump());
                        Thread.getAllStackTraces().forEach((th, st) -> {
                            if (th.getName().startsWith("sigmma-")) {
                                System.out.println("THREAD " + th.getName() + " " + th.getState());
                                for (StackTraceElement e : st) {
                                    System.out.println("    at " + e);
                                }
                            }
                        });
                    }
                }
            }
            System.out.printf(Locale.ROOT, "PROBE " + kind + " client, threads %d clients %d: %d requests, %d errors, %d over 1 s after the first 10 s, max %.1f ms%n",
                    threads, clients, n.get(), errors.get(), over.get(), max.get() / 1e6);
        }
    }
}
