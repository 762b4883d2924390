package org.sigmma.ingest.tiling;

import java.util.Locale;

/**
 * The three scales of a tile: micro (4 x 4 blocks), meso (2 x 2) and macro (the whole tile).
 * A point's block is {@code floor((x - x0) / (L / b))} per axis, numbered {@code by * b + bx}.
 */
public enum Scale {
    MICRO(4), MESO(2), MACRO(1);

    private final int blocksPerSide;

    Scale(int blocksPerSide) {
        this.blocksPerSide = blocksPerSide;
    }

    public int blocksPerSide() {
        return blocksPerSide;
    }

    /** Number of blocks in a tile at this scale. */
    public int blockCount() {
        return blocksPerSide * blocksPerSide;
    }

    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The block of a point in the tile with lower-left corner (x0, y0) and side L. A point on the
     * tile's far edge ({@code x = x0 + L}) goes to the last block; a point a rounding error outside the
     * tile is clamped into it.
     *
     * @throws IllegalArgumentException when the point lies outside the tile
     */
    public int blockOf(double x, double y, double x0, double y0, double sideUm) {
        return axisBlock(y, y0, sideUm, "y") * blocksPerSide + axisBlock(x, x0, sideUm, "x");
    }

    private int axisBlock(double v, double origin, double side, String axis) {
        double offset = v - origin;
        double slack = 1e-6 * side;
        if (!(offset >= -slack && offset <= side + slack)) {
            throw new IllegalArgumentException(axis + " = " + v + " lies outside the tile [" + origin + ", "
                    + (origin + side) + "]");
        }
        int b = (int) Math.floor(offset / (side / blocksPerSide));
        return Math.max(0, Math.min(blocksPerSide - 1, b));
    }
}
