package org.sigmma.ingest.tiling;

import java.util.Arrays;

/**
 * Tessellates a section into square tiles of side {@code L = tileSizePx * umPerPx} on a grid
 * anchored at {@code (floor(minX), floor(minY))} of the cell centroids, keeps the tiles with at least
 * {@code minCells} cells, splits them spatially ({@link SpatialSplit}) and gives each cell its tile
 * and its micro and meso blocks. A cell on a boundary between tiles belongs to the tile above/right
 * of it (half-open tiles). Whether a tile is mostly tissue is judged from the image, elsewhere.
 */
public final class Tiler {

    private Tiler() {
    }

    /**
     * @param x cell centroids, micrometres
     * @param y cell centroids, micrometres, aligned with {@code x}
     * @throws IllegalArgumentException for coordinates that are not finite, naming the cell
     */
    public static Tiling tile(double[] x, double[] y, TilingParameters p) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " cells but y has " + y.length);
        }
        int n = x.length;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("cell " + i + ": x = " + x[i] + " is not finite");
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("cell " + i + ": y = " + y[i] + " is not finite");
            }
            minX = Math.min(minX, x[i]);
            minY = Math.min(minY, y[i]);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
        }
        int[] cellTile = new int[n];
        int[] micro = new int[n];
        int[] meso = new int[n];
        Arrays.fill(cellTile, -1);
        Arrays.fill(micro, -1);
        Arrays.fill(meso, -1);
        if (n == 0) {
            return new Tiling(new TileSpec[0], cellTile, micro, meso);
        }
        double side = p.tileSizeUm();
        double originX = Math.floor(minX);
        double originY = Math.floor(minY);
        long nCols = (long) Math.floor((maxX - originX) / side) + 1;
        long nRows = (long) Math.floor((maxY - originY) / side) + 1;
        if (nCols > Integer.MAX_VALUE || nRows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the section spans " + nRows + " x " + nCols + " tiles of " + side
                    + " um: coordinates are probably not in micrometres");
        }
        // a key per cell, row-major, so that sorted unique keys are the tiles in grid order
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            long col = (long) Math.floor((x[i] - originX) / side);
            long row = (long) Math.floor((y[i] - originY) / side);
            key[i] = row * nCols + col;
        }
        long[] sorted = key.clone();
        Arrays.sort(sorted);
        int unique = 0;
        long[] tileKey = new long[n];
        int[] tileCount = new int[n];
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                tileKey[unique++] = sorted[i];
            }
            tileCount[unique - 1]++;
        }
        int kept = 0;
        for (int t = 0; t < unique; t++) {
            if (tileCount[t] >= p.minCells()) {
                kept++;
            }
        }
        long[] keptKey = new long[kept];
        int[] keptCount = new int[kept];
        int[] rows = new int[kept];
        int[] cols = new int[kept];
        for (int t = 0, k = 0; t < unique; t++) {
            if (tileCount[t] >= p.minCells()) {
                keptKey[k] = tileKey[t];
                keptCount[k] = tileCount[t];
                rows[k] = (int) (tileKey[t] / nCols);
                cols[k] = (int) (tileKey[t] % nCols);
                k++;
            }
        }
        Split[] split = SpatialSplit.assign(rows, cols, p);
        TileSpec[] tiles = new TileSpec[kept];
        for (int t = 0; t < kept; t++) {
            tiles[t] = new TileSpec(t, rows[t], cols[t], originX + cols[t] * side, originY + rows[t] * side, side,
                    keptCount[t], split[t]);
        }
        for (int i = 0; i < n; i++) {
            int t = Arrays.binarySearch(keptKey, key[i]);
            if (t < 0) {
                continue; // its tile was dropped
            }
            cellTile[i] = t;
            micro[i] = Scale.MICRO.blockOf(x[i], y[i], tiles[t].x0(), tiles[t].y0(), side);
            meso[i] = Scale.MESO.blockOf(x[i], y[i], tiles[t].x0(), tiles[t].y0(), side);
        }
        return new Tiling(tiles, cellTile, micro, meso);
    }
}
