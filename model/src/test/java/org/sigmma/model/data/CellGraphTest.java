package org.sigmma.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sigmma.model.Fixtures;

/** Micro graph and candidate sets against brute force over every pair of cells. */
class CellGraphTest {

    private static final List<TileSample> TILES = Fixtures.tiles(12, 31);

    @Test
    void noCandidateCrossesABlockAndNoneRepeatsAJoinedPair() {
        for (int k : new int[] {3, 16, 0}) {
            for (TileSample t : TILES) {
                CellGraph g = CellGraph.build(t, k);
                Set<Long> micro = microPairs(t);
                for (int u = 0; u < t.nCells(); u++) {
                    for (int e = g.meso().offsets()[u]; e < g.meso().offsets()[u + 1]; e++) {
                        int v = g.meso().targets()[e];
                        assertEquals(t.mesoBlock()[u], t.mesoBlock()[v], "meso candidate "
                                + u + "-" + v + " crosses meso blocks in " + t.tileId());
                        assertTrue(v != u);
                        assertFalse(micro.contains(key(u, v)), "candidate already joined");
                    }
                    for (int e = g.macro().offsets()[u]; e < g.macro().offsets()[u + 1]; e++) {
                        int v = g.macro().targets()[e];
                        assertTrue(v != u);
                        assertFalse(micro.contains(key(u, v)));
                    }
                }
            }
        }
    }

    @Test
    void microGraphIsTheNearEdgesInsideMicroBlocks() {
        for (TileSample t : TILES) {
            CellGraph g = CellGraph.build(t, 16);
            Set<Long> got = new HashSet<>();
            for (int e = 0; e < g.microSource().length; e++) {
                got.add(key(g.microSource()[e], g.microTarget()[e]));
            }
            assertEquals(microPairs(t), got);
        }
    }

    @Test
    void candidatesAreTheKNearestOfTheBlockAndAllPairsWithKZero() {
        for (TileSample t : TILES) {
            Set<Long> micro = microPairs(t);
            for (int k : new int[] {4, 0}) {
                CellGraph g = CellGraph.build(t, k);
                for (int u = 0; u < t.nCells(); u++) {
                    List<Integer> expected = new ArrayList<>();
                    for (int v = 0; v < t.nCells(); v++) {
                        if (v != u && t.mesoBlock()[v] == t.mesoBlock()[u]
                                && !micro.contains(key(u, v))) {
                            expected.add(v);
                        }
                    }
                    final int uu = u;
                    expected.sort((a, b) -> Double.compare(d2(t, uu, a), d2(t, uu, b)));
                    if (k > 0 && expected.size() > k) {
                        expected = expected.subList(0, k);
                    }
                    List<Integer> got = new ArrayList<>();
                    for (int e = g.meso().offsets()[u]; e < g.meso().offsets()[u + 1]; e++) {
                        got.add(g.meso().targets()[e]);
                    }
                    assertEquals(expected, got, t.tileId() + " cell " + u + " k " + k);
                }
            }
        }
    }

    @Test
    void macroToMesoSlotsPointAtTheSamePair() {
        for (TileSample t : TILES) {
            CellGraph g = CellGraph.build(t, 6);
            for (int u = 0; u < t.nCells(); u++) {
                for (int a = g.macro().offsets()[u]; a < g.macro().offsets()[u + 1]; a++) {
                    int v = g.macro().targets()[a];
                    int slot = g.macroInMeso()[a];
                    boolean isMeso = false;
                    for (int b = g.meso().offsets()[u]; b < g.meso().offsets()[u + 1]; b++) {
                        isMeso |= g.meso().targets()[b] == v;
                    }
                    assertEquals(isMeso, slot >= 0);
                    if (slot >= 0) {
                        assertEquals(v, g.meso().targets()[g.meso().offsets()[u] + slot]);
                    }
                }
                for (int b = g.meso().offsets()[u]; b < g.meso().offsets()[u + 1]; b++) {
                    int v = g.meso().targets()[b];
                    boolean inMacro = false;
                    for (int a = g.macro().offsets()[u]; a < g.macro().offsets()[u + 1]; a++) {
                        inMacro |= g.macro().targets()[a] == v;
                    }
                    assertEquals(inMacro, g.mesoInMacro()[b]);
                }
            }
        }
    }

    private static double d2(TileSample t, int a, int b) {
        double dx = t.cellX()[a] - t.cellX()[b];
        double dy = t.cellY()[a] - t.cellY()[b];
        return dx * dx + dy * dy;
    }

    private static Set<Long> microPairs(TileSample t) {
        Set<Long> s = new HashSet<>();
        for (int e = 0; e < t.edgeSource().length; e++) {
            int a = t.edgeSource()[e];
            int b = t.edgeTarget()[e];
            if (t.microBlock()[a] == t.microBlock()[b] && a != b) {
                s.add(key(a, b));
                s.add(key(b, a));
            }
        }
        return s;
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | v;
    }
}
