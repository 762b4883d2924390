package org.sigmma.model.spatial;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NicheFeaturesTest {

    // a triangle 0-1-2, a tail 2-3-4, and 5 on its own
    private static final NearGraph G = NearGraph.fromEdges(6, new int[] {0, 0, 1, 2, 3}, new int[] {1, 2, 2, 3, 4});
    private static final float[] F = {1, 0, 2, 1, 4, 0, 8, 2, 16, 3, 32, 5};

    @Test
    void twoHopLayersWorkedByHand() {
        NicheFeatures.Result r = NicheFeatures.of(G, F, 2, new NicheParameters(2, 1)).compute();
        assertEquals(6, r.outputDim());
        // cell 0: itself (1, 0) | 1 hop {1, 2} -> (3, 0.5) | 2 hops {3} -> (8, 2)
        assertArrayEquals(new float[] {1, 0, 3, 0.5f, 8, 2}, row(r, 0));
        // cell 1: (2, 1) | {0, 2} -> (2.5, 0) | {3} -> (8, 2)
        assertArrayEquals(new float[] {2, 1, 2.5f, 0, 8, 2}, row(r, 1));
        // cell 2: (4, 0) | {0, 1, 3} -> (11/3, 1) | {4} -> (16, 3)
        assertArrayEquals(new float[] {4, 0, 11f / 3, 1, 16, 3}, row(r, 2));
        // cell 3: (8, 2) | {2, 4} -> (10, 1.5) | {0, 1}: the cell itself and its 1-hop layer are excluded -> (1.5, 0.5)
        assertArrayEquals(new float[] {8, 2, 10, 1.5f, 1.5f, 0.5f}, row(r, 3));
        // cell 4: (16, 3) | {3} | {2}
        assertArrayEquals(new float[] {16, 3, 8, 2, 4, 0}, row(r, 4));
        // cell 5 is isolated: its layers average to zeros, as CellCharter's 1/deg with inf -> 0
        assertArrayEquals(new float[] {32, 5, 0, 0, 0, 0}, row(r, 5));
        assertArrayEquals(new long[] {1, 1}, r.emptyLayers());
        assertEquals(1.5f, r.value(3, 2, 0));
    }

    @Test
    void thirdLayerEmptiesWhereTheComponentEnds() {
        NicheFeatures.Result r = NicheFeatures.of(G, F, 2, new NicheParameters(3, 1)).compute();
        assertArrayEquals(new float[] {1, 0, 3, 0.5f, 8, 2, 16, 3}, row(r, 0));
        assertArrayEquals(new float[] {4, 0, 11f / 3, 1, 16, 3, 0, 0}, row(r, 2));
        assertArrayEquals(new float[] {16, 3, 8, 2, 4, 0, 1.5f, 0.5f}, row(r, 4));
        assertArrayEquals(new long[] {1, 1, 3}, r.emptyLayers(), "layer 3 is empty for cells 2, 3 and 5");
    }

    @Test
    void matchesShortestPathLayersOnARandomGraphForAnyThreadCount() {
        int n = 400, d = 3, hops = 4;
        SplittableRandom rng = new SplittableRandom(7);
        int m = 700;
        int[] s = new int[m], t = new int[m];
        for (int e = 0; e < m; e++) {
            s[e] = rng.nextInt(n);
            do {
                t[e] = rng.nextInt(n);
            } while (t[e] == s[e]);
        }
        NearGraph g = NearGraph.fromEdges(n, s, t);
        float[] f = new float[n * d];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rng.nextGaussian();
        }
        NicheFeatures.Result one = NicheFeatures.of(g, f, d, new NicheParameters(hops, 1)).compute();
        NicheFeatures.Result three = NicheFeatures.of(g, f, d, new NicheParameters(hops, 3)).compute();
        assertEquals(one, three, "the result must not depend on the thread count");
        for (int i = 0; i < n; i++) {
            int[] dist = bfs(g, i);
            for (int l = 1; l <= hops; l++) {
                double[] sum = new double[d];
                int count = 0;
                for (int j = 0; j < n; j++) {
                    if (dist[j] == l) {
                        count++;
                        for (int q = 0; q < d; q++) {
                            sum[q] += f[j * d + q];
                        }
                    }
                }
                for (int q = 0; q < d; q++) {
                    double want = count == 0 ? 0 : sum[q] / count;
                    assertEquals(want, one.value(i, l, q), 1e-5, "cell " + i + " layer " + l);
                }
            }
        }
    }

    @Test
    void badParametersAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new NicheParameters(0, 1), "hops");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NicheParameters(0, 1)).getMessage().contains("hops"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NicheParameters(2, 0)).getMessage().contains("concurrency"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NicheFeatures.of(G, new float[11], 2, new NicheParameters(1, 1))).getMessage().contains("features"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NicheFeatures.of(G, F, 0, new NicheParameters(1, 1))).getMessage().contains("dim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NicheReach.defaults().hops("nano"))
                .getMessage().contains("unknown scale 'nano'"));
        assertEquals(4, NicheReach.defaults().hops("MESO"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NicheReach(1, 0, 4)).getMessage().contains("meso"));
    }

    @Test
    void graphsAreChecked() {
        NearGraph g = NearGraph.fromEdges(3, new int[] {0, 1, 1}, new int[] {1, 0, 2});
        assertEquals(2, g.edgeCount(), "a duplicate edge in the other direction is merged");
        assertArrayEquals(new int[] {1, 0, 2, 1}, g.neighbours());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NearGraph.fromEdges(3, new int[] {1}, new int[] {1})).getMessage().contains("self loop"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NearGraph.fromEdges(3, new int[] {0}, new int[] {3})).getMessage().contains("outside"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NearGraph(new int[] {0, 1, 1}, new int[] {1})).getMessage().contains("not undirected"));
    }

    private static float[] row(NicheFeatures.Result r, int i) {
        return Arrays.copyOfRange(r.values(), i * r.outputDim(), (i + 1) * r.outputDim());
    }

    private static int[] bfs(NearGraph g, int from) {
        int[] dist = new int[g.nCells()];
        Arrays.fill(dist, -1);
        dist[from] = 0;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.add(from);
        while (!q.isEmpty()) {
            int u = q.poll();
            for (int e = g.offsets()[u]; e < g.offsets()[u + 1]; e++) {
                int v = g.neighbours()[e];
                if (dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    q.add(v);
                }
            }
        }
        return dist;
    }
}
