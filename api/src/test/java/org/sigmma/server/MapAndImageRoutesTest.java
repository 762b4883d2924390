package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.model.microenv.SectionMapRenderer;
import org.sigmma.store.Values;

/**
 * The section map PNG and its layout, the H&amp;E crop of a tile, and the viewer's files, over a real server on a free
 * port (bytes, not strings: the javalin test client reads bodies as text).
 */
class MapAndImageRoutesTest {

    static final String S = ApiTestDatabase.SECTION;
    static SigmmaServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new SigmmaServer(ApiTestDatabase.graph(), Api.config()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Got(int status, String contentType, byte[] body, HttpResponse<byte[]> response) {
        JsonNode json() throws Exception {
            assertTrue(contentType.startsWith("application/json"), contentType + ": " + new String(body));
            return Api.JSON.readTree(body);
        }

        BufferedImage image() throws Exception {
            assertEquals("image/png", contentType);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(body));
            assertNotNull(img, "a PNG that decodes");
            return img;
        }
    }

    static Got get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Got(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    }

    @Test
    void theMapIsTheSectionColouredByClusterWhereItsLayoutSays() throws Exception {
        Got png = get("/api/sections/" + S + "/map.png?scale=expression&width=600");
        assertEquals(200, png.status());
        BufferedImage img = png.image();
        JsonNode layout = get("/api/sections/" + S + "/map?scale=expression&width=600").json();
        assertEquals(layout.get("width").asInt(), img.getWidth());
        assertEquals(layout.get("height").asInt(), img.getHeight());
        assertTrue(img.getWidth() > 600, "map plus legend");
        // the fixture's clusters are 400 um bands of x: a cell mid-band is drawn in its cluster's colour, where the
        // layout puts it (neighbours in other clusters are 150 um away)
        List<Map<String, Object>> cells = ApiTestDatabase.query("MATCH (c:Cell {section: $s}) "
                + "WHERE c.x % 400 > 180 AND c.x % 400 < 220 RETURN c.x AS x, c.y AS y, c.clusterExpression AS k "
                + "ORDER BY c.cellId LIMIT 20", Map.of("s", S));
        assertFalse(cells.isEmpty());
        double minX = layout.get("minX").asDouble();
        double minY = layout.get("minY").asDouble();
        double k = layout.get("pxPerUm").asDouble();
        for (Map<String, Object> c : cells) {
            int px = (int) Math.floor(layout.get("left").asInt() + (Values.asDouble(c.get("x")) - minX) * k);
            int py = (int) Math.floor(layout.get("top").asInt() + (Values.asDouble(c.get("y")) - minY) * k);
            int cluster = Values.asInt(c.get("k"));
            // dots are antialiased: around the centre, the cluster's own colour and no other cluster's
            boolean own = false;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    int rgb = img.getRGB(px + dx, py + dy) & 0xFFFFFF;
                    own |= rgb == (SectionMapRenderer.colour(cluster).getRGB() & 0xFFFFFF);
                    for (int other = 0; other < 4; other++) {
                        if (other != cluster) {
                            assertNotEquals(SectionMapRenderer.colour(other).getRGB() & 0xFFFFFF, rgb, "cell " + c);
                        }
                    }
                }
            }
            assertTrue(own, "cell at " + c + " -> pixel " + px + "," + py + " is not drawn in its cluster's colour");
        }
        // the layout's clusters are the stored ones, with the colours the map uses
        JsonNode clusters = layout.get("clusters");
        assertEquals(ApiTestDatabase.count("MATCH (k:Cluster {section: $s, scale: 'expression'}) RETURN count(k)",
                Map.of("s", S)), clusters.size());
        for (JsonNode c : clusters) {
            assertEquals(String.format("#%06x", SectionMapRenderer.colour(c.get("id").asInt()).getRGB() & 0xFFFFFF),
                    c.get("colour").asText());
        }
        // rendered once per database state: a client holding the ETag gets 304
        String etag = png.response().headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/api/sections/" + S + "/map.png?scale=expression&width=600", "If-None-Match", etag).status());
    }

    @Test
    void aScaleWithoutClustersOrAnUnknownSectionIsA404InJson() throws Exception {
        for (String path : List.of("/api/sections/" + S + "/map.png?scale=macro", "/api/sections/" + S + "/map?scale=meso",
                "/api/sections/nope/map.png", "/api/sections/nope/map")) {
            Got r = get(path);
            assertEquals(404, r.status(), path);
            assertEquals(404, r.json().get("status").asInt());
        }
        assertTrue(get("/api/sections/" + S + "/map.png?scale=macro").json().get("error").asText()
                .contains("no microenvironments at scale macro"));
        assertEquals(409, get("/api/sections/" + ApiTestDatabase.BROKEN + "/map.png").status());
        Got badScale = get("/api/sections/" + S + "/map.png?scale=nano");
        assertEquals(400, badScale.status());
        assertTrue(badScale.json().get("error").asText().contains("'scale'"));
        Got badWidth = get("/api/sections/" + S + "/map.png?width=20");
        assertEquals(400, badWidth.status());
        assertTrue(badWidth.json().get("error").asText().contains("'width'"));
        // micro clusters exist in the fixture: that map is served
        assertEquals(200, get("/api/sections/" + S + "/map.png?scale=micro&width=300").status());
    }

    @Test
    void theHeCropIsTheTileFileIngestCut() throws Exception {
        String tile = ApiTestDatabase.simulatedTile();
        Map<String, Object> t = ApiTestDatabase.query("MATCH (t:Tile {id: $t}) MATCH (s:Section {id: t.section}) "
                + "RETURN t.imageRef AS ref, s.tileSizePx AS px", Map.of("t", tile)).get(0);
        assertNotNull(t.get("ref"), "ingest cut an image for the simulated tile");
        Path file = ApiTestDatabase.dataDir().resolve((String) t.get("ref"));
        Got r = get("/api/tiles/" + tile + "/he.png");
        assertEquals(200, r.status());
        assertArrayEquals(Files.readAllBytes(file), r.body());
        BufferedImage img = r.image();
        assertEquals(Math.round(Values.asDouble(t.get("px"))), img.getWidth());
        assertEquals(img.getWidth(), img.getHeight());

        String brainTile = ApiTestDatabase.denseTile();
        Got none = get("/api/tiles/" + brainTile + "/he.png");
        assertEquals(404, none.status());
        assertTrue(none.json().get("error").asText().contains("no H&E image"));
        Got unknown = get("/api/tiles/nope/he.png");
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().get("error").asText().contains("no tile 'nope'"));
    }

    @Test
    void theViewerIsServedWithItsScriptAndStyle() throws Exception {
        Got page = get("/viewer");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"));
        String html = new String(page.body());
        for (String id : List.of("section", "scale", "map", "tile-grid", "tile-panel", "tile-canvas", "he-crop", "cell-count")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(get("/viewer/viewer.js").contentType().startsWith("text/javascript"));
        assertTrue(get("/viewer/viewer.css").contentType().startsWith("text/css"));
        Got root = get("/");
        assertEquals(302, root.status());
        assertEquals("/viewer", root.response().headers().firstValue("Location").orElseThrow());
    }
}
