package org.sigmma.store.write;

import java.util.Map;
import java.util.Objects;

/**
 * Everything an ingest writes for one section, as plain arrays (cells indexed 0..n-1). Built by the ingest
 * module, written by a {@link SectionWriter}; the graph names follow DESIGN.md's graph model.
 *
 * @param features     per-cell features, n x featureDim row-major (PCA of log1p CP10k)
 * @param countIndptr  CSR row pointers of the raw counts (genes only); {@code countGenes}/{@code countValues} the entries
 * @param cellTypes    per-cell label or null entries; the array itself may be null
 * @param edgeSource   spatial-neighbour pairs (cell indices), each pair once
 * @param properties   extra Section properties (ingest parameters, QC totals)
 */
public record SectionData(String id, String name, String tissue, double pixelSizeUm, double tileSizePx,
                          double widthUm, double heightUm, String[] genes, int[] hvg, String sourceDigest,
                          String[] cellIds, double[] x, double[] y, int[] tile, int[] microBlock, int[] mesoBlock,
                          int[] countIndptr, int[] countGenes, int[] countValues, float[] features, int featureDim,
                          String[] cellTypes, int[] edgeSource, int[] edgeTarget, float[] edgeDistance,
                          TileRow[] tiles, Map<String, Object> properties) {

    public SectionData {
        Objects.requireNonNull(id, "id");
        int n = cellIds.length;
        check(x.length == n && y.length == n, "x/y");
        check(tile.length == n && microBlock.length == n && mesoBlock.length == n, "tile/microBlock/mesoBlock");
        check(countIndptr.length == n + 1, "countIndptr");
        check(features.length == (long) n * featureDim, "features");
        check(cellTypes == null || cellTypes.length == n, "cellTypes");
        check(edgeSource.length == edgeTarget.length && edgeSource.length == edgeDistance.length, "edges");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("SectionData: " + what + " do not match the number of cells");
        }
    }

    public int nCells() {
        return cellIds.length;
    }

    public int nEdges() {
        return edgeSource.length;
    }

    /** The global id of a cell node: unique across sections. */
    public String cellNodeId(int i) {
        return id + ":" + cellIds[i];
    }

    /** The global id of a tile node. */
    public static String tileNodeId(String section, int index) {
        return section + ":t" + index;
    }

    /** One tile row: {@code index} is the value stored on its cells as Cell.tile. */
    public record TileRow(int index, int row, int col, double x0, double y0, double sizeUm, String split, int nCells,
                          String imageRef) {
    }
}
