package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Top-k by cosine and the own-pair rank, against hand-computed values and a brute force. */
class CosineTopKTest {

    @Test
    void handComputedCosines() {
        assertEquals(1.0, CosineTopK.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-12);
        assertEquals(0.0, CosineTopK.cosine(new float[] {1, 0}, new float[] {0, 3}), 1e-12);
        assertEquals(-1.0, CosineTopK.cosine(new float[] {1, 1}, new float[] {-2, -2}), 1e-12);
        assertEquals(Math.sqrt(0.5), CosineTopK.cosine(new float[] {1, 0}, new float[] {1, 1}), 1e-12);
        assertEquals(0.0, CosineTopK.cosine(new float[] {0, 0}, new float[] {1, 1}), "a zero vector scores 0");
        assertThrows(IllegalArgumentException.class, () -> CosineTopK.cosine(new float[2], new float[3]));
    }

    @Test
    void topKMatchesABruteForce() {
        Random r = new Random(11);
        float[][] c = new float[200][16];
        for (float[] v : c) {
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) r.nextGaussian();
            }
        }
        float[] q = c[17].clone();
        CosineTopK.Hit[] top = CosineTopK.top(q, c, 12);
        assertEquals(12, top.length);
        assertEquals(17, top[0].index(), "the query itself is its best match");
        // brute force: each hit beats every candidate not in the list
        java.util.Set<Integer> in = new java.util.HashSet<>();
        for (CosineTopK.Hit h : top) {
            in.add(h.index());
        }
        for (int i = 1; i < top.length; i++) {
            assertTrue(top[i - 1].similarity() >= top[i].similarity());
        }
        for (int j = 0; j < c.length; j++) {
            if (!in.contains(j)) {
                assertTrue(CosineTopK.cosine(q, c[j]) <= top[11].similarity());
            }
        }
        assertEquals(1, CosineTopK.rankOf(q, c, 17));
        assertEquals(5, CosineTopK.top(q, new float[][] {c[0], c[1], c[2], c[3], c[4]}, 10).length, "fewer candidates than k");
    }

    @Test
    void tiesCountAgainstTheOwnPair() {
        float[][] c = {{1, 0}, {1, 0}, {1, 0}, {0, 1}};
        assertEquals(3, CosineTopK.rankOf(new float[] {1, 0}, c, 0), "two equal candidates rank ahead of it");
        assertEquals(1, CosineTopK.rankOf(new float[] {0, 1}, c, 3));
        CosineTopK.Hit[] top = CosineTopK.top(new float[] {1, 0}, c, 3);
        assertArrayEquals(new int[] {0, 1, 2}, new int[] {top[0].index(), top[1].index(), top[2].index()}, "ties by index");
    }
}
