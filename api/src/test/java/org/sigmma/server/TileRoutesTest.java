package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sigmma.store.Values;

/** A tile's subgraph at each scale and cross-modal retrieval, against independent Cypher and a brute-force ranking. */
class TileRoutesTest {

    @Test
    void subgraphHoldsTheTilesCellsNearEdgesAndLearnedEdgesOfTheScale() {
        String tile = ApiTestDatabase.denseTile();
        Map<String, Object> p = Map.of("tile", tile);
        long cells = ApiTestDatabase.count("MATCH (t:Tile {id: $tile}) MATCH (c:Cell {section: t.section}) "
                + "WHERE c.tile = t.index RETURN count(c)", p);
        long near = ApiTestDatabase.count("MATCH (t:Tile {id: $tile}) MATCH (a:Cell)-[:NEAR]-(b:Cell) "
                + "WHERE a.section = t.section AND b.section = t.section AND a.tile = t.index AND b.tile = t.index "
                + "RETURN count(*) / 2", p);
        long nearMicro = ApiTestDatabase.count("MATCH (t:Tile {id: $tile}) MATCH (a:Cell)-[:NEAR]-(b:Cell) "
                + "WHERE a.section = t.section AND b.section = t.section AND a.tile = t.index AND b.tile = t.index "
                + "AND a.microBlock = b.microBlock RETURN count(*) / 2", p);
        assertTrue(cells > 20 && near > cells && nearMicro < near, cells + " cells, " + near + " NEAR, " + nearMicro + " micro");
        Api.test(client -> {
            Api.Reply meso = Api.get(client, "/api/tiles/" + tile + "/subgraph?scale=meso");
            assertEquals(200, meso.status(), meso.raw());
            JsonNode b = meso.body();
            assertEquals(tile, b.get("tile").get("id").asText());
            assertEquals(ApiTestDatabase.RUN, b.get("run").asText(), "the run that embedded the tile");
            assertEquals(cells, b.get("cells").size());
            assertEquals(near, b.get("near").size());
            long micro = 0;
            Set<String> ids = new HashSet<>();
            b.get("cells").forEach(c -> ids.add(c.get("cellId").asText()));
            for (JsonNode c : b.get("cells")) {
                assertEquals(c.get("mesoBlock").asInt(), c.get("block").asInt());
            }
            for (JsonNode e : b.get("near")) {
                assertTrue(ids.contains(e.get("source").asText()) && ids.contains(e.get("target").asText()));
                micro += e.get("sameMicroBlock").asBoolean() ? 1 : 0;
            }
            assertEquals(nearMicro, micro);
            // 6 meso edges of the tile's run; the other run's 2 are left out
            assertEquals(6, b.get("learned").size());
            for (JsonNode e : b.get("learned")) {
                assertEquals(ApiTestDatabase.RUN, e.get("run").asText());
                assertTrue(ids.contains(e.get("source").asText()) && ids.contains(e.get("target").asText()));
            }
            JsonNode other = Api.get(client, "/api/tiles/" + tile + "/subgraph?scale=meso&run=" + ApiTestDatabase.OTHER_RUN).body();
            assertEquals(2, other.get("learned").size());
            assertEquals(0.7, other.get("learned").get(0).get("probability").asDouble(), 1e-12);

            JsonNode microScale = Api.get(client, "/api/tiles/" + tile + "/subgraph?scale=micro").body();
            assertEquals(4, microScale.get("learned").size());
            microScale.get("cells").forEach(c -> assertEquals(c.get("microBlock").asInt(), c.get("block").asInt()));
            JsonNode macro = Api.get(client, "/api/tiles/" + tile + "/subgraph").body();
            assertEquals("macro", macro.get("scale").asText(), "macro is the default scale");
            assertEquals(0, macro.get("learned").size());
            macro.get("cells").forEach(c -> assertEquals(0, c.get("block").asInt()));

            assertEquals(404, Api.get(client, "/api/tiles/no-such-tile/subgraph").status());
            Api.Reply bad = Api.get(client, "/api/tiles/" + tile + "/subgraph?scale=huge");
            assertEquals(400, bad.status());
            assertTrue(bad.body().get("error").asText().contains("'scale'"), bad.raw());
        });
    }

    @Test
    void retrievalRanksTheSectionsTilesByCosineLikeABruteForce() {
        String tile = ApiTestDatabase.denseTile();
        List<Map<String, Object>> rows = ApiTestDatabase.query("MATCH (t:Tile {id: $tile}) MATCH (c:Tile {section: t.section}) "
                + "WHERE c.stMeso IS NOT NULL RETURN t.heMeso AS q, c.id AS id, c.stMeso AS e", Map.of("tile", tile));
        float[] q = Values.asFloatArray(rows.get(0).get("q"));
        List<double[]> scored = new ArrayList<>(); // [similarity, row index]
        for (int i = 0; i < rows.size(); i++) {
            float[] e = Values.asFloatArray(rows.get(i).get("e"));
            double dot = 0;
            double nq = 0;
            double ne = 0;
            for (int d = 0; d < q.length; d++) {
                dot += q[d] * (double) e[d];
                nq += q[d] * (double) q[d];
                ne += e[d] * (double) e[d];
            }
            scored.add(new double[] {dot / Math.sqrt(nq * ne), i});
        }
        scored.sort((a, b) -> Double.compare(b[0], a[0]));
        Api.test(client -> {
            Api.Reply r = Api.get(client, "/api/tiles/" + tile + "/retrieval?k=5&direction=he2st&scale=meso");
            assertEquals(200, r.status(), r.raw());
            assertEquals(rows.size(), r.body().get("candidates").asInt());
            assertEquals(1, r.body().get("selfRank").asInt(), "ST = HE + small noise: the tile's own pair comes first");
            JsonNode results = r.body().get("results");
            assertEquals(5, results.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(rows.get((int) scored.get(i)[1]).get("id"), results.get(i).get("tileId").asText());
                assertEquals(scored.get(i)[0], results.get(i).get("similarity").asDouble(), 1e-6);
                assertEquals(i + 1, results.get(i).get("rank").asInt());
            }
            // the same ranking through the vector index over every section (this database holds one section)
            Api.Reply all = Api.get(client, "/api/tiles/" + tile + "/retrieval?k=5&direction=he2st&scale=meso&scope=all");
            assertEquals(200, all.status(), all.raw());
            assertEquals("tile_st_meso", all.body().get("index").asText());
            assertEquals(1, all.body().get("selfRank").asInt());
            JsonNode viaIndex = all.body().get("results");
            assertEquals(5, viaIndex.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(rows.get((int) scored.get(i)[1]).get("id"), viaIndex.get(i).get("tileId").asText(), "rank " + (i + 1));
                assertEquals(scored.get(i)[0], viaIndex.get(i).get("similarity").asDouble(), 1e-5);
                assertEquals(ApiTestDatabase.SECTION, viaIndex.get(i).get("section").asText());
            }
            Api.Reply back = Api.get(client, "/api/tiles/" + tile + "/retrieval?direction=st2he&run=" + ApiTestDatabase.RUN);
            assertEquals(200, back.status(), back.raw());
            assertEquals(10, back.body().get("results").size(), "k defaults to 10");
            assertEquals(tile, back.body().get("results").get(0).get("tileId").asText());

            Api.Reply none = Api.get(client, "/api/tiles/" + ApiTestDatabase.unembeddedTile() + "/retrieval");
            assertEquals(409, none.status(), none.raw());
            assertTrue(none.body().get("error").asText().contains("no heMacro embedding"), none.raw());
            Api.Reply wrongRun = Api.get(client, "/api/tiles/" + tile + "/retrieval?run=" + ApiTestDatabase.OTHER_RUN);
            assertEquals(409, wrongRun.status(), wrongRun.raw());
            assertEquals(404, Api.get(client, "/api/tiles/nope/retrieval").status());
            assertEquals(400, Api.get(client, "/api/tiles/" + tile + "/retrieval?direction=sideways").status());
            assertEquals(400, Api.get(client, "/api/tiles/" + tile + "/retrieval?k=0").status());
            assertEquals(400, Api.get(client, "/api/tiles/" + tile + "/retrieval?k=" + (Api.MAX_PAGE + 1)).status());
        });
    }
}
