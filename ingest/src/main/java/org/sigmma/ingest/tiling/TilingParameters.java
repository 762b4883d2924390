package org.sigmma.ingest.tiling;

/**
 * Tiles of {@code tileSizePx} pixels at {@code umPerPx} (docs/method.md: 256 px at 0.5 um/px, i.e. 128 um), kept when they
 * hold at least {@code minCells} cells; the spatial split assigns contiguous regions of {@code regionTiles} x
 * {@code regionTiles} tiles to train / val / test with the given fractions, by a seeded shuffle.
 */
public record TilingParameters(double tileSizePx, double umPerPx, int minCells, long seed, double trainFraction,
                               double valFraction, int regionTiles) {

    public TilingParameters {
        if (!(tileSizePx > 0) || !(umPerPx > 0)) {
            throw new IllegalArgumentException("tile size and pixel size must be positive: " + tileSizePx + " px, " + umPerPx + " um/px");
        }
        if (minCells < 1 || regionTiles < 1) {
            throw new IllegalArgumentException("minCells and regionTiles must be >= 1");
        }
        if (trainFraction < 0 || valFraction < 0 || trainFraction + valFraction > 1) {
            throw new IllegalArgumentException("split fractions must be >= 0 and sum to at most 1");
        }
    }

    public static TilingParameters defaults() {
        return new TilingParameters(256, 0.5, 5, 42L, 0.7, 0.15, 3);
    }

    /** The tile side L in micrometres. */
    public double tileSizeUm() {
        return tileSizePx * umPerPx;
    }

    public TilingParameters withTileSize(double px, double umPerPixel) {
        return new TilingParameters(px, umPerPixel, minCells, seed, trainFraction, valFraction, regionTiles);
    }

    public TilingParameters withMinCells(int m) {
        return new TilingParameters(tileSizePx, umPerPx, m, seed, trainFraction, valFraction, regionTiles);
    }

    public TilingParameters withSeed(long s) {
        return new TilingParameters(tileSizePx, umPerPx, minCells, s, trainFraction, valFraction, regionTiles);
    }

    public TilingParameters withSplit(double train, double val, int regionSide) {
        return new TilingParameters(tileSizePx, umPerPx, minCells, seed, train, val, regionSide);
    }
}
