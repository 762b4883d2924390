package org.sigmma.ingest.tiling;

/**
 * How a section is cut into tiles and how the tiles are split for evaluation.
 *
 * @param tileSizePx    tile side in H&E pixels (m = 256)
 * @param umPerPx       micrometres per pixel (0.5), so the tile side L = 128 um by default
 * @param minCells      tiles with fewer cells are dropped (5)
 * @param seed          seed of the spatial split
 * @param trainFraction share of tiles for training (0.7)
 * @param valFraction   share for validation (0.15); the rest is test
 * @param splitRegions  about how many contiguous regions the section is cut into for the split (20):
 *                      more regions hit the fractions more closely, fewer keep test tiles further
 *                      from training tiles
 */
public record TilingParameters(double tileSizePx, double umPerPx, int minCells, long seed, double trainFraction,
                               double valFraction, int splitRegions) {

    public static final double DEFAULT_TILE_SIZE_PX = 256;
    public static final double DEFAULT_UM_PER_PX = 0.5;
    public static final int DEFAULT_MIN_CELLS = 5;
    public static final double DEFAULT_TRAIN_FRACTION = 0.7;
    public static final double DEFAULT_VAL_FRACTION = 0.15;
    public static final int DEFAULT_SPLIT_REGIONS = 20;

    public TilingParameters {
        if (!(tileSizePx > 0) || Double.isInfinite(tileSizePx)) {
            throw new IllegalArgumentException("tileSizePx must be positive and finite, got " + tileSizePx);
        }
        if (!(umPerPx > 0) || Double.isInfinite(umPerPx)) {
            throw new IllegalArgumentException("umPerPx must be positive and finite, got " + umPerPx);
        }
        if (minCells < 1) {
            throw new IllegalArgumentException("minCells must be >= 1, got " + minCells);
        }
        if (!(trainFraction >= 0 && valFraction >= 0 && trainFraction + valFraction <= 1 + 1e-12)) {
            throw new IllegalArgumentException("trainFraction (" + trainFraction + ") and valFraction (" + valFraction
                    + ") must be >= 0 and sum to at most 1");
        }
        if (splitRegions < 1) {
            throw new IllegalArgumentException("splitRegions must be >= 1, got " + splitRegions);
        }
    }

    /** The defaults of METHOD.md with seed 0. */
    public static TilingParameters defaults() {
        return defaults(0L);
    }

    /** The defaults of METHOD.md with a given split seed. */
    public static TilingParameters defaults(long seed) {
        return new TilingParameters(DEFAULT_TILE_SIZE_PX, DEFAULT_UM_PER_PX, DEFAULT_MIN_CELLS, seed,
                DEFAULT_TRAIN_FRACTION, DEFAULT_VAL_FRACTION, DEFAULT_SPLIT_REGIONS);
    }

    /** Tile side L in micrometres. */
    public double tileSizeUm() {
        return tileSizePx * umPerPx;
    }

    public double testFraction() {
        return Math.max(0, 1 - trainFraction - valFraction);
    }

    public TilingParameters withMinCells(int n) {
        return new TilingParameters(tileSizePx, umPerPx, n, seed, trainFraction, valFraction, splitRegions);
    }

    public TilingParameters withSeed(long s) {
        return new TilingParameters(tileSizePx, umPerPx, minCells, s, trainFraction, valFraction, splitRegions);
    }

    public TilingParameters withFractions(double train, double val) {
        return new TilingParameters(tileSizePx, umPerPx, minCells, seed, train, val, splitRegions);
    }

    public TilingParameters withSplitRegions(int regions) {
        return new TilingParameters(tileSizePx, umPerPx, minCells, seed, trainFraction, valFraction, regions);
    }
}
