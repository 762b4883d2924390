package org.sigmma.ingest.tiling;

/**
 * The tiles of a section and where each cell falls.
 *
 * @param tiles      kept tiles in row-major grid order, {@code tiles[i].index() == i}
 * @param cellTile   per cell, the index of its tile, -1 when its tile was dropped
 * @param microBlock per cell, its micro block (0..15), -1 when its tile was dropped
 * @param mesoBlock  per cell, its meso block (0..3), -1 when its tile was dropped
 */
public record Tiling(TileSpec[] tiles, int[] cellTile, int[] microBlock, int[] mesoBlock) {

    public int nTiles() {
        return tiles.length;
    }

    /** A cell's block at a scale (0 at macro), -1 when its tile was dropped. */
    public int blockOf(int cell, Scale scale) {
        if (cellTile[cell] < 0) {
            return -1;
        }
        return switch (scale) {
            case MICRO -> microBlock[cell];
            case MESO -> mesoBlock[cell];
            case MACRO -> 0;
        };
    }

    /** The cells of every tile, each list in increasing cell order, in one pass over the cells. */
    public int[][] cellsByTile() {
        int[] size = new int[tiles.length];
        for (int t : cellTile) {
            if (t >= 0) {
                size[t]++;
            }
        }
        int[][] cells = new int[tiles.length][];
        for (int t = 0; t < tiles.length; t++) {
            cells[t] = new int[size[t]];
        }
        int[] fill = new int[tiles.length];
        for (int c = 0; c < cellTile.length; c++) {
            int t = cellTile[c];
            if (t >= 0) {
                cells[t][fill[t]++] = c;
            }
        }
        return cells;
    }

    /** Number of tiles in a split. */
    public int count(Split split) {
        int n = 0;
        for (TileSpec t : tiles) {
            if (t.split() == split) {
                n++;
            }
        }
        return n;
    }
}
