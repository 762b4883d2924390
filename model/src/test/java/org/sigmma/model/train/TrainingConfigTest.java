package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults, JSON round trip and clear errors. */
class TrainingConfigTest {

    @Test
    void defaultsAreMethodMdsFirstTrySettings() {
        TrainingConfig c = TrainingConfig.defaults();
        assertEquals(2e-3, c.optimiser().learningRate());
        assertEquals(1e-4, c.optimiser().weightDecay());
        assertEquals(0.1, c.optimiser().warmupFraction());
        assertEquals(32, c.optimiser().batchSize());
        assertEquals(12, c.optimiser().epochs());
        assertEquals(0.07, c.model().initialTemperature());
        assertEquals(100, c.model().maxLogitScale());
        assertEquals(0.5, c.optimiser().gumbelTau());
        assertEquals(List.of(16, 32, 64, 64), c.model().cnnChannels());
        assertEquals(32, c.model().cropSize());
        assertEquals(64, c.model().hidden());
        assertEquals(64, c.model().projection());
        assertEquals(32, c.model().scorerHidden());
        assertEquals(16, c.model().candidatesK());
        assertEquals("auto", c.runtime().device());
        assertArrayEquals(new int[] {0, 1, 2}, c.model().lossScales());
    }

    @Test
    void jsonRoundTripAndPartialFiles() {
        TrainingConfig c = TrainingConfig.defaults().with(Map.of("epochs", 3, "noGraph", true,
                "cnnChannels", List.of(8, 8)));
        assertEquals(c, TrainingConfig.fromJson(c.toJson()));
        TrainingConfig partial = TrainingConfig.fromJson("{\"batchSize\": 8, \"singleScale\": true}");
        assertEquals(8, partial.optimiser().batchSize());
        assertEquals(12, partial.optimiser().epochs());
        assertArrayEquals(new int[] {2}, partial.model().lossScales());
    }

    @Test
    void errorsNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.fromJson("{\"epoch\": 3}"));
        assertTrue(e.getMessage().contains("\"epoch\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.fromJson("{\"batchSize\": 1}"));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.fromJson("{\"edgeSampling\": \"hard\"}"));
        assertTrue(e.getMessage().contains("edgeSampling"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromJson("{\"backbone\": \"vit\"}"));
        assertTrue(e.getMessage().contains("backbone") && e.getMessage().contains("vit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromJson("{\"model\": \"gpt\"}"));
        assertTrue(e.getMessage().contains("model must be sigmma or bleep"), e.getMessage());
    }

    @Test
    void threePartsOneFlatNamespaceWithTheFileKeysOfBefore() throws Exception {
        TrainingConfig c = TrainingConfig.defaults().with(Map.of("model", "bleep", "edgeSampling", "hard-st",
                "backbone", "precomputed", "device", "cpu", "learningRate", 1e-3));
        assertEquals(org.sigmma.model.net.ModelConfig.Architecture.BLEEP, c.model().architecture());
        assertEquals(org.sigmma.model.st.EdgeSampler.Mode.HARD_STRAIGHT_THROUGH, c.model().edgeSampling());
        assertEquals(org.sigmma.model.net.ModelConfig.Backbone.PRECOMPUTED, c.model().backbone());
        assertEquals("cpu", c.runtime().device());
        assertEquals(1e-3, c.optimiser().learningRate());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.toJson());
        assertEquals("bleep", tree.get("model").asText());
        assertEquals("hard-st", tree.get("edgeSampling").asText());
        assertEquals("precomputed", tree.get("backbone").asText());
        java.util.Set<String> keys = new java.util.TreeSet<>();
        tree.fieldNames().forEachRemaining(keys::add);
        // the keys of the one flat record this config was before it was split (checkpoints and --set name them)
        assertEquals(new java.util.TreeSet<>(List.of("seed", "epochs", "batchSize", "learningRate", "weightDecay",
                "warmupFraction", "gradientClipNorm", "hidden", "projection", "scorerHidden", "candidatesK", "gumbelTau",
                "gumbelTauEnd", "edgeSampling", "keepRateWeight", "keepRateTarget", "scorerGeometry", "sageDepth",
                "edgeDropout", "initialTemperature", "maxLogitScale", "backbone", "backbonePath", "fineTuneBackbone",
                "cropSize", "cnnChannels", "noGraph", "singleScale", "noSparsification", "model", "device", "patience",
                "prefetch", "cacheMegabytes", "padCells", "progressSeconds", "cpuThreads")), keys);
        assertEquals(c, TrainingConfig.fromJson(c.toJson()));
    }

    @Test
    void tauIsAnnealedGeometrically() {
        TrainingConfig c = TrainingConfig.defaults().with(Map.of("epochs", 3, "gumbelTau", 1.0,
                "gumbelTauEnd", 0.25));
        assertEquals(1.0, c.optimiser().tauAt(0), 1e-6);
        assertEquals(0.5, c.optimiser().tauAt(1), 1e-6);
        assertEquals(0.25, c.optimiser().tauAt(2), 1e-6);
    }
}
