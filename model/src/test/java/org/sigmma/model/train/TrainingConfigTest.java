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
        assertEquals(2e-3, c.learningRate());
        assertEquals(1e-4, c.weightDecay());
        assertEquals(0.1, c.warmupFraction());
        assertEquals(32, c.batchSize());
        assertEquals(12, c.epochs());
        assertEquals(0.07, c.initialTemperature());
        assertEquals(100, c.maxLogitScale());
        assertEquals(0.5, c.gumbelTau());
        assertEquals(List.of(16, 32, 64, 64), c.cnnChannels());
        assertEquals(32, c.cropSize());
        assertEquals(64, c.hidden());
        assertEquals(64, c.projection());
        assertEquals(32, c.scorerHidden());
        assertEquals(16, c.candidatesK());
        assertEquals("auto", c.device());
        assertArrayEquals(new int[] {0, 1, 2}, c.lossScales());
    }

    @Test
    void jsonRoundTripAndPartialFiles() {
        TrainingConfig c = TrainingConfig.defaults().with(Map.of("epochs", 3, "noGraph", true,
                "cnnChannels", List.of(8, 8)));
        assertEquals(c, TrainingConfig.fromJson(c.toJson()));
        TrainingConfig partial = TrainingConfig.fromJson("{\"batchSize\": 8, \"singleScale\": true}");
        assertEquals(8, partial.batchSize());
        assertEquals(12, partial.epochs());
        assertArrayEquals(new int[] {2}, partial.lossScales());
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
    }

    @Test
    void tauIsAnnealedGeometrically() {
        TrainingConfig c = TrainingConfig.defaults().with(Map.of("epochs", 3, "gumbelTau", 1.0,
                "gumbelTauEnd", 0.25));
        assertEquals(1.0, c.tauAt(0), 1e-6);
        assertEquals(0.5, c.tauAt(1), 1e-6);
        assertEquals(0.25, c.tauAt(2), 1e-6);
    }
}
