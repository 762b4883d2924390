package org.sigmma.store;

/**
 * The subgraph of one tile as training and the API read it: its cells (local indices 0..n-1, ordered by cell id),
 * their features and block ids, and the NEAR edges whose two ends lie in the tile, as local index pairs.
 */
public record TileSubgraph(TileInfo tile, String[] cellIds, float[] x, float[] y, int[] microBlock, int[] mesoBlock,
                           float[][] features, String[] cellTypes, int[] edgeSource, int[] edgeTarget,
                           float[] edgeDistance) {

    public int nCells() {
        return cellIds.length;
    }

    public int nEdges() {
        return edgeSource.length;
    }
}
