package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage at every declared route, with a fixed seed: path parameters, query parameters and bodies that are too long,
 * of the wrong type, out of range, binary, deeply nested or not JSON at all. Every answer must be JSON; every refusal a
 * 4xx with {@code {error, status}}; never a 5xx, and never a stack trace in the body. The token checks are run over the
 * declared routes too, so a route added later is covered without editing this test.
 */
class GarbageRequestsTest {

    static final String[] PARAMS = {"offset", "limit", "xmin", "ymin", "xmax", "ymax", "split", "scale", "run", "k",
        "direction"};

    static List<String> garbageValues(Random r) {
        List<String> v = new ArrayList<>(List.of("", "-1", "0", "1e309", "-1e309", "NaN", "Infinity", "9999999999999999999999",
                "0x10", "1.5", " 7 ", "true", "null", "[]", "{}", "'; MATCH (n) DETACH DELETE n //", "\u0000", "é\u202e",
                "x".repeat(5000), "../../etc/passwd", "%", "macro\u0000", "MACRO", "-0", "2147483648"));
        for (int i = 0; i < 10; i++) {
            byte[] b = new byte[1 + r.nextInt(40)];
            r.nextBytes(b);
            v.add(new String(b, StandardCharsets.ISO_8859_1));
        }
        return v;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void assertJsonRefusalOrAnswer(Response raw, String what) {
        int code = raw.code();
        String body = raw.body().string();
        assertTrue(code < 500, what + " -> " + code + " " + Params.clip(body));
        assertFalse(body.contains("\tat ") || body.contains("Exception:") || body.contains(".java:"),
                what + " -> a stack trace: " + Params.clip(body));
        List<String> type = raw.headers().get("Content-Type");
        if (code == 304 || (code < 400 && (type == null || type.stream().noneMatch(t -> t.contains("json"))))) {
            return; // an answer of another kind (a PNG, the viewer page): only refusals must be JSON
        }
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = Api.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(what + " -> not JSON (" + code + "): " + Params.clip(body), e);
        }
        if (code >= 400) {
            assertEquals(code, json.get("status").asInt(), what);
            assertFalse(json.get("error").asText().isBlank(), what);
        }
    }

    @Test
    void garbagePathsAndParametersAreJson4xxNever500() {
        Random r = new Random(7);
        List<String> values = garbageValues(r);
        SigmmaServer server = new SigmmaServer(ApiTestDatabase.graph(), Api.config());
        List<String> gets = server.routes().stream().filter(s -> s.startsWith("GET ")).map(s -> s.substring(4)).toList();
        assertTrue(gets.size() >= 10, gets.toString());
        io.javalin.testtools.JavalinTest.test(server.javalin(), (app, client) -> {
            int requests = 0;
            for (String route : gets) {
                for (String v : values) {
                    // the value in every path parameter
                    String path = route.replaceAll("\\{[^}]+}", enc(v).isEmpty() ? "%20" : enc(v));
                    assertJsonRefusalOrAnswer(client.get(path), "GET " + path);
                    // and in every query parameter, on a route with sensible path values
                    String good = route.replace("{id}", ApiTestDatabase.SECTION).replace("{clusterId}", "0")
                            .replace("{tileId}", ApiTestDatabase.SECTION + ":t0");
                    String p = PARAMS[r.nextInt(PARAMS.length)];
                    assertJsonRefusalOrAnswer(client.get(good + "?" + p + "=" + enc(v)), "GET " + good + "?" + p + "=" + Params.clip(v));
                    requests += 2;
                }
            }
            // unknown routes and methods are JSON too
            assertJsonRefusalOrAnswer(client.get("/api/nothing/here"), "GET unknown");
            assertJsonRefusalOrAnswer(client.request("/api/sections", b -> b.delete(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + Api.WRITE_TOKEN)), "DELETE /api/sections");
            assertJsonRefusalOrAnswer(client.request("/api/cypher", b -> b.put(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Authorization", "Bearer " + Api.WRITE_TOKEN)), "PUT /api/cypher");
            assertTrue(requests > 500, "requests sent: " + requests);
        });
    }

    @Test
    void garbageBodiesAreJson4xxNever500() {
        Random r = new Random(11);
        List<String> bodies = new ArrayList<>(List.of("", "null", "1", "\"query\"", "[]", "{", "{}", "{\"query\": null}",
                "{\"query\": 5}", "{\"query\": [\"RETURN 1\"]}", "{\"query\": \"\"}", "{\"query\": \"   \"}",
                "{\"query\": \"RETURN 1\", \"params\": \"x\"}", "{\"query\": \"RETURN 1\", \"params\": [1]}",
                "{\"query\": \"RETURN 1\", \"limit\": -1}", "{\"query\": \"RETURN 1\", \"limit\": 1.5}",
                "{\"query\": \"RETURN 1\", \"limit\": \"10\"}", "{\"query\": \"RETURN 1\", \"limit\": 99999999999999999999}",
                "{\"query\": \"RETURN $a\", \"params\": {\"a\": 1e999}}",
                "{\"query\": \"RETURN $a\", \"params\": {\"a\": -99999999999999999999999}}",
                "{\"query\": \"RETURN 1\", \"query\": \"CREATE (n)\"}",
                "{\"query\": \"RETURN 1\"} trailing", "{\"query\": \"RETURN \\u0000\"}",
                "{\"query\": \"" + "RETURN 1 ".repeat(10) + "\", \"params\": {\"a\": " + "[".repeat(3000) + "]".repeat(3000) + "}}",
                "[".repeat(4000), "{\"query\": \"MATCH (n) RETURN n\", \"params\": {\"\": 1}}",
                "{\"query\": \"RETURN $`a b`\", \"params\": {\"a b\": 1}}",
                "{\"query\": \"UNWIND range(1, 10) AS x RETURN x / 0\"}",
                "{\"query\": \"RETURN toInteger('x') + 1 AS y\"}",
                "{\"query\": \"CALL { CALL { CALL { RETURN 1 AS a } RETURN a } RETURN a } RETURN a\"}",
                "{\"query\": \"RETURN " + "1 + ".repeat(1500) + "1\"}"));
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[r.nextInt(2000)];
            r.nextBytes(b);
            bodies.add(new String(b, StandardCharsets.ISO_8859_1));
        }
        SigmmaServer server = new SigmmaServer(ApiTestDatabase.graph(), Api.config());
        List<String> posts = server.routes().stream().filter(s -> s.startsWith("POST ")).map(s -> s.substring(5)).toList();
        assertFalse(posts.isEmpty());
        List<Object> before = CypherEndpointTest.fingerprint();
        io.javalin.testtools.JavalinTest.test(server.javalin(), (app, client) -> {
            for (String route : posts) {
                for (String body : bodies) {
                    for (String type : new String[] {"application/json", "text/plain", "application/octet-stream"}) {
                        Response res = client.request(route, b -> b.post(HttpRequest.BodyPublishers.ofString(body,
                                        StandardCharsets.ISO_8859_1)).header("Content-Type", type)
                                .header("Authorization", "Bearer " + Api.WRITE_TOKEN));
                        assertJsonRefusalOrAnswer(res, "POST " + route + " " + type + " " + Params.clip(body));
                    }
                }
            }
        });
        assertEquals(before, CypherEndpointTest.fingerprint(), "garbage changed the database");
    }

    @Test
    void everyWriteRouteNeedsTheWriteTokenAndEveryReadRouteTheReadTokenWhenSet() {
        SigmmaServer server = new SigmmaServer(ApiTestDatabase.graph(), Api.config().withReadToken(Api.READ_TOKEN));
        io.javalin.testtools.JavalinTest.test(server.javalin(), (app, client) -> {
            for (String route : server.routes()) {
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(route.indexOf(' ') + 1).replace("{id}", ApiTestDatabase.SECTION)
                        .replace("{clusterId}", "0").replace("{tileId}", ApiTestDatabase.SECTION + ":t0");
                if (method.equals("POST")) {
                    for (String token : new String[] {null, "", "wrong", Api.READ_TOKEN, Api.WRITE_TOKEN + "x"}) {
                        Response res = client.request(path, b -> {
                            b.post(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
                            if (token != null) {
                                b.header("Authorization", "Bearer " + token);
                            }
                        });
                        String body = res.body().string();
                        int expected = token == null || token.isEmpty() ? 401 : 403;
                        assertEquals(expected, res.code(), route + " with token '" + token + "': " + body);
                        assertEquals(expected, Api.JSON.readTree(body).get("status").asInt());
                    }
                    Response basic = client.request(path, b -> b.post(HttpRequest.BodyPublishers.ofString("{}"))
                            .header("Authorization", "Basic " + Api.WRITE_TOKEN));
                    assertEquals(401, basic.code(), route + " with a Basic header");
                } else if (!SigmmaServer.OPEN_PATHS.contains(path)) {
                    Api.Reply none = Api.reply(client.get(path));
                    assertEquals(401, none.status(), route + ": " + none.raw());
                    assertEquals(401, none.body().get("status").asInt());
                    Api.Reply wrong = Api.get(client, path, "wrong");
                    assertEquals(403, wrong.status(), route + ": " + wrong.raw());
                    int withToken = client.get(path, b -> b.header("Authorization", "Bearer " + Api.READ_TOKEN)).code();
                    assertTrue(withToken != 401 && withToken != 403, route + " with the read token: " + withToken);
                }
            }
        });
    }
}
