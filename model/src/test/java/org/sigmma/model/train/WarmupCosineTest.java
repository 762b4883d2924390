package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WarmupCosineTest {

    @Test
    void warmsUpLinearlyThenFollowsTheCosine() {
        WarmupCosine s = new WarmupCosine(1f, 100, 0.1);
        assertEquals(0.1f, s.getNewValue(1), 1e-6);
        assertEquals(1f, s.getNewValue(10), 1e-6);
        assertEquals(0.5f, s.getNewValue(55), 1e-6);
        assertEquals(0f, s.getNewValue(100), 1e-6);
        assertEquals((float) (0.5 * (1 + Math.cos(Math.PI * 20 / 90.0))), s.getNewValue(30), 1e-6);
    }
}
