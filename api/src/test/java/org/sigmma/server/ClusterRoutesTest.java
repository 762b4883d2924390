package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sigmma.store.Values;

/** Microenvironments and their cells, against independent Cypher. */
class ClusterRoutesTest {

    static final String S = ApiTestDatabase.SECTION;

    @Test
    void clustersComeWithCompositionAndMarkersAsJson() {
        List<Map<String, Object>> stored = ApiTestDatabase.query("MATCH (k:Cluster {section: $s, scale: 'expression'}) "
                + "RETURN k.id AS id, k.size AS size, k.composition AS composition, k.markers AS markers ORDER BY id",
                Map.of("s", S));
        Api.test(client -> {
            Api.Reply r = Api.get(client, "/api/sections/" + S + "/clusters?scale=expression");
            assertEquals(200, r.status(), r.raw());
            JsonNode items = r.items();
            assertEquals(stored.size(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Map<String, Object> k = stored.get(i);
                assertEquals(Values.asLong(k.get("id")), items.get(i).get("id").asLong());
                assertEquals(Values.asLong(k.get("size")), items.get(i).get("size").asLong());
                assertTrue(items.get(i).get("composition").isObject(), "parsed, not a string");
                assertEquals(Api.JSON.readTree((String) k.get("composition")), items.get(i).get("composition"));
                assertTrue(items.get(i).get("markers").isArray());
                assertEquals("Gene" + k.get("id"), items.get(i).get("markers").get(0).get("gene").asText());
            }
            // the cluster sizes add up to the section's cells
            long total = 0;
            for (JsonNode k : items) {
                total += k.get("size").asLong();
            }
            assertEquals(ApiTestDatabase.count("MATCH (c:Cell {section: $s}) RETURN count(c)", Map.of("s", S)), total);

            JsonNode micro = Api.get(client, "/api/sections/" + S + "/clusters?scale=micro").items();
            assertEquals(2, micro.size());
            assertEquals(ApiTestDatabase.RUN, micro.get(0).get("run").asText());
            assertEquals(2, Api.get(client, "/api/sections/" + S + "/clusters?scale=micro&run=" + ApiTestDatabase.RUN).items().size());
            assertEquals(0, Api.get(client, "/api/sections/" + S + "/clusters?scale=micro&run=" + ApiTestDatabase.OTHER_RUN).items().size());
            assertEquals(0, Api.get(client, "/api/sections/" + S + "/clusters?scale=macro").items().size());
            // the default scale is expression; paging of the cluster list
            assertEquals(stored.size(), Api.all(client, "/api/sections/" + S + "/clusters", 1).size());
            Api.Reply bad = Api.get(client, "/api/sections/" + S + "/clusters?scale=nano");
            assertEquals(400, bad.status());
            assertTrue(bad.body().get("error").asText().contains("'scale'"), bad.raw());
        });
    }

    @Test
    void neighbourhoodStatisticsAreServedOnceComputed() {
        Api.test(client -> {
            Api.Reply none = Api.get(client, "/api/sections/" + S + "/neighbourhood?scale=expression");
            assertEquals(404, none.status(), none.raw());
            assertTrue(none.body().get("error").asText().contains("run sigmma neighbourhood"), none.raw());
            assertEquals(404, Api.get(client, "/api/sections/" + S + "/neighbourhood?scale=niche-meso").status(),
                    "no niche clusters in this database");
        });
        var report = new org.sigmma.model.microenv.NeighbourhoodAnalysis(ApiTestDatabase.graph().access()).run(S,
                org.sigmma.schema.FeatureSource.EXPRESSION, new org.sigmma.model.spatial.EnrichmentParameters(20, 3, 1),
                org.sigmma.model.spatial.CoOccurrenceParameters.linspace(0, 60, 4));
        Api.test(client -> {
            Api.Reply r = Api.get(client, "/api/sections/" + S + "/neighbourhood?scale=expression");
            assertEquals(200, r.status(), r.raw());
            int k = report.enrichment().k();
            assertEquals(k, r.body().get("clusters").size());
            assertEquals(k, r.body().get("enrichmentZ").size());
            assertEquals(report.enrichment().zScores()[0][0], r.body().get("enrichmentZ").get(0).get(0).asDouble(),
                    1e-3 * Math.abs(report.enrichment().zScores()[0][0]) + 1e-3);
            assertEquals(report.enrichment().counts()[0][1], r.body().get("enrichmentCounts").get(0).get(1).asLong());
            assertEquals(20, r.body().get("permutations").asInt());
            assertEquals(4, r.body().get("cooccurrenceIntervalUm").size());
            String first = r.body().get("clusters").get(0).asText();
            assertEquals(k, r.body().get("cooccurrence").get(first).size(), "[other cluster][distance]");
            assertEquals(3, r.body().get("cooccurrence").get(first).get(0).size());
            // the cluster list does not carry the statistics
            assertTrue(Api.get(client, "/api/sections/" + S + "/clusters?scale=expression").items().get(0)
                    .get("enrichmentZ") == null);
        });
    }

    @Test
    void theCellsOfAClusterAreThoseCarryingItsId() {
        long expected = ApiTestDatabase.count("MATCH (c:Cell {section: $s}) WHERE c.clusterMicro = 1 RETURN count(c)", Map.of("s", S));
        long expression2 = ApiTestDatabase.count("MATCH (c:Cell {section: $s}) WHERE c.clusterExpression = 2 RETURN count(c)",
                Map.of("s", S));
        assertTrue(expected > 100);
        Api.test(client -> {
            // one page of the largest size, then the whole list page by page
            Api.Reply first = Api.get(client, "/api/sections/" + S + "/clusters/1/cells?scale=micro&limit=" + Api.MAX_PAGE);
            assertEquals(200, first.status(), first.raw());
            assertEquals(Api.MAX_PAGE, first.items().size());
            assertTrue(first.body().get("hasMore").asBoolean());
            Api.Reply last = Api.get(client, "/api/sections/" + S + "/clusters/1/cells?scale=micro&offset=" + (expected - 3));
            assertEquals(3, last.items().size());
            assertFalse(last.body().get("hasMore").asBoolean());

            List<JsonNode> all = Api.all(client, "/api/sections/" + S + "/clusters/2/cells?scale=expression", Api.MAX_PAGE);
            assertEquals(expression2, all.size());
            Set<String> ids = new HashSet<>();
            all.forEach(c -> ids.add(c.get("cellId").asText()));
            assertEquals(expression2, ids.size(), "pages do not overlap");
            Set<String> reference = new HashSet<>();
            ApiTestDatabase.query("MATCH (c:Cell {section: $s}) WHERE c.clusterExpression = 2 RETURN c.cellId AS id", Map.of("s", S))
                    .forEach(r -> reference.add((String) r.get("id")));
            assertEquals(reference, ids);

            Api.Reply unknown = Api.get(client, "/api/sections/" + S + "/clusters/99/cells?scale=micro");
            assertEquals(404, unknown.status());
            assertTrue(unknown.body().get("error").asText().contains("99"), unknown.raw());
            Api.Reply notInt = Api.get(client, "/api/sections/" + S + "/clusters/one/cells");
            assertEquals(400, notInt.status());
            assertTrue(notInt.body().get("error").asText().contains("'clusterId'"), notInt.raw());
        });
    }
}
