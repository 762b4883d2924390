package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request held in the slow path on purpose (its cache fill blocked on a latch) ends with the bounded JSON 503 at
 * its budget, while health, other routes and other tiles go on being answered; released, the same route answers.
 */
class RequestBudgetTest {

    static final Duration BUDGET = Duration.ofMillis(1500);

    @Test
    void aHeldCacheFillEndsWithTheBounded503AndEveryOtherRequestIsAnswered() throws Exception {
        var graph = ApiTestDatabase.graph();
        List<String> tiles = graph.query("MATCH (t:Tile {section: $s}) RETURN t.id AS id ORDER BY id LIMIT 2",
                Map.of("s", ApiTestDatabase.SECTION)).stream().map(r -> (String) r.get("id")).toList();
        String held = "/api/tiles/" + tiles.get(0) + "/subgraph";
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (SigmmaServer server = new SigmmaServer(graph, Api.config().withRequestTimeout(BUDGET)).start()) {
            server.onCacheFill(key -> {
                if (key.startsWith(held)) {
                    entered.countDown();
                    try {
                        assertTrue(release.await(30, TimeUnit.SECONDS), "the test never released the held fill");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long t0 = System.nanoTime();
            CompletableFuture<HttpResponse<String>> late = http.sendAsync(request(base + held + "?scale=meso"),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the held request never reached its cache fill");

            // while it is held: health answers fast, other routes and another tile answer in full
            long slowestHealthMs = 0;
            int answered = 0;
            while (!late.isDone() && System.nanoTime() - t0 < BUDGET.toNanos() * 3) {
                long h0 = System.nanoTime();
                HttpResponse<String> health = http.send(request(base + "/api/health"), HttpResponse.BodyHandlers.ofString());
                slowestHealthMs = Math.max(slowestHealthMs, (System.nanoTime() - h0) / 1_000_000);
                assertEquals(200, health.statusCode(), health.body());
                HttpResponse<String> other = http.send(request(base + "/api/tiles/" + tiles.get(1) + "/subgraph?scale=meso"),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, other.statusCode(), other.body());
                HttpResponse<String> clusters = http.send(request(base + "/api/sections/" + ApiTestDatabase.SECTION
                        + "/clusters?scale=expression&offset=" + answered), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, clusters.statusCode(), clusters.body());
                answered++;
            }
            HttpResponse<String> reply = late.get(10, TimeUnit.SECONDS);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(answered >= 3, "only " + answered + " rounds of other requests were answered while one was held");
            assertTrue(slowestHealthMs < 500, "health took " + slowestHealthMs + " ms while a request was held");

            assertEquals(503, reply.statusCode(), reply.body());
            assertEquals("5", reply.headers().firstValue("Retry-After").orElse(null));
            JsonNode body = Api.JSON.readTree(reply.body());
            assertEquals(503, body.get("status").asInt());
            String error = body.get("error").asText();
            assertTrue(error.contains("GET " + held) && error.contains("request budget of 1500 ms")
                    && error.contains("--request-timeout") && error.contains("computing the answer"), error);
            assertTrue(tookMs >= BUDGET.toMillis() && tookMs < BUDGET.toMillis() + 1500,
                    "the held request ended after " + tookMs + " ms, its budget is " + BUDGET.toMillis() + " ms");

            // released, the late work ends by itself and the same route answers in full
            release.countDown();
            HttpResponse<String> again = http.send(request(base + held + "?scale=meso"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(tiles.get(0), Api.JSON.readTree(again.body()).get("tile").get("id").asText());
        } finally {
            release.countDown();
        }
    }

    @Test
    void theBudgetIsAServeOptionAndMustBePositive() {
        ServerConfig c = ServerConfig.defaults("t").withRequestTimeout(Duration.ofMillis(2500));
        assertEquals(Duration.ofMillis(2500), c.requestTimeout());
        assertEquals(ServerConfig.DEFAULT_REQUEST_TIMEOUT, ServerConfig.defaults("t").requestTimeout());
        var e = assertThrows(IllegalArgumentException.class, () -> c.withRequestTimeout(Duration.ZERO));
        assertTrue(e.getMessage().contains("requestTimeout"), e.getMessage());
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
    }
}
