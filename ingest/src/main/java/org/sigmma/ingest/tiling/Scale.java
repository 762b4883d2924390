package org.sigmma.ingest.tiling;

/** The three scales of SIGMMA: a tile split into b x b blocks (docs/method.md "Geometry"). */
public enum Scale {
    MICRO(4), MESO(2), MACRO(1);

    private final int blocksPerSide;

    Scale(int blocksPerSide) {
        this.blocksPerSide = blocksPerSide;
    }

    public int blocksPerSide() {
        return blocksPerSide;
    }

    /**
     * The block of a point inside a tile with origin (x0, y0) and side L: {@code floor((x - x0) / (L / b))} per axis,
     * clamped to b - 1 so a cell exactly on the far edge stays in the tile; id = by * b + bx.
     */
    public int blockOf(double x, double y, double x0, double y0, double side) {
        int b = blocksPerSide;
        int bx = clamp((int) Math.floor((x - x0) / (side / b)), b);
        int by = clamp((int) Math.floor((y - y0) / (side / b)), b);
        return by * b + bx;
    }

    private static int clamp(int v, int b) {
        return Math.max(0, Math.min(b - 1, v));
    }
}
