package org.sigmma.store.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The write order and the edge partition of {@link EmbeddedSectionWriter}, without a database. */
class WriteOrderTest {

    @Test
    void spatialOrderIsAPermutationTileByTile() {
        SectionData d = section(1000, 7);
        int[] order = EmbeddedSectionWriter.spatialOrder(d);
        boolean[] seen = new boolean[d.nCells()];
        for (int i : order) {
            assertTrue(!seen[i], "cell " + i + " twice");
            seen[i] = true;
        }
        int last = Integer.MIN_VALUE;
        for (int i : order) {
            int t = d.tile()[i] < 0 ? Integer.MAX_VALUE : d.tile()[i];
            assertTrue(t >= last, "tiles in ascending order, cells without a tile last");
            last = t;
        }
    }

    @Test
    void everyEdgeIsWrittenOnceAndInnerEdgesStayInTheirStripe() {
        SectionData d = section(1000, 3);
        int[] order = EmbeddedSectionWriter.spatialOrder(d);
        int[] pos = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            pos[order[r]] = r;
        }
        int parts = 3;
        int stripe = (d.nCells() + parts - 1) / parts;
        long[][] inner = new long[parts][];
        long[] crossing = EmbeddedSectionWriter.partitionEdges(d, pos, stripe, parts, inner);
        int[] count = new int[d.nEdges()];
        for (int p = 0; p < parts; p++) {
            long prev = Long.MIN_VALUE;
            for (long v : inner[p]) {
                int k = (int) v;
                count[k]++;
                assertEquals(p, pos[d.edgeSource()[k]] / stripe);
                assertEquals(p, pos[d.edgeTarget()[k]] / stripe);
                assertTrue(v >= prev, "sorted by lower end");
                prev = v;
            }
        }
        for (long v : crossing) {
            int k = (int) v;
            count[k]++;
            assertTrue(pos[d.edgeSource()[k]] / stripe != pos[d.edgeTarget()[k]] / stripe);
        }
        assertTrue(Arrays.stream(count).allMatch(c -> c == 1), "each edge exactly once");
    }

    private static SectionData section(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] tile = new int[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i);
            x[i] = r.nextDouble() * 400;
            y[i] = r.nextDouble() * 400;
            tile[i] = i % 17 == 0 ? -1 : (int) (y[i] / 100) * 4 + (int) (x[i] / 100);
        }
        int e = 3 * n;
        int[] s = new int[e];
        int[] t = new int[e];
        for (int k = 0; k < e; k++) {
            s[k] = r.nextInt(n);
            t[k] = (s[k] + 1 + r.nextInt(n - 1)) % n;
        }
        return new SectionData("s", "s", null, 0.2, 256, 400, 400, new String[] {"g"}, new int[0], "d", ids, x, y, tile,
                tile, tile, new int[n + 1], new int[0], new int[0], new float[0], 0, null, s, t, new float[e],
                new SectionData.TileRow[0], Map.of());
    }
}
