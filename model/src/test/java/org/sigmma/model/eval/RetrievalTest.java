package org.sigmma.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RetrievalTest {

    @Test
    void perfectPairsRecallEverythingAndConstantsNothing() {
        float[][] z = new float[20][];
        Random r = new Random(1);
        for (int i = 0; i < 20; i++) {
            z[i] = new float[] {r.nextFloat() - 0.5f, r.nextFloat() - 0.5f, r.nextFloat() - 0.5f};
        }
        assertEquals(1.0, Retrieval.recall(z, z, 0.05));
        float[][] same = new float[20][];
        java.util.Arrays.fill(same, new float[] {1, 1, 1});
        assertEquals(0.0, Retrieval.recall(same, same, 0.15));
    }

    @Test
    void countsTheTopShareByBruteForce() {
        // 10 tiles on a circle; each candidate is its query rotated by 1.2 steps
        int n = 10;
        float[][] q = new float[n][];
        float[][] c = new float[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            q[i] = new float[] {(float) Math.cos(a), (float) Math.sin(a)};
            double b = a + 2 * Math.PI * 1.2 / n;
            c[i] = new float[] {(float) Math.cos(b), (float) Math.sin(b)};
        }
        // candidate j sits at angle (j + 1.2) steps; seen from query i, j = i-1 is 0.2 steps
        // away, j = i-2 0.8 steps and the own pair 1.2 steps: it ranks third
        assertEquals(0.0, Retrieval.recall(q, c, 0.10)); // top 1
        assertEquals(0.0, Retrieval.recall(q, c, 0.20)); // top 2
        assertEquals(1.0, Retrieval.recall(q, c, 0.30)); // top 3
    }
}
