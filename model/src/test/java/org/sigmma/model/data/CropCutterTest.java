package org.sigmma.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Crops against a brute-force box mean, and the crop layout. */
class CropCutterTest {

    @Test
    void downscalingAveragesTheSourceArea() {
        int size = 64;
        byte[] rgb = new byte[size * size * 3];
        new Random(1).nextBytes(rgb);
        CropCutter cut = new CropCutter(8);
        byte[] crops = cut.cut(rgb, size);
        assertEquals(21 * 3 * 8 * 8, crops.length);
        // crop 5: micro, grid row 1, column 1 -> source window at (16, 16), 16 px, factor 2
        // crop 18: meso, grid row 1, column 0 -> window at (0, 32), 32 px, factor 4
        // crop 20: macro, factor 8
        int[][] windows = {{5, 16, 16, 16}, {18, 0, 32, 32}, {20, 0, 0, 64}};
        for (int[] w : windows) {
            int factor = w[3] / 8;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        double sum = 0;
                        for (int dy = 0; dy < factor; dy++) {
                            for (int dx = 0; dx < factor; dx++) {
                                int px = w[1] + x * factor + dx;
                                int py = w[2] + y * factor + dy;
                                sum += rgb[(py * size + px) * 3 + c] & 0xff;
                            }
                        }
                        int expected = (int) Math.round(sum / (factor * factor));
                        int got = crops[((w[0] * 3 + c) * 8 + y) * 8 + x] & 0xff;
                        assertEquals(expected, got, 1.0, "crop " + w[0] + " c" + c);
                    }
                }
            }
        }
    }

    @Test
    void upscalingIsBilinearAndKeepsConstants() {
        int size = 8;
        byte[] rgb = new byte[size * size * 3];
        java.util.Arrays.fill(rgb, (byte) 77);
        byte[] crops = new CropCutter(6).cut(rgb, size); // micro crops of 2 px read at 6 px
        for (byte b : crops) {
            assertEquals(77, b & 0xff);
        }
        float[][] w = CropCutter.weights(2, 4);
        assertEquals(1f, w[0][0], 1e-6); // (0.5*0.5 - 0.5) clamps to pixel 0
        assertEquals(0.75f, w[1][0], 1e-6);
        assertEquals(0.25f, w[1][1], 1e-6);
    }

    @Test
    void rejectsAnImageSideThatDoesNotSplitInFour() {
        assertThrows(IllegalArgumentException.class, () -> new CropCutter(4).cut(new byte[
                30 * 30 * 3], 30));
    }
}
