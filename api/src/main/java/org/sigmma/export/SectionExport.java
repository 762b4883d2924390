package org.sigmma.export;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sigmma.schema.FeatureSource;
import org.sigmma.schema.Scale;

/**
 * One section as it leaves the platform: plain arrays, cells indexed 0..n-1 in one order that every array shares.
 * Built from the graph by {@link SectionExportReader}, written by {@link ParquetExport} and {@link H5adExport}.
 *
 * @param genes        the section's genes (columns of the counts)
 * @param hvg          indices into {@code genes} of the highly variable genes the PCA features were computed on
 * @param cellIds      the Xenium cell ids
 * @param tile         the index of each cell's tile, -1 where the tile was dropped
 * @param tileId       the Tile node id of each cell's tile, null where dropped
 * @param split        train / val / test of each cell's tile, null where dropped
 * @param cellType     each cell's label, null entries where unlabelled
 * @param countIndptr  raw counts as CSR over {@code genes}: row pointers ({@code n + 1})
 * @param features     PCA features, n x featureDim row-major
 * @param embeddings   cell embeddings by scale (micro, meso, macro: only those some cell carries), n x dim row-major,
 *                     NaN rows for cells without one
 * @param clusters     cluster ids by scale (expression, micro, meso, macro: only those some cell carries), -1 for none
 * @param embeddingRun the run whose embeddings the cells carry, or null
 */
public record SectionExport(String section, String name, double pixelSizeUm, String[] genes, int[] hvg,
                            String[] cellIds, double[] x, double[] y, int[] tile, String[] tileId, String[] split,
                            String[] cellType, int[] countIndptr, int[] countGenes, int[] countValues,
                            float[] features, int featureDim, Map<String, Embedding> embeddings,
                            Map<String, int[]> clusters, String embeddingRun, NearEdges near, LearnedEdges learned) {

    /** Scales in the order the graph names them (Cell.zMicro, zMeso, zMacro). */
    public static final String[] EMBEDDING_SCALES = Scale.ids().toArray(String[]::new);
    /** Scales of cluster ids (Cell.clusterExpression, clusterMicro, ...). */
    public static final String[] CLUSTER_SCALES = FeatureSource.ids().toArray(String[]::new);

    /** The export's column for a feature source's clusters: cluster_expression, cluster_meso, cluster_niche_meso, ... */
    public static String clusterColumn(String sourceId) {
        return "cluster_" + sourceId.replace('-', '_');
    }

    public SectionExport {
        Objects.requireNonNull(section, "section");
        int n = cellIds.length;
        check(x.length == n && y.length == n, "x/y");
        check(tile.length == n && tileId.length == n && split.length == n, "tile/tileId/split");
        check(cellType.length == n, "cellType");
        check(countIndptr.length == n + 1 && countIndptr[n] == countGenes.length && countGenes.length == countValues.length,
                "countIndptr/countGenes/countValues");
        check(features.length == (long) n * featureDim, "features");
        embeddings = Map.copyOf(new LinkedHashMap<>(embeddings));
        for (var e : embeddings.entrySet()) {
            check(e.getValue().values().length == (long) n * e.getValue().dim(), "embedding " + e.getKey());
        }
        for (var c : clusters.entrySet()) {
            check(c.getValue().length == n, "clusters " + c.getKey());
        }
        for (int i = 0; i < near.source().length; i++) {
            check(inRange(near.source()[i], n) && inRange(near.target()[i], n), "NEAR edge " + i);
        }
        for (int i = 0; i < learned.source().length; i++) {
            check(inRange(learned.source()[i], n) && inRange(learned.target()[i], n), "LEARNED edge " + i);
        }
    }

    private static boolean inRange(int i, int n) {
        return i >= 0 && i < n;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("SectionExport: " + what + " do not match the cells");
        }
    }

    public int nCells() {
        return cellIds.length;
    }

    /** Whether any cell carries a label (otherwise the label column is left out of the h5ad). */
    public boolean hasLabels() {
        for (String t : cellType) {
            if (t != null) {
                return true;
            }
        }
        return false;
    }

    /** Cell embeddings of one scale, n x dim row-major; NaN rows for cells without one. */
    public record Embedding(int dim, float[] values) {
    }

    /** Spatial neighbours, each pair once (cell indices), with their distance in micrometres. */
    public record NearEdges(int[] source, int[] target, float[] distanceUm) {
        public NearEdges {
            if (source.length != target.length || source.length != distanceUm.length) {
                throw new IllegalArgumentException("NearEdges: source, target and distanceUm differ in length");
            }
        }

        public int size() {
            return source.length;
        }
    }

    /** Edges added by trained ST encoders, directed source -> target, with the scale, run and probability. */
    public record LearnedEdges(int[] source, int[] target, String[] scale, String[] run, float[] probability) {
        public LearnedEdges {
            int m = source.length;
            if (target.length != m || scale.length != m || run.length != m || probability.length != m) {
                throw new IllegalArgumentException("LearnedEdges: source, target, scale, run and probability differ in length");
            }
        }

        public int size() {
            return source.length;
        }
    }
}
