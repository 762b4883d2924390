package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sigmma.schema.FeatureSource;
import org.sigmma.schema.Scale;

/**
 * The test database writes its embeddings under {@link Scale}'s names, as EmbeddingWriter does, and ingest writes the
 * blocks; here they are read back by their literal stored names. Every other API test builds or reads names through
 * Scale, so without this class a renamed property would pass them all and break every database already written.
 */
class StoredNamesTest {

    @Test
    void tileEmbeddingsAreStoredUnderTheirLiteralNames() {
        Map<String, Object> t = ApiTestDatabase.query("MATCH (t:Tile {id: $tile}) RETURN t.heMicro IS NOT NULL AS heMicro, "
                + "t.heMeso IS NOT NULL AS heMeso, t.heMacro IS NOT NULL AS heMacro, t.stMicro IS NOT NULL AS stMicro, "
                + "t.stMeso IS NOT NULL AS stMeso, t.stMacro IS NOT NULL AS stMacro", Map.of("tile", ApiTestDatabase.denseTile())).get(0);
        for (Scale s : Scale.values()) {
            assertEquals(true, t.get(s.heEmbeddingProperty()), s + ": " + t);
            assertEquals(true, t.get(s.stEmbeddingProperty()), s + ": " + t);
        }
        assertEquals(6, t.size());
    }

    @Test
    void cellPropertiesAreStoredUnderTheirLiteralNames() {
        Map<String, Object> p = Map.of("section", ApiTestDatabase.SECTION);
        assertTrue(ApiTestDatabase.count("MATCH (c:Cell {section: $section}) WHERE c.zMicro IS NOT NULL AND c.zMeso IS NOT NULL "
                + "AND c.zMacro IS NOT NULL RETURN count(c)", p) > 0);
        long cells = ApiTestDatabase.count("MATCH (c:Cell {section: $section}) WHERE c.tile >= 0 RETURN count(c)", p);
        assertEquals(cells, ApiTestDatabase.count("MATCH (c:Cell {section: $section}) WHERE c.tile >= 0 "
                + "AND c.microBlock IS NOT NULL AND c.mesoBlock IS NOT NULL AND c.features IS NOT NULL RETURN count(c)", p));
        assertTrue(ApiTestDatabase.count("MATCH (c:Cell {section: $section}) WHERE c.clusterExpression IS NOT NULL "
                + "RETURN count(c)", Map.of("section", ApiTestDatabase.SIMULATED)) > 0);
        assertTrue(ApiTestDatabase.count("MATCH (k:Cluster {section: $section, scale: 'expression'}) RETURN count(k)",
                Map.of("section", ApiTestDatabase.SIMULATED)) > 0);
    }

    @Test
    void scaleSpellsTheLiteralNames() {
        assertEquals("zMicro", Scale.MICRO.cellEmbeddingProperty());
        assertEquals("zMeso", Scale.MESO.cellEmbeddingProperty());
        assertEquals("zMacro", Scale.MACRO.cellEmbeddingProperty());
        assertEquals("microBlock", Scale.MICRO.blockProperty().orElseThrow());
        assertEquals("mesoBlock", Scale.MESO.blockProperty().orElseThrow());
        assertEquals("features", FeatureSource.EXPRESSION.featureProperty());
        assertEquals("clusterExpression", FeatureSource.EXPRESSION.clusterProperty());
        assertEquals("clusterMeso", FeatureSource.parse("meso").clusterProperty());
        assertEquals("expression", FeatureSource.EXPRESSION.id());
    }
}
