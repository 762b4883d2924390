package org.sigmma.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Closed-loop GET load on loopback for the load benchmarks: each client thread sends its next request when the last
 * one returned, until a deadline or a request budget; a non-200 or empty answer, or a failure, counts as an error.
 */
final class LoadClients {

    private LoadClients() {
    }

    /** One OkHttp client for {@code clients} threads, each with a keep-alive connection of its own. */
    static OkHttpClient okHttp(int clients, Duration callTimeout) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(clients);
        dispatcher.setMaxRequestsPerHost(clients);
        return new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(clients, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(5)).callTimeout(callTimeout).build();
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
        // one client object, all requests in flight on their own keep-alive connections. OkHttp, not java.net.http: JDK
        // 17's client now and then leaves a request on a pooled connection unsent until the server's 30 s idle time-out
        // closes it (RestStallProbe shows the server holding that connection idle with no request in it; OkHttp on
        // the same server never stalls), see docs/performance.md, "Serving under load"
        OkHttpClient http = okHttp(clients, Duration.ofSeconds(30));
        for (int c = 0; c < clients; c++) {
            int client = c;
            new Thread(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                int i = firstIndex.applyAsInt(client);
                try {
                    while (System.nanoTime() < endNanos && count.incrementAndGet() <= maxRequests) {
                        Request req = new Request.Builder().url(url.apply(i++)).build();
                        long t0 = System.nanoTime();
                        try (Response r = http.newCall(req).execute()) {
                            if (r.code() != 200 || r.body().bytes().length == 0) {
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
