package org.sigmma.schema;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stored names, spelled out literally: they are what databases already written hold, what the REST API and the
 * command line accept, and what analysts' queries name, so a rename here must be a decision, not a slip.
 */
class ScaleTest {

    @Test
    void scalesNameTheirPropertiesAsStored() {
        assertEquals(List.of("micro", "meso", "macro"), Scale.ids());
        assertEquals(List.of("zMicro", "zMeso", "zMacro"), names(Scale::cellEmbeddingProperty));
        assertEquals(List.of("heMicro", "heMeso", "heMacro"), names(Scale::heEmbeddingProperty));
        assertEquals(List.of("stMicro", "stMeso", "stMacro"), names(Scale::stEmbeddingProperty));
        assertEquals(List.of("clusterMicro", "clusterMeso", "clusterMacro"), names(Scale::clusterProperty));
        assertEquals(List.of("Micro", "Meso", "Macro"), names(Scale::suffix));
        assertEquals(Optional.of("microBlock"), Scale.MICRO.blockProperty());
        assertEquals(Optional.of("mesoBlock"), Scale.MESO.blockProperty());
        assertEquals(Optional.empty(), Scale.MACRO.blockProperty(), "macro's one block is the tile: nothing stored");
    }

    @Test
    void blocksPerSideAreAsBefore() {
        // blockOf itself: ingest's TilerTest
        assertEquals(List.of(4, 2, 1), List.of(Scale.MICRO.blocksPerSide(), Scale.MESO.blocksPerSide(), Scale.MACRO.blocksPerSide()));
    }

    @Test
    void featureSourcesKeepTheCommandLineSpellingAndTheStoredProperties() {
        assertEquals(List.of("expression", "micro", "meso", "macro", "niche-micro", "niche-meso", "niche-macro"),
                FeatureSource.ids());
        assertEquals(List.of("features", "zMicro", "zMeso", "zMacro", "nicheMicro", "nicheMeso", "nicheMacro"),
                FeatureSource.all().stream().map(FeatureSource::featureProperty).toList());
        assertEquals(List.of("clusterExpression", "clusterMicro", "clusterMeso", "clusterMacro", "clusterNicheMicro",
                "clusterNicheMeso", "clusterNicheMacro"), FeatureSource.all().stream().map(FeatureSource::clusterProperty)
                .toList());
        assertEquals(FeatureSource.niche(Scale.MESO), FeatureSource.parse("niche-meso"));
        assertEquals(FeatureSource.niche(Scale.MESO), FeatureSource.of("niche", Scale.MESO));
        assertEquals(FeatureSource.embedding(Scale.MICRO), FeatureSource.of("embedding", Scale.MICRO));
        assertFalse(FeatureSource.parse("niche-macro").needsEmbeddings(), "niches come from the stored section alone");
        assertSame(FeatureSource.EXPRESSION, FeatureSource.parse("expression"));
        assertEquals(FeatureSource.embedding(Scale.MESO), FeatureSource.parse("meso"));
        assertFalse(FeatureSource.EXPRESSION.needsEmbeddings());
        assertTrue(FeatureSource.parse("macro").needsEmbeddings());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSource.parse("Micro"));
        assertEquals("scale must be one of [expression, micro, meso, macro, niche-micro, niche-meso, niche-macro], not "
                + "'Micro'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scale.parse("expression"), "expression is no scale");
        assertSame(Scale.MACRO, Scale.parse("macro"));
    }

    private static List<String> names(java.util.function.Function<Scale, String> f) {
        return java.util.Arrays.stream(Scale.values()).map(f).toList();
    }
}
