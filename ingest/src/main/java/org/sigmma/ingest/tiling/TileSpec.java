package org.sigmma.ingest.tiling;

/** One kept tile: its index among the kept tiles, grid position, origin and side (micrometres), cells and split. */
public record TileSpec(int index, int row, int col, double x0, double y0, double sizeUm, int nCells, Split split) {
}
