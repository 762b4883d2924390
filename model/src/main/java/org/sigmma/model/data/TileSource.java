package org.sigmma.model.data;

import java.util.List;

/**
 * Where the trainer gets its tiles from. The graph store implements it over READY sections;
 * {@link InMemoryTileSource} serves tests.
 */
public interface TileSource {

    /** Split names as stored on the tiles. */
    String TRAIN = "train";
    String VALIDATION = "val"; // the names tiles carry in the graph (Tile.split)
    String TEST = "test";

    /** Ids of the tiles of one split, in a stable order. */
    List<String> tileIds(String split);

    /** Loads one tile. */
    TileSample load(String tileId);

    /** All tile ids of the source, train then validation then test. */
    default List<String> allTileIds() {
        List<String> all = new java.util.ArrayList<>(tileIds(TRAIN));
        all.addAll(tileIds(VALIDATION));
        all.addAll(tileIds(TEST));
        return all;
    }

    /**
     * Number of cells of a tile, used to choose the one padding size of a dataset. Override it
     * with a cheap count where loading a tile is expensive.
     */
    default int cellCount(String tileId) {
        return load(tileId).nCells();
    }
}
