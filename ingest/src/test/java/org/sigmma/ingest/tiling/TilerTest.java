package org.sigmma.ingest.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TilerTest {

    private static final double L = 128;

    @Test
    void defaultTileIs128Micrometres() {
        TilingParameters p = TilingParameters.defaults();
        assertEquals(128.0, p.tileSizeUm());
        assertEquals(5, p.minCells());
        assertEquals(0.15, p.testFraction(), 1e-12);
    }

    /** Brute force: scan every kept tile and every block square for the one holding the cell. */
    @Test
    void tilesAndBlocksAgreeWithABruteForceSearch() {
        Random r = new Random(17);
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1000.3 + r.nextDouble() * 1500;
            y[i] = -200.7 + r.nextDouble() * 900;
        }
        Tiling tiling = Tiler.tile(x, y, TilingParameters.defaults(3));
        double originX = Math.floor(1000.3 + 0);
        for (TileSpec t : tiling.tiles()) {
            assertEquals(L, t.sizeUm());
            assertEquals(0, (t.x0() - Math.floor(minOf(x))) % L, 1e-9, "grid anchored at floor(minX)");
            assertEquals(0, (t.y0() - Math.floor(minOf(y))) % L, 1e-9, "grid anchored at floor(minY)");
        }
        assertTrue(originX <= minOf(x));
        int[] counted = new int[tiling.nTiles()];
        for (int i = 0; i < n; i++) {
            int found = -1;
            for (TileSpec t : tiling.tiles()) {
                if (t.contains(x[i], y[i])) {
                    found = t.index();
                }
            }
            assertEquals(found, tiling.cellTile()[i], "tile of cell " + i);
            if (found < 0) {
                assertEquals(-1, tiling.microBlock()[i]);
                continue;
            }
            counted[found]++;
            TileSpec t = tiling.tiles()[found];
            for (Scale s : Scale.values()) {
                int b = s.blocksPerSide();
                double w = L / b;
                int expected = -1;
                for (int by = 0; by < b; by++) {
                    for (int bx = 0; bx < b; bx++) {
                        if (x[i] >= t.x0() + bx * w && x[i] < t.x0() + (bx + 1) * w
                                && y[i] >= t.y0() + by * w && y[i] < t.y0() + (by + 1) * w) {
                            expected = by * b + bx;
                        }
                    }
                }
                assertEquals(expected, tiling.blockOf(i, s), s + " block of cell " + i);
            }
        }
        for (TileSpec t : tiling.tiles()) {
            assertEquals(counted[t.index()], t.nCells());
            assertTrue(t.nCells() >= 5);
        }
        int[][] cells = tiling.cellsByTile();
        for (int t = 0; t < cells.length; t++) {
            assertEquals(counted[t], cells[t].length);
        }
    }

    @Test
    void farEdgeGoesToTheLastBlock() {
        for (Scale s : Scale.values()) {
            int last = s.blockCount() - 1;
            assertEquals(last, s.blockOf(10 + L, 20 + L, 10, 20, L), s.name());
            assertEquals(0, s.blockOf(10, 20, 10, 20, L), s.name());
            assertEquals(s.blocksPerSide() - 1, s.blockOf(10 + L, 20, 10, 20, L), s.name());
            assertEquals((s.blocksPerSide() - 1) * s.blocksPerSide(), s.blockOf(10, 20 + L, 10, 20, L), s.name());
        }
        // micro block boundaries are at multiples of 32 um
        assertEquals(1, Scale.MICRO.blockOf(10 + 32, 20, 10, 20, L));
        assertEquals(0, Scale.MICRO.blockOf(10 + 31.999, 20, 10, 20, L));
        assertEquals(2 * 4 + 3, Scale.MICRO.blockOf(10 + 100, 20 + 64, 10, 20, L));
        assertEquals(3, Scale.MESO.blockOf(10 + 64, 20 + 64, 10, 20, L));
        assertThrows(IllegalArgumentException.class, () -> Scale.MICRO.blockOf(10 + L + 1, 20, 10, 20, L));
        assertThrows(IllegalArgumentException.class, () -> Scale.MESO.blockOf(10, 19, 10, 20, L));
    }

    @Test
    void cellOnATileBoundaryBelongsToTheNextTile() {
        // grid anchored at (0, 0); five cells in each of two tiles, one exactly on x = 128
        double[] x = {0, 10, 20, 30, 40, 128, 130, 140, 150, 255.5};
        double[] y = {0, 5, 5, 5, 5, 5, 5, 5, 5, 127.99};
        Tiling tiling = Tiler.tile(x, y, TilingParameters.defaults());
        assertEquals(2, tiling.nTiles());
        assertEquals(1, tiling.cellTile()[5]);
        assertEquals(0, tiling.blockOf(5, Scale.MICRO));
        assertEquals(3 * 4 + 3, tiling.blockOf(9, Scale.MICRO));
        assertEquals(128.0, tiling.tiles()[1].x0());
    }

    @Test
    void sparseTilesAreDropped() {
        // tile (0,0): 5 cells kept; tile (0,1): 4 cells dropped; tile (1,0): 6 cells kept
        double[] x = {1, 2, 3, 4, 5, 130, 131, 132, 133, 1, 2, 3, 4, 5, 6};
        double[] y = {1, 1, 1, 1, 1, 1, 1, 1, 1, 130, 130, 130, 130, 130, 130};
        Tiling tiling = Tiler.tile(x, y, TilingParameters.defaults());
        assertEquals(2, tiling.nTiles());
        assertEquals(0, tiling.tiles()[0].row());
        assertEquals(0, tiling.tiles()[0].col());
        assertEquals(1, tiling.tiles()[1].row());
        assertEquals(6, tiling.tiles()[1].nCells());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1}, tiling.cellTile());
        for (int i = 5; i < 9; i++) {
            assertEquals(-1, tiling.microBlock()[i]);
            assertEquals(-1, tiling.mesoBlock()[i]);
            assertEquals(-1, tiling.blockOf(i, Scale.MACRO));
        }
        assertEquals(3, Tiler.tile(x, y, TilingParameters.defaults().withMinCells(4)).nTiles());
    }

    @Test
    void badCoordinatesNameTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tiler.tile(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}, TilingParameters.defaults()));
        assertTrue(e.getMessage().contains("cell 1") && e.getMessage().contains("y"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Tiler.tile(new double[] {1, 2}, new double[] {1}, TilingParameters.defaults()));
        assertEquals(0, Tiler.tile(new double[0], new double[0], TilingParameters.defaults()).nTiles());
    }

    @Test
    void parametersAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TilingParameters.defaults().withFractions(0.9, 0.2));
        assertThrows(IllegalArgumentException.class, () -> TilingParameters.defaults().withMinCells(0));
        assertThrows(IllegalArgumentException.class,
                () -> new TilingParameters(0, 0.5, 5, 0, 0.7, 0.15, 20));
    }

    private static double minOf(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double e : v) {
            m = Math.min(m, e);
        }
        return m;
    }
}
