package org.sigmma.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: a server over the shared test database, run by javalin-testtools on a free port, and JSON replies. */
final class Api {

    static final String WRITE_TOKEN = "write-token-for-tests";
    static final String READ_TOKEN = "read-token-for-tests";
    static final int MAX_PAGE = 50;
    static final long MAX_BODY = 8192;
    static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    /** Loopback, a free port, pages up to 50, bodies up to 8 KiB, Cypher 10 s and 500 rows, reads open. */
    static ServerConfig config() {
        return ServerConfig.defaults(WRITE_TOKEN).withPort(0).withMaxPageSize(MAX_PAGE).withMaxBodyBytes(MAX_BODY)
                .withCypher(Duration.ofSeconds(10), 500);
    }

    interface Case {
        void run(HttpClient client) throws Exception;
    }

    static void test(Case c) {
        test(config(), c);
    }

    static void test(ServerConfig config, Case c) {
        SigmmaServer server = new SigmmaServer(ApiTestDatabase.graph(), config);
        JavalinTest.test(server.javalin(), (app, client) -> c.run(client));
    }

    /** A reply: status and parsed JSON body. */
    record Reply(int status, JsonNode body, String raw) {
        JsonNode items() {
            return body.get("items");
        }
    }

    static Reply get(HttpClient client, String path) {
        return reply(client.get(path));
    }

    static Reply get(HttpClient client, String path, String token) {
        return reply(client.get(path, b -> b.header("Authorization", "Bearer " + token)));
    }

    static Reply post(HttpClient client, String path, String body, String token) {
        return reply(client.request(path, b -> {
            b.post(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
        }));
    }

    static Reply reply(Response r) {
        String raw = r.body().string();
        try {
            return new Reply(r.code(), raw.isEmpty() ? null : JSON.readTree(raw), raw);
        } catch (Exception e) {
            throw new AssertionError("not JSON (status " + r.code() + "): " + raw, e);
        }
    }

    /** Every item of a paged list, page by page (checks hasMore on the way). */
    static List<JsonNode> all(HttpClient client, String path, int pageSize) {
        List<JsonNode> out = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        for (int offset = 0; ; offset += pageSize) {
            Reply r = get(client, path + sep + "offset=" + offset + "&limit=" + pageSize);
            if (r.status() != 200) {
                throw new AssertionError(path + " -> " + r.status() + " " + r.raw());
            }
            r.items().forEach(out::add);
            if (!r.body().get("hasMore").asBoolean()) {
                return out;
            }
            if (r.items().size() != pageSize) {
                throw new AssertionError("a page with hasMore must be full: " + r.items().size() + " of " + pageSize);
            }
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
