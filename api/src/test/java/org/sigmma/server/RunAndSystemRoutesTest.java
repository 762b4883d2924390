package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs, health, version, and the OpenAPI document against the routes the server declares. */
class RunAndSystemRoutesTest {

    @Test
    void runsWithTheirConfigAndMetricsAsJson() {
        long stored = ApiTestDatabase.count("MATCH (r:Run) RETURN count(r)", Map.of());
        Api.test(client -> {
            List<JsonNode> runs = Api.all(client, "/api/runs", 1);
            assertEquals(stored, runs.size());
            Api.Reply one = Api.get(client, "/api/runs/" + ApiTestDatabase.RUN);
            assertEquals(200, one.status(), one.raw());
            assertEquals("DONE", one.body().get("status").asText());
            assertEquals(2, one.body().get("config").get("epochs").asInt());
            assertEquals(0.25, one.body().get("metrics").get("bestValRecall").asDouble(), 1e-12);
            assertEquals("RUNNING", Api.get(client, "/api/runs/" + ApiTestDatabase.OTHER_RUN).body().get("status").asText());
            assertEquals(404, Api.get(client, "/api/runs/no-such-run").status());
        });
    }

    @Test
    void healthVersionAndUnknownRoutes() {
        Api.test(client -> {
            Api.Reply health = Api.get(client, "/api/health");
            assertEquals(200, health.status());
            assertEquals("UP", health.body().get("status").asText());
            JsonNode version = Api.get(client, "/api/version").body();
            assertTrue(version.get("neo4j").asText().startsWith("5."), version.toString());
            assertTrue(version.get("gds").asText().startsWith("2."), version.toString());
            Api.Reply unknown = Api.get(client, "/api/nothing-here");
            assertEquals(404, unknown.status());
            assertEquals(404, unknown.body().get("status").asInt());
        });
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndNothingElse() {
        SigmmaServer server = new SigmmaServer(ApiTestDatabase.graph(), Api.config());
        Api.test(client -> {
            Api.Reply doc = Api.get(client, "/api/openapi.json");
            assertEquals(200, doc.status());
            assertTrue(doc.body().get("openapi").asText().startsWith("3."));
            Set<String> documented = new HashSet<>();
            Iterator<Map.Entry<String, JsonNode>> paths = doc.body().get("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> p = paths.next();
                p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey()));
            }
            assertEquals(new HashSet<>(server.routes()), documented);
            // every $ref points at a component that exists
            String raw = doc.raw();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"#/components/(\\w+)/(\\w+)\"").matcher(raw);
            int refs = 0;
            while (m.find()) {
                refs++;
                assertNotNull(doc.body().get("components").get(m.group(1)).get(m.group(2)), m.group());
            }
            assertTrue(refs > 20);
        });
    }
}
