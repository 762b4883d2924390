package org.sigmma.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * Closed-loop GET load on loopback for the load benchmarks: each client thread sends its next request when the last
 * one returned, until a deadline or a request budget; a non-200 or empty answer, or a failure, counts as an error.
 */
final class LoadClients {

    private LoadClients() {
    }

    /**
     * Starts the clients; the returned latch opens when all have stopped and {@code latencies[c]} holds client c's
     * latencies in nanoseconds.
     *
     * @param url        the URL of a client's i-th request
     * @param firstIndex where client c starts counting i
     */
    static CountDownLatch start(String threadName, int clients, IntFunction<String> url, IntUnaryOperator firstIndex,
                                long endNanos, long maxRequests, long[][] latencies, AtomicLong count, AtomicLong errors) {
        CountDownLatch done = new CountDownLatch(clients);
        // one client object, all requests in flight on their own connections: the load generator shares the cores with
        // the server, and a client per thread would spend them on as many selector threads
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (int c = 0; c < clients; c++) {
            int client = c;
            new Thread(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                int i = firstIndex.applyAsInt(client);
                try {
                    while (System.nanoTime() < endNanos && count.incrementAndGet() <= maxRequests) {
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
            }, threadName + "-" + c).start();
        }
        return done;
    }
}
