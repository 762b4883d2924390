package org.sigmma.ingest.tiling;

import java.util.HashMap;
import java.util.Map;
import org.sigmma.schema.Scale;

/** Cuts a section into square tiles and blocks (docs/method.md "Geometry"), and assigns the spatial split. */
public final class Tiler {

    private Tiler() {
    }

    public static Tiling tile(double[] x, double[] y, TilingParameters p) {
        int n = x.length;
        double side = p.tileSizeUm();
        if (n == 0) {
            return new Tiling(new TileSpec[0], new int[0], new int[0], new int[0]);
        }
        double ox = Double.POSITIVE_INFINITY;
        double oy = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            ox = Math.min(ox, x[i]);
            oy = Math.min(oy, y[i]);
        }
        // grid anchored at whole micrometres below the section's lowest cell
        ox = Math.floor(ox);
        oy = Math.floor(oy);
        long[] key = new long[n];
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long col = (long) Math.floor((x[i] - ox) / side);
            long row = (long) Math.floor((y[i] - oy) / side);
            key[i] = (row << 32) | col;
            counts.merge(key[i], 1, Integer::sum);
        }
        long[] kept = counts.entrySet().stream().filter(e -> e.getValue() >= p.minCells())
                .mapToLong(Map.Entry::getKey).sorted().toArray();
        Map<Long, Integer> index = new HashMap<>(kept.length * 2);
        for (int t = 0; t < kept.length; t++) {
            index.put(kept[t], t);
        }
        int[] rows = new int[kept.length];
        int[] cols = new int[kept.length];
        for (int t = 0; t < kept.length; t++) {
            rows[t] = (int) (kept[t] >> 32);
            cols[t] = (int) (kept[t] & 0xFFFFFFFFL);
        }
        Split[] splits = SpatialSplit.assign(rows, cols, p);
        TileSpec[] tiles = new TileSpec[kept.length];
        for (int t = 0; t < kept.length; t++) {
            tiles[t] = new TileSpec(t, rows[t], cols[t], ox + cols[t] * side, oy + rows[t] * side, side,
                    counts.get(kept[t]), splits[t]);
        }
        int[] cellTile = new int[n];
        int[] micro = new int[n];
        int[] meso = new int[n];
        for (int i = 0; i < n; i++) {
            Integer t = index.get(key[i]);
            if (t == null) {
                cellTile[i] = -1;
                micro[i] = -1;
                meso[i] = -1;
            } else {
                cellTile[i] = t;
                TileSpec s = tiles[t];
                micro[i] = Scale.MICRO.blockOf(x[i], y[i], s.x0(), s.y0(), side);
                meso[i] = Scale.MESO.blockOf(x[i], y[i], s.x0(), s.y0(), side);
            }
        }
        return new Tiling(tiles, cellTile, micro, meso);
    }
}
