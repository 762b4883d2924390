package org.sigmma.ingest.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpatialSplitTest {

    /** A full rectangular grid of tiles, row-major. */
    private static int[][] grid(int nRows, int nCols) {
        int[] rows = new int[nRows * nCols];
        int[] cols = new int[nRows * nCols];
        for (int r = 0, t = 0; r < nRows; r++) {
            for (int c = 0; c < nCols; c++, t++) {
                rows[t] = r;
                cols[t] = c;
            }
        }
        return new int[][] {rows, cols};
    }

    private static double share(Split[] split, Split s) {
        return Arrays.stream(split).filter(e -> e == s).count() / (double) split.length;
    }

    @Test
    void fractionsAreMetWithinTolerance() {
        int[][] g = grid(40, 50);
        for (long seed = 0; seed < 10; seed++) {
            Split[] split = SpatialSplit.assign(g[0], g[1], TilingParameters.defaults(seed));
            assertEquals(0.70, share(split, Split.TRAIN), 0.06, "seed " + seed);
            assertEquals(0.15, share(split, Split.VAL), 0.05, "seed " + seed);
            assertEquals(0.15, share(split, Split.TEST), 0.05, "seed " + seed);
        }
        Split[] other = SpatialSplit.assign(g[0], g[1], TilingParameters.defaults(1).withFractions(0.5, 0.25));
        assertEquals(0.25, share(other, Split.VAL), 0.06);
        assertEquals(0.25, share(other, Split.TEST), 0.06);
    }

    @Test
    void splitsAreContiguous() {
        int[][] g = grid(30, 30);
        Split[] split = SpatialSplit.assign(g[0], g[1], TilingParameters.defaults(5));
        Map<Long, Split> at = new HashMap<>();
        for (int t = 0; t < split.length; t++) {
            at.put(((long) g[0][t] << 32) | g[1][t], split[t]);
        }
        int withNeighbour = 0;
        for (int t = 0; t < split.length; t++) {
            int[][] steps = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}};
            for (int[] d : steps) {
                Split s = at.get(((long) (g[0][t] + d[0]) << 32) | (g[1][t] + d[1]));
                if (s == split[t]) {
                    withNeighbour++;
                    break;
                }
            }
        }
        assertTrue(withNeighbour > 0.95 * split.length, withNeighbour + " of " + split.length);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        int[][] g = grid(25, 25);
        Split[] a = SpatialSplit.assign(g[0], g[1], TilingParameters.defaults(42));
        Split[] b = SpatialSplit.assign(g[0], g[1], TilingParameters.defaults(42));
        Split[] c = SpatialSplit.assign(g[0], g[1], TilingParameters.defaults(43));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void everySplitGetsATileFromThreeTilesOn() {
        Random r = new Random(1);
        for (int n = 3; n <= 60; n++) {
            for (int rep = 0; rep < 5; rep++) {
                // random tissue shapes: a random subset of a grid
                int[] rows = new int[n];
                int[] cols = new int[n];
                java.util.Set<Long> used = new java.util.HashSet<>();
                int width = 4 + r.nextInt(12); // 20 x width >= 80 cells: room for n tiles
                for (int t = 0; t < n; ) {
                    int row = r.nextInt(20);
                    int col = r.nextInt(width);
                    if (used.add(((long) row << 32) | col)) {
                        rows[t] = row;
                        cols[t] = col;
                        t++;
                    }
                }
                for (int regions : new int[] {1, 2, 20}) {
                    TilingParameters p = TilingParameters.defaults(rep).withSplitRegions(regions);
                    Split[] split = SpatialSplit.assign(rows, cols, p);
                    for (Split s : Split.values()) {
                        assertTrue(share(split, s) > 0, s + " empty with " + n + " tiles, " + regions + " regions");
                    }
                }
            }
        }
        // fewer than three tiles: no guarantee, but no failure either
        assertEquals(2, SpatialSplit.assign(new int[] {0, 0}, new int[] {0, 1}, TilingParameters.defaults()).length);
    }

    @Test
    void zeroFractionsStayEmpty() {
        int[][] g = grid(10, 10);
        Split[] split = SpatialSplit.assign(g[0], g[1], TilingParameters.defaults().withFractions(0.8, 0.2));
        assertEquals(0, share(split, Split.TEST));
        assertTrue(share(split, Split.VAL) > 0);
    }

    @Test
    void storageNamesRoundTrip() {
        assertEquals("train", Split.TRAIN.storageName());
        assertEquals("val", Split.VAL.storageName());
        assertEquals("test", Split.TEST.storageName());
        for (Split s : Split.values()) {
            assertEquals(s, Split.fromStorage(s.storageName()));
        }
        assertEquals("micro", Scale.MICRO.storageName());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Split.fromStorage("dev"));
    }

    @Test
    void tilerStoresTheSplitOnTheTiles() {
        Random r = new Random(4);
        int n = 30_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 2560;
            y[i] = r.nextDouble() * 2560;
        }
        Tiling tiling = Tiler.tile(x, y, TilingParameters.defaults(8));
        int[] rows = Arrays.stream(tiling.tiles()).mapToInt(TileSpec::row).toArray();
        int[] cols = Arrays.stream(tiling.tiles()).mapToInt(TileSpec::col).toArray();
        Split[] expected = SpatialSplit.assign(rows, cols, TilingParameters.defaults(8));
        for (TileSpec t : tiling.tiles()) {
            assertEquals(expected[t.index()], t.split());
        }
        assertEquals(tiling.nTiles(), tiling.count(Split.TRAIN) + tiling.count(Split.VAL) + tiling.count(Split.TEST));
    }
}
