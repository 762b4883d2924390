package org.sigmma.ingest.tiling;

/**
 * One kept tile: its position in the section's grid, its lower-left corner and side in
 * micrometres, its cell count and its evaluation split.
 */
public record TileSpec(int index, int row, int col, double x0, double y0, double sizeUm, int nCells, Split split) {

    /** Whether a point lies in the tile, the near edges included and the far edges excluded. */
    public boolean contains(double x, double y) {
        return x >= x0 && x < x0 + sizeUm && y >= y0 && y < y0 + sizeUm;
    }
}
