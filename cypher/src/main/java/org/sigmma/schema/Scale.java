package org.sigmma.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three scales of SIGMMA: a tile split into b x b blocks (docs/method.md "Geometry"), and the one place the graph's
 * per-scale names are spelled. Every property, metric key and parameter value built from a scale comes from here, so a
 * renamed property fails the tests that read stored names instead of passing them unnoticed.
 */
public enum Scale {
    MICRO(4), MESO(2), MACRO(1);

    private final int blocksPerSide;
    private final String id;
    private final String suffix;

    Scale(int blocksPerSide) {
        this.blocksPerSide = blocksPerSide;
        this.id = name().toLowerCase(Locale.ROOT);
        this.suffix = name().charAt(0) + id.substring(1);
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

    /** The scale as users and the graph spell it: {@code --scale micro}, {@code LEARNED.scale}, metric keys. */
    public String id() {
        return id;
    }

    /** The capitalised form that property and parameter names end with ("Micro"). */
    public String suffix() {
        return suffix;
    }

    /** Cell property: the cell's embedding at this scale ({@code zMicro}). */
    public String cellEmbeddingProperty() {
        return "z" + suffix;
    }

    /** Tile property: the image (H&amp;E) tile embedding at this scale ({@code heMicro}). */
    public String heEmbeddingProperty() {
        return "he" + suffix;
    }

    /** Tile property: the expression (ST) tile embedding at this scale ({@code stMicro}). */
    public String stEmbeddingProperty() {
        return "st" + suffix;
    }

    /** Cell property: the k-means cluster of the cells' embedding at this scale ({@code clusterMicro}). */
    public String clusterProperty() {
        return "cluster" + suffix;
    }

    /**
     * Cell property: the cell's block at this scale ({@code microBlock}, {@code mesoBlock}); empty at macro, where the
     * one block is the whole tile (block 0), so nothing is stored.
     */
    public Optional<String> blockProperty() {
        return blocksPerSide == 1 ? Optional.empty() : Optional.of(id + "Block");
    }

    /** The ids in order ("micro", "meso", "macro"), for choices on the command line and in REST. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Scale::id).toList();
    }

    public static Scale parse(String s) {
        for (Scale scale : values()) {
            if (scale.id.equals(s)) {
                return scale;
            }
        }
        throw new IllegalArgumentException("scale must be one of " + String.join(", ", ids()) + ", not '" + s + "'");
    }
}
