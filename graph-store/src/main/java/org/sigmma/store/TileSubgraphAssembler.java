package org.sigmma.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;
import org.sigmma.schema.Scale;

/**
 * Builds a {@link TileSubgraph} from the cells and NEAR edges a read found, whichever read it was (the core-API read
 * of the embedded database or the Cypher read for a server): cells in cell-id order, each cell's columns from its
 * properties, edges as local indices in (source, target) order. One home for the tile subgraph's shape.
 */
final class TileSubgraphAssembler {

    /** Numeric ids in numeric order, others lexicographically: Xenium ids are either. */
    static final Comparator<String> CELL_ID_ORDER = TileSubgraphAssembler::compareIds;

    private final TileInfo tile;
    private final String[] ids;
    private final float[] x;
    private final float[] y;
    private final int[] micro;
    private final int[] meso;
    private final float[][] features;
    private final String[] types;
    private int[] src;
    private int[] dst;
    private float[] dist;
    private int edges;

    /** For {@code n} cells, to be put in cell-id order. */
    TileSubgraphAssembler(TileInfo tile, int n) {
        this.tile = tile;
        this.ids = new String[n];
        this.x = new float[n];
        this.y = new float[n];
        this.micro = new int[n];
        this.meso = new int[n];
        this.features = new float[n][];
        this.types = new String[n];
        this.src = new int[Math.max(4, n * 4)];
        this.dst = new int[src.length];
        this.dist = new float[src.length];
    }

    /** Cell {@code i} (its rank in cell-id order), read through {@code property} (a stored property by name, or null). */
    void cell(int i, String id, Function<String, Object> property) {
        ids[i] = id;
        x[i] = (float) Values.asDouble(property.apply("x"));
        y[i] = (float) Values.asDouble(property.apply("y"));
        micro[i] = Values.asInt(property.apply(Scale.MICRO.blockProperty().orElseThrow()));
        meso[i] = Values.asInt(property.apply(Scale.MESO.blockProperty().orElseThrow()));
        features[i] = Values.asFloatArray(property.apply("features"));
        types[i] = Values.asString(property.apply("cellType"));
    }

    /** A NEAR edge between the cells of ranks {@code from} and {@code to}. */
    void edge(int from, int to, double distance) {
        if (edges == src.length) {
            src = Arrays.copyOf(src, edges * 2);
            dst = Arrays.copyOf(dst, edges * 2);
            dist = Arrays.copyOf(dist, edges * 2);
        }
        src[edges] = from;
        dst[edges] = to;
        dist[edges++] = (float) distance;
    }

    /**
     * The subgraph, its edges in one order (by source, then target) whatever order the store returned them in: the
     * store's order follows the write order of the nodes, which is not the order of the cell ids.
     */
    TileSubgraph build() {
        long[] key = new long[edges];
        Integer[] order = new Integer[edges];
        for (int k = 0; k < edges; k++) {
            key[k] = ((long) src[k] << 32) | (dst[k] & 0xFFFFFFFFL);
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Long.compare(key[a], key[b]));
        int[] s = new int[edges];
        int[] d = new int[edges];
        float[] w = new float[edges];
        for (int k = 0; k < edges; k++) {
            s[k] = src[order[k]];
            d[k] = dst[order[k]];
            w[k] = dist[order[k]];
        }
        return new TileSubgraph(tile, ids, x, y, micro, meso, features, types, s, d, w);
    }

    private static int compareIds(String a, String b) {
        boolean na = isDigits(a);
        boolean nb = isDigits(b);
        if (na && nb) {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
