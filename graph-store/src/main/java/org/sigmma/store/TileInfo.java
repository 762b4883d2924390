package org.sigmma.store;

/** A tile of a section (DESIGN.md Tile node); {@code index} is the value stored on its cells as {@code Cell.tile}. */
public record TileInfo(String id, String section, int index, int row, int col, double x0, double y0, double sizeUm,
                       String split, int nCells, String imageRef) {
}
