package org.sigmma.ingest.tiling;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sigmma.schema.Scale;

class TilerTest {

    private static double[][] random(int n, double w, double h, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 + r.nextDouble() * w;
            y[i] = 50 + r.nextDouble() * h;
        }
        return new double[][] {x, y};
    }

    @Test
    void blocksAgreeWithBruteForce() {
        double[][] p = random(20_000, 2000, 1500, 1);
        TilingParameters params = TilingParameters.defaults();
        Tiling t = Tiler.tile(p[0], p[1], params);
        double side = 128;
        for (int i = 0; i < p[0].length; i++) {
            int ti = t.cellTile()[i];
            assertTrue(ti >= 0, "dense section: every tile kept");
            TileSpec s = t.tiles()[ti];
            assertTrue(p[0][i] >= s.x0() && p[0][i] < s.x0() + side);
            assertTrue(p[1][i] >= s.y0() && p[1][i] < s.y0() + side);
            // brute force: the 32 um and 64 um sub-squares containing the cell
            int microX = (int) ((p[0][i] - s.x0()) / 32);
            int microY = (int) ((p[1][i] - s.y0()) / 32);
            assertEquals(microY * 4 + microX, t.microBlock()[i]);
            assertEquals((microY / 2) * 2 + microX / 2, t.mesoBlock()[i]);
        }
        int sum = 0;
        for (TileSpec s : t.tiles()) {
            sum += s.nCells();
        }
        assertEquals(p[0].length, sum);
    }

    @Test
    void aCellOnTheFarEdgeOfABlockStaysInside() {
        assertEquals(3, Scale.MICRO.blockOf(128, 0, 0, 0, 128));
        assertEquals(15, Scale.MICRO.blockOf(127.999, 127.999, 0, 0, 128));
        assertEquals(1, Scale.MESO.blockOf(64, 0, 0, 0, 128));
        assertEquals(0, Scale.MACRO.blockOf(100, 100, 0, 0, 128));
    }

    @Test
    void sparseTilesAreDropped() {
        // 30 cells in one tile, 3 in a far one: minCells 5 keeps only the first
        double[] x = new double[33];
        double[] y = new double[33];
        for (int i = 0; i < 30; i++) {
            x[i] = 10 + i;
            y[i] = 10;
        }
        for (int i = 30; i < 33; i++) {
            x[i] = 1000 + i;
            y[i] = 1000;
        }
        Tiling t = Tiler.tile(x, y, TilingParameters.defaults());
        assertEquals(1, t.nTiles());
        assertEquals(30, t.tiles()[0].nCells());
        for (int i = 30; i < 33; i++) {
            assertEquals(-1, t.cellTile()[i]);
            assertEquals(-1, t.microBlock()[i]);
        }
    }

    @Test
    void splitFractionsContiguityAndDeterminism() {
        double[][] p = random(60_000, 6000, 6000, 2);
        TilingParameters params = TilingParameters.defaults().withSeed(7);
        Tiling a = Tiler.tile(p[0], p[1], params);
        Tiling b = Tiler.tile(p[0], p[1], params);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        Map<Long, Split> byCell = new HashMap<>();
        for (int i = 0; i < a.nTiles(); i++) {
            assertEquals(a.tiles()[i], b.tiles()[i]);
            counts.merge(a.tiles()[i].split(), 1, Integer::sum);
            byCell.put(((long) a.tiles()[i].row() << 32) | a.tiles()[i].col(), a.tiles()[i].split());
        }
        int n = a.nTiles();
        assertEquals(0.7, counts.get(Split.TRAIN) / (double) n, 0.1);
        assertEquals(0.15, counts.get(Split.VAL) / (double) n, 0.08);
        assertEquals(0.15, counts.get(Split.TEST) / (double) n, 0.08);
        // contiguity: most tiles share their split with a grid neighbour
        int withSameNeighbour = 0;
        for (TileSpec s : a.tiles()) {
            for (int[] d : new int[][] {{0, 1}, {1, 0}, {0, -1}, {-1, 0}}) {
                Split other = byCell.get(((long) (s.row() + d[0]) << 32) | (s.col() + d[1]));
                if (other == s.split()) {
                    withSameNeighbour++;
                    break;
                }
            }
        }
        assertTrue(withSameNeighbour > 0.95 * n, withSameNeighbour + " of " + n);
        // another seed gives another split
        Tiling c = Tiler.tile(p[0], p[1], params.withSeed(8));
        int differ = 0;
        for (int i = 0; i < n; i++) {
            differ += c.tiles()[i].split() != a.tiles()[i].split() ? 1 : 0;
        }
        assertTrue(differ > 0);
    }

    @Test
    void smallSectionsStillGetValidationAndTestTiles() {
        double[] x = {10, 11, 12, 13, 14, 140, 141, 142, 143, 144, 270, 271, 272, 273, 274};
        double[] y = new double[15];
        Tiling t = Tiler.tile(x, y, TilingParameters.defaults());
        assertEquals(3, t.nTiles());
        java.util.Set<Split> seen = java.util.EnumSet.noneOf(Split.class);
        for (TileSpec s : t.tiles()) {
            seen.add(s.split());
        }
        assertTrue(seen.contains(Split.VAL) && seen.contains(Split.TEST), seen.toString());
    }
}
