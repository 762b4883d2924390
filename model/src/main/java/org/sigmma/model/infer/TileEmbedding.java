package org.sigmma.model.infer;

import java.util.List;

/**
 * A tile's embeddings. Tile embeddings are L2-normalised (the model compares them by cosine).
 * Scales are indexed 0 micro, 1 meso, 2 macro; a scale the model does not train is null.
 *
 * @param tileId the tile
 * @param nCells its cells
 * @param image HE tile embeddings per scale
 * @param spot ST tile embeddings per scale
 * @param cells cell embeddings per scale, {@code nCells x hidden} row-major (null when not asked
 *     for or for the BLEEP-like model)
 * @param hidden cell embedding width
 * @param edges learned edges, local indices (empty when not asked for)
 */
public record TileEmbedding(String tileId, int nCells, float[][] image, float[][] spot,
        float[][] cells, int hidden, List<LearnedEdge> edges) {}
