package org.sigmma.model.data;

/**
 * A tile cut once for the model: node features, its cell graphs and its crops (uint8 {@code [21,
 * 3, S, S]}) or precomputed crop features.
 *
 * @param tileId the tile's id
 * @param nCells cells of the tile
 * @param features {@code nCells x featureDim}
 * @param graph micro graph and candidate sets
 * @param crops the resized crops, or null when the backbone reads precomputed features
 * @param cropFeatures {@code 21 x cropFeatureDim} precomputed features, or null
 */
public record PreparedTile(String tileId, int nCells, float[] features, CellGraph graph,
        byte[] crops, float[] cropFeatures) {

    /** Approximate heap bytes, for the cache budget. */
    public long bytes() {
        long b = 4L * features.length + 4L * (graph.microSource().length * 2L
                + graph.meso().targets().length * 2L + graph.macro().targets().length * 2L);
        if (crops != null) {
            b += crops.length;
        }
        if (cropFeatures != null) {
            b += 4L * cropFeatures.length;
        }
        return b;
    }
}
