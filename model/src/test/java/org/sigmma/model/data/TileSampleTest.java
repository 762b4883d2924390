package org.sigmma.model.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad tiles are refused with a message naming the tile and the field. */
class TileSampleTest {

    private static TileSample tile(int[] micro, int[] src, float[] feats) {
        return new TileSample("tile-7", 2, 2, feats, src, new int[] {1}, micro, new int[] {0, 0},
                new float[] {1, 2}, new float[] {1, 2}, null, 0, null);
    }

    @Test
    void namesTileAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tile(new int[] {0, 16}, new int[] {0}, new float[4]));
        assertTrue(e.getMessage().contains("tile-7") && e.getMessage().contains("microBlock")
                && e.getMessage().contains("cell 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> tile(new int[] {0, 1}, new int[] {2}, new float[4]));
        assertTrue(e.getMessage().contains("edge 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> tile(new int[] {0, 1}, new int[] {0}, new float[3]));
        assertTrue(e.getMessage().contains("features") && e.getMessage().contains("expected 4"),
                e.getMessage());
    }

    @Test
    void acceptsAWellFormedTile() {
        TileSample t = tile(new int[] {0, 15}, new int[] {0}, new float[4]);
        assertTrue(t.nCells() == 2 && t.cropFeatures() == null);
    }
}
