package org.sigmma.model.data;

import java.util.Objects;
import org.sigmma.schema.Scale;

/**
 * One tile as the trainer sees it. Arrays are plain and indexed by local cell numbers
 * {@code 0..nCells-1}.
 *
 * <p>Block ids follow docs/method.md: micro id {@code 4*by + bx} in {@code 0..15}, meso id {@code
 * 2*by + bx} in {@code 0..3}. The model only compares ids for equality, so any consistent
 * numbering works.
 *
 * @param tileId the tile's id in the store
 * @param nCells number of cells in the tile (at least 1)
 * @param featureDim node feature width
 * @param features {@code nCells x featureDim}, row-major (PCA features of the cells)
 * @param edgeSource NEAR edges inside the tile, each pair once, local indices
 * @param edgeTarget the other end of each NEAR edge
 * @param microBlock per cell, 0..15
 * @param mesoBlock per cell, 0..3
 * @param cellX micrometres relative to the tile origin
 * @param cellY micrometres relative to the tile origin
 * @param rgb the H&E tile, {@code imageSize x imageSize x 3} bytes (RGB, row-major); may be null
 *     when the section has no image
 * @param imageSize side of the H&E tile in pixels (0 when {@code rgb} is null)
 * @param expressionTarget optional tile mean log1p expression of chosen genes (evaluation only)
 * @param cropFeatures optional precomputed backbone features of the 21 crops (16 micro, 4 meso, 1
 *     macro, in that order), {@code 21 x cropFeatureDim}; used by the "precomputed" backbone
 * @param cropFeatureDim width of {@code cropFeatures} (0 when absent)
 */
public record TileSample(
        String tileId,
        int nCells,
        int featureDim,
        float[] features,
        int[] edgeSource,
        int[] edgeTarget,
        int[] microBlock,
        int[] mesoBlock,
        float[] cellX,
        float[] cellY,
        byte[] rgb,
        int imageSize,
        float[] expressionTarget,
        float[] cropFeatures,
        int cropFeatureDim) {

    /** Number of crops cut from one tile: 16 micro, 4 meso, 1 macro. */
    public static final int CROPS = 21;

    /** Validates the shapes; every failure names the tile and the field. */
    public TileSample {
        Objects.requireNonNull(tileId, "tileId");
        if (nCells < 1) {
            throw bad(tileId, "nCells", "must be >= 1, was " + nCells);
        }
        if (featureDim < 1) {
            throw bad(tileId, "featureDim", "must be >= 1, was " + featureDim);
        }
        requireLength(tileId, "features", features, (long) nCells * featureDim);
        Objects.requireNonNull(edgeSource, () -> tileId + ": edgeSource is null");
        Objects.requireNonNull(edgeTarget, () -> tileId + ": edgeTarget is null");
        if (edgeSource.length != edgeTarget.length) {
            throw bad(tileId, "edgeTarget", "length " + edgeTarget.length
                    + " differs from edgeSource length " + edgeSource.length);
        }
        for (int e = 0; e < edgeSource.length; e++) {
            int s = edgeSource[e];
            int t = edgeTarget[e];
            if (s < 0 || s >= nCells || t < 0 || t >= nCells) {
                throw bad(tileId, "edgeSource/edgeTarget", "edge " + e + " (" + s + ", " + t
                        + ") is outside 0.." + (nCells - 1));
            }
        }
        requireBlocks(tileId, Scale.MICRO.blockProperty().orElseThrow(), microBlock, nCells, 16);
        requireBlocks(tileId, Scale.MESO.blockProperty().orElseThrow(), mesoBlock, nCells, 4);
        requireLength(tileId, "cellX", cellX, nCells);
        requireLength(tileId, "cellY", cellY, nCells);
        if (rgb != null) {
            if (imageSize < 4) {
                throw bad(tileId, "imageSize", "must be >= 4 with an image, was " + imageSize);
            }
            if (rgb.length != imageSize * imageSize * 3) {
                throw bad(tileId, "rgb", "length " + rgb.length + ", expected imageSize^2*3 = "
                        + (imageSize * imageSize * 3));
            }
        }
        if (cropFeatures != null) {
            if (cropFeatureDim < 1) {
                throw bad(tileId, "cropFeatureDim", "must be >= 1 with cropFeatures, was "
                        + cropFeatureDim);
            }
            requireLength(tileId, "cropFeatures", cropFeatures, (long) CROPS * cropFeatureDim);
        }
    }

    /** The interface as first agreed: no precomputed crop features. */
    public TileSample(String tileId, int nCells, int featureDim, float[] features,
            int[] edgeSource, int[] edgeTarget, int[] microBlock, int[] mesoBlock,
            float[] cellX, float[] cellY, byte[] rgb, int imageSize, float[] expressionTarget) {
        this(tileId, nCells, featureDim, features, edgeSource, edgeTarget, microBlock, mesoBlock,
                cellX, cellY, rgb, imageSize, expressionTarget, null, 0);
    }

    /** A copy carrying precomputed crop features. */
    public TileSample withCropFeatures(float[] feats, int dim) {
        return new TileSample(tileId, nCells, featureDim, features, edgeSource, edgeTarget,
                microBlock, mesoBlock, cellX, cellY, rgb, imageSize, expressionTarget, feats, dim);
    }

    private static void requireLength(String tile, String field, float[] a, long expected) {
        if (a == null) {
            throw bad(tile, field, "is null");
        }
        if (a.length != expected) {
            throw bad(tile, field, "length " + a.length + ", expected " + expected);
        }
    }

    private static void requireBlocks(String tile, String field, int[] a, int n, int blocks) {
        if (a == null) {
            throw bad(tile, field, "is null");
        }
        if (a.length != n) {
            throw bad(tile, field, "length " + a.length + ", expected nCells = " + n);
        }
        for (int i = 0; i < n; i++) {
            if (a[i] < 0 || a[i] >= blocks) {
                throw bad(tile, field, "cell " + i + " has block " + a[i] + ", expected 0.."
                        + (blocks - 1));
            }
        }
    }

    private static IllegalArgumentException bad(String tile, String field, String what) {
        return new IllegalArgumentException("tile " + tile + ": field " + field + " " + what);
    }
}
