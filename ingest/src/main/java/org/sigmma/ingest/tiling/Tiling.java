package org.sigmma.ingest.tiling;

/**
 * The tiles of a section and where each cell falls: {@code cellTile[i]} indexes {@code tiles} (-1 when the cell's
 * tile was dropped), and the micro (0..15) and meso (0..3) block of the cell inside its tile (-1 when dropped).
 */
public record Tiling(TileSpec[] tiles, int[] cellTile, int[] microBlock, int[] mesoBlock) {

    public int nTiles() {
        return tiles.length;
    }
}
