package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Tokens, body size and parameter bounds: the status codes and the JSON error bodies. */
class SecurityAndLimitsTest {

    static final String S = ApiTestDatabase.SECTION;
    static final String QUERY = "{\"query\": \"RETURN 1 AS one\"}";

    @Test
    void postsNeedTheWriteToken() {
        Api.test(client -> {
            Api.Reply none = Api.post(client, "/api/cypher", QUERY, null);
            assertEquals(401, none.status());
            assertEquals(401, none.body().get("status").asInt());
            Api.Reply wrong = Api.post(client, "/api/cypher", QUERY, "not-the-token");
            assertEquals(403, wrong.status());
            Api.Reply read = Api.post(client, "/api/cypher", QUERY, Api.READ_TOKEN);
            assertEquals(403, read.status(), "a read token does not write");
            Api.Reply ok = Api.post(client, "/api/cypher", QUERY, Api.WRITE_TOKEN);
            assertEquals(200, ok.status(), ok.raw());
            assertEquals(1, ok.body().get("rows").get(0).get("one").asInt());
            // reads are open when no read token is configured
            assertEquals(200, Api.get(client, "/api/sections").status());
        });
    }

    @Test
    void aReadTokenClosesTheGetsButNotHealthOrTheDocument() {
        Api.test(Api.config().withReadToken(Api.READ_TOKEN), client -> {
            assertEquals(401, Api.get(client, "/api/sections").status());
            assertEquals(401, Api.get(client, "/api/sections/" + S + "/clusters").status());
            assertEquals(403, Api.get(client, "/api/sections", "wrong").status());
            assertEquals(200, Api.get(client, "/api/sections", Api.READ_TOKEN).status());
            assertEquals(200, Api.get(client, "/api/sections", Api.WRITE_TOKEN).status(), "the write token reads too");
            assertEquals(200, Api.get(client, "/api/health").status());
            assertEquals(200, Api.get(client, "/api/openapi.json").status());
            assertEquals(403, Api.post(client, "/api/cypher", QUERY, Api.READ_TOKEN).status());
        });
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"query\": \"RETURN 1\", \"params\": {\"pad\": \"" + "x".repeat((int) Api.MAX_BODY) + "\"}}";
        Api.test(client -> {
            Api.Reply r = Api.post(client, "/api/cypher", big, Api.WRITE_TOKEN);
            assertEquals(413, r.status(), r.raw());
            assertEquals(413, r.body().get("status").asInt());
            // a chunked body (no Content-Length) is cut off at the limit while it is read
            io.javalin.testtools.Response chunked = client.request("/api/cypher", b -> b.header("Authorization", "Bearer " + Api.WRITE_TOKEN)
                    .post(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
            assertEquals(413, chunked.code(), chunked.body().string());
            // just under the limit passes
            String fits = "{\"query\": \"RETURN size($pad) AS n\", \"params\": {\"pad\": \"" + "x".repeat(8000) + "\"}}";
            Api.Reply ok = Api.post(client, "/api/cypher", fits, Api.WRITE_TOKEN);
            assertEquals(200, ok.status(), ok.raw());
            assertEquals(8000, ok.body().get("rows").get(0).get("n").asInt());
        });
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        Api.test(client -> {
            String base = "/api/sections/" + S;
            String[][] cases = {
                {base + "/tiles?limit=0", "'limit'"},
                {base + "/tiles?limit=" + (Api.MAX_PAGE + 1), "'limit'"},
                {base + "/tiles?limit=ten", "'limit'"},
                {base + "/tiles?offset=-1", "'offset'"},
                {base + "/tiles?offset=99999999999", "'offset'"},
                {base + "/tiles?xmin=abc", "'xmin'"},
                {base + "/tiles?ymax=NaN", "'ymax'"},
                {base + "/cells?xmin=10&xmax=5", "'xmin'"},
                {base + "/cells?ymin=1e300", "'ymin'"},
                {base + "/tiles?split=holdout", "'split'"},
                {base + "/clusters?run=" + "r".repeat(300), "'run'"},
                {"/api/sections?limit=-5", "'limit'"},
                {"/api/runs?offset=x", "'offset'"},
                {"/api/sections/" + "s".repeat(300), "'id'"},
            };
            for (String[] c : cases) {
                Api.Reply r = Api.get(client, c[0]);
                assertEquals(400, r.status(), c[0] + " -> " + r.raw());
                assertEquals(400, r.body().get("status").asInt());
                assertTrue(r.body().get("error").asText().contains(c[1]), c[0] + " -> " + r.raw());
            }
        });
    }

    @Test
    void pagesStopAtTheEndAndAtTheMaximum() {
        Api.test(client -> {
            Api.Reply max = Api.get(client, "/api/sections/" + S + "/cells?limit=" + Api.MAX_PAGE);
            assertEquals(Api.MAX_PAGE, max.items().size());
            assertTrue(max.body().get("hasMore").asBoolean());
            Api.Reply dflt = Api.get(client, "/api/sections/" + S + "/cells");
            assertEquals(Api.MAX_PAGE, dflt.body().get("limit").asInt(), "the default page is min(100, max page)");
            Api.Reply past = Api.get(client, "/api/sections/" + S + "/cells?offset=10000000");
            assertEquals(200, past.status());
            assertEquals(0, past.items().size());
            assertFalse(past.body().get("hasMore").asBoolean());
            long stored = ApiTestDatabase.count("MATCH (s:Section) RETURN count(s)", java.util.Map.of());
            Api.Reply sections = Api.get(client, "/api/sections?offset=" + (stored - 1) + "&limit=1");
            assertEquals(1, sections.items().size());
            assertFalse(sections.body().get("hasMore").asBoolean(), stored + " sections: page " + stored + " of 1 is the last");
        });
    }
}
