package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sigmma.store.Values;

/** Sections, tiles in a box and cells in a box, against independent Cypher over the real sample. */
class SectionRoutesTest {

    static final String S = ApiTestDatabase.SECTION;

    @Test
    void sectionsListedAndPaged() {
        Api.test(client -> {
            long stored = ApiTestDatabase.count("MATCH (s:Section) RETURN count(s)", Map.of());
            List<JsonNode> all = Api.all(client, "/api/sections", 1);
            assertEquals(stored, all.size());
            Set<String> ids = new HashSet<>();
            all.forEach(s -> ids.add(s.get("id").asText()));
            assertEquals(Set.of(S, ApiTestDatabase.BROKEN, ApiTestDatabase.SIMULATED), ids);

            Api.Reply one = Api.get(client, "/api/sections/" + S);
            assertEquals(200, one.status());
            assertEquals("READY", one.body().get("status").asText());
            assertEquals(ApiTestDatabase.count("MATCH (c:Cell {section: $s}) RETURN count(c)", Map.of("s", S)),
                    one.body().get("nCells").asLong());
            assertEquals(ApiTestDatabase.count("MATCH (t:Tile {section: $s}) RETURN count(t)", Map.of("s", S)),
                    one.body().get("nTiles").asLong());

            Api.Reply broken = Api.get(client, "/api/sections/" + ApiTestDatabase.BROKEN);
            assertEquals("FAILED", broken.body().get("status").asText());
            assertEquals("test: no such bundle", broken.body().get("reason").asText());

            Api.Reply missing = Api.get(client, "/api/sections/nope");
            assertEquals(404, missing.status());
            assertEquals(404, missing.body().get("status").asInt());
            assertTrue(missing.body().get("error").asText().contains("nope"), missing.raw());
        });
    }

    /** xmin, ymin, xmax, ymax of the section's cells. */
    static double[] extent() {
        Map<String, Object> r = ApiTestDatabase.query("MATCH (c:Cell {section: $s}) "
                + "RETURN min(c.x) AS x0, min(c.y) AS y0, max(c.x) AS x1, max(c.y) AS y1", Map.of("s", S)).get(0);
        return new double[] {Values.asDouble(r.get("x0")), Values.asDouble(r.get("y0")), Values.asDouble(r.get("x1")),
                Values.asDouble(r.get("y1"))};
    }

    @Test
    void tilesInABoxMatchABruteForceOverAllTiles() {
        double[] e = extent();
        double xmin = e[0] + 0.3 * (e[2] - e[0]);
        double ymin = e[1] + 0.3 * (e[3] - e[1]);
        double xmax = e[0] + 0.6 * (e[2] - e[0]);
        double ymax = e[1] + 0.6 * (e[3] - e[1]);
        List<Map<String, Object>> tiles = ApiTestDatabase.query("MATCH (t:Tile {section: $s}) "
                + "RETURN t.id AS id, t.x0 AS x0, t.y0 AS y0, t.sizeUm AS size, t.split AS split", Map.of("s", S));
        Set<String> expected = new HashSet<>();
        Set<String> expectedTrain = new HashSet<>();
        for (Map<String, Object> t : tiles) {
            double x0 = Values.asDouble(t.get("x0"));
            double y0 = Values.asDouble(t.get("y0"));
            double size = Values.asDouble(t.get("size"));
            if (x0 <= xmax && x0 + size >= xmin && y0 <= ymax && y0 + size >= ymin) {
                expected.add((String) t.get("id"));
                if ("train".equals(t.get("split"))) {
                    expectedTrain.add((String) t.get("id"));
                }
            }
        }
        assertTrue(expected.size() > 10 && expected.size() < tiles.size(), "box covers " + expected.size() + " tiles");
        Api.test(client -> {
            String box = "?xmin=" + xmin + "&ymin=" + ymin + "&xmax=" + xmax + "&ymax=" + ymax;
            List<JsonNode> got = Api.all(client, "/api/sections/" + S + "/tiles" + box, 7);
            Set<String> ids = new HashSet<>();
            got.forEach(t -> ids.add(t.get("id").asText()));
            assertEquals(got.size(), ids.size(), "no tile twice across pages");
            assertEquals(expected, ids);
            List<JsonNode> train = Api.all(client, "/api/sections/" + S + "/tiles" + box + "&split=train", 50);
            Set<String> trainIds = new HashSet<>();
            train.forEach(t -> trainIds.add(t.get("id").asText()));
            assertEquals(expectedTrain, trainIds);
            // grid order within a page
            JsonNode page = Api.get(client, "/api/sections/" + S + "/tiles" + box + "&limit=50").items();
            for (int i = 1; i < page.size(); i++) {
                int a = page.get(i - 1).get("row").asInt() * 100_000 + page.get(i - 1).get("col").asInt();
                int b = page.get(i).get("row").asInt() * 100_000 + page.get(i).get("col").asInt();
                assertTrue(a < b, "tiles in row, col order");
            }
            // no box: every tile of the section
            assertEquals(tiles.size(), Api.all(client, "/api/sections/" + S + "/tiles", 50).size());
        });
    }

    @Test
    void cellsInABoxMatchAPlainCoordinateFilter() {
        double[] e = extent();
        double xmin = e[0] + 0.45 * (e[2] - e[0]);
        double ymin = e[1] + 0.45 * (e[3] - e[1]);
        double xmax = e[0] + 0.55 * (e[2] - e[0]);
        double ymax = e[1] + 0.55 * (e[3] - e[1]);
        Map<String, Object> p = Map.of("s", S, "xmin", xmin, "ymin", ymin, "xmax", xmax, "ymax", ymax);
        // the reference filters on the x, y properties, not on the point index the route uses
        long expected = ApiTestDatabase.count("MATCH (c:Cell {section: $s}) WHERE c.x >= $xmin AND c.x <= $xmax "
                + "AND c.y >= $ymin AND c.y <= $ymax RETURN count(c)", p);
        assertTrue(expected > 60, "box holds " + expected + " cells");
        Api.test(client -> {
            String path = "/api/sections/" + S + "/cells?xmin=" + xmin + "&ymin=" + ymin + "&xmax=" + xmax + "&ymax=" + ymax;
            List<JsonNode> cells = Api.all(client, path, 50);
            assertEquals(expected, cells.size());
            Set<String> ids = new HashSet<>();
            String previous = "";
            for (JsonNode c : cells) {
                double x = c.get("x").asDouble();
                double y = c.get("y").asDouble();
                assertTrue(x >= xmin && x <= xmax && y >= ymin && y <= ymax, c.toString());
                assertTrue(ids.add(c.get("cellId").asText()));
                assertTrue(previous.compareTo(c.get("cellId").asText()) < 0, "ordered by cell id");
                previous = c.get("cellId").asText();
                assertTrue(c.has("clusterExpression"));
            }
        });
    }

    @Test
    void listsOfASectionThatIsNotReadyAreAConflict() {
        Api.test(client -> {
            for (String route : List.of("tiles", "cells", "clusters")) {
                Api.Reply r = Api.get(client, "/api/sections/" + ApiTestDatabase.BROKEN + "/" + route);
                assertEquals(409, r.status(), route + ": " + r.raw());
                assertTrue(r.body().get("error").asText().contains("FAILED"), r.raw());
                assertEquals(404, Api.get(client, "/api/sections/nope/" + route).status());
            }
        });
    }
}
