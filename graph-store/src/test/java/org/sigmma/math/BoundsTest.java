package org.sigmma.math;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class BoundsTest {

    @Test
    void theBoxOfThePointsAndOfNone() {
        Bounds b = Bounds.of(new double[] {3, -1, 7}, new double[] {2, 5, -4});
        assertEquals(new Bounds(-1, -4, 7, 5), b);
        assertEquals(8, b.width());
        assertEquals(9, b.height());
        assertEquals(new Bounds(0, 0, 0, 0), Bounds.of(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Bounds.of(new double[1], new double[2]));
    }
}
