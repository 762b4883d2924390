package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sigmma.store.Values;

/**
 * The viewer end to end in headless Chromium (Debian's chromium and chromium-driver; nothing is downloaded): the real
 * server on a free port over the test database, the page loaded, the simulated section picked, its densest tile
 * clicked on the map, and the tile panel checked against Cypher: its cells, NEAR and LEARNED edges, and the H&amp;E crop
 * loaded. Leaves a screenshot in target/viewer.png. Tagged "browser": the api module runs it when /usr/bin/chromedriver
 * exists (Maven profile browser-tests), as on CI.
 */
@Tag("browser")
class ViewerBrowserTest {

    static final String CHROMIUM = System.getProperty("viewer.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("viewer.chromedriver", "/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void clickingATileShowsItsCellsEdgesAndHeCrop() throws Exception {
        String section = ApiTestDatabase.SIMULATED;
        String tileId = ApiTestDatabase.simulatedTile();
        Map<String, Object> tile = ApiTestDatabase.query("MATCH (t:Tile {id: $t}) RETURN t.x0 AS x0, t.y0 AS y0, "
                + "t.sizeUm AS size, t.nCells AS n", Map.of("t", tileId)).get(0);
        long near = ApiTestDatabase.count("MATCH (t:Tile {id: $t}) MATCH (a:Cell {section: t.section, tile: t.index})"
                + "-[:NEAR]->(b:Cell {section: t.section, tile: t.index}) RETURN count(*)", Map.of("t", tileId));
        long learned = ApiTestDatabase.count("MATCH (t:Tile {id: $t}) MATCH (a:Cell {section: t.section, tile: t.index})"
                + "-[:LEARNED {scale: 'meso'}]->() RETURN count(*)", Map.of("t", tileId));
        assertTrue(near > 0 && learned > 0, "the fixture has both kinds of edges in the tile");

        Path profile = Files.createTempDirectory("sigmma-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1680,1000");
        try (SigmmaServer server = new SigmmaServer(ApiTestDatabase.graph(), Api.config()).start()) {
            String base = "http://127.0.0.1:" + server.port();
            ChromeDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, WAIT);
                driver.get(base + "/viewer");
                wait.until(d -> d.findElement(By.cssSelector("#section option[value='" + section + "']")));
                new Select(driver.findElement(By.id("section"))).selectByValue(section);
                WebElement grid = driver.findElement(By.id("tile-grid"));
                long tiles = ApiTestDatabase.count("MATCH (t:Tile {section: $s}) RETURN count(t)", Map.of("s", section));
                wait.until(d -> String.valueOf(tiles).equals(grid.getDomAttribute("data-tiles"))
                        && section.equals(new Select(d.findElement(By.id("section"))).getFirstSelectedOption().getDomAttribute("value")));
                assertTrue(imageLoaded(driver, "map"), "the section map loaded");

                // click the tile's centre: micrometres -> map pixels by the layout the page drew with
                // the layout of the very image the page shows: its URL with map.png -> map
                String shown = driver.findElement(By.id("map")).getDomProperty("src");
                JsonNode layout = Api.JSON.readTree(get(shown.replace("/map.png?", "/map?")));
                double cx = Values.asDouble(tile.get("x0")) + Values.asDouble(tile.get("size")) / 2;
                double cy = Values.asDouble(tile.get("y0")) + Values.asDouble(tile.get("size")) / 2;
                double px = layout.get("left").asDouble() + (cx - layout.get("minX").asDouble()) * layout.get("pxPerUm").asDouble();
                double py = layout.get("top").asDouble() + (cy - layout.get("minY").asDouble()) * layout.get("pxPerUm").asDouble();
                Rectangle rect = grid.getRect();
                double k = rect.getWidth() / layout.get("width").asDouble();
                new Actions(driver).moveToElement(grid, (int) Math.round(px * k - rect.getWidth() / 2.0),
                        (int) Math.round(py * k - rect.getHeight() / 2.0)).click().perform();

                WebElement panel = driver.findElement(By.id("tile-panel"));
                wait.until(d -> tileId.equals(panel.getDomAttribute("data-loaded")));
                assertTrue(driver.findElement(By.id("tile-title")).getText().contains(tileId));
                assertEquals(String.valueOf(Values.asLong(tile.get("n"))), driver.findElement(By.id("cell-count")).getText());
                assertEquals(String.valueOf(near), driver.findElement(By.id("near-count")).getText());
                assertEquals(String.valueOf(learned), driver.findElement(By.id("learned-count")).getText());
                assertEquals(String.valueOf(Values.asLong(tile.get("n"))),
                        driver.findElement(By.id("tile-canvas")).getDomAttribute("data-cells"));
                assertTrue(imageLoaded(driver, "he-crop"), "the H&E crop loaded");
                assertTrue(driver.findElement(By.id("he-crop")).isDisplayed());
                assertTrue(driver.findElement(By.id("cell-legend")).findElements(By.tagName("li")).size() > 0);
                assertEquals("", driver.findElement(By.id("status")).getText(), "no error shown");

                Path shot = Path.of("target", "viewer.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.quit();
                service.stop();
                ApiTestDatabase.deleteTree(profile);
            }
        }
    }

    /** The img finished loading and decoded to a real picture. */
    private static boolean imageLoaded(ChromeDriver driver, String id) {
        Object ok = ((JavascriptExecutor) driver).executeScript(
                "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth > 0;", id);
        return Boolean.TRUE.equals(ok);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
