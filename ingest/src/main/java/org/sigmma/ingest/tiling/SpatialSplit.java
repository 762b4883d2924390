package org.sigmma.ingest.tiling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Train / val / test by contiguous regions (docs/method.md): the tile grid is cut into regions of r x r tiles, and whole
 * regions go to a split in a seeded random order until each split's share of tiles is reached, so a test tile's
 * neighbours were mostly not trained on.
 */
public final class SpatialSplit {

    private SpatialSplit() {
    }

    public static Split[] assign(int[] rows, int[] cols, TilingParameters p) {
        int n = rows.length;
        Split[] out = new Split[n];
        if (n == 0) {
            return out;
        }
        int r = p.regionTiles();
        Map<Long, List<Integer>> regions = new TreeMap<>();
        for (int t = 0; t < n; t++) {
            long key = ((long) Math.floorDiv(rows[t], r) << 32) | (Math.floorDiv(cols[t], r) & 0xFFFFFFFFL);
            regions.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<List<Integer>> order = new ArrayList<>(regions.values());
        Collections.shuffle(order, new Random(p.seed()));
        double valTarget = p.valFraction() * n;
        double testTarget = (1 - p.trainFraction() - p.valFraction()) * n;
        int val = 0;
        int test = 0;
        for (List<Integer> region : order) {
            Split s;
            if (test < testTarget) {
                s = Split.TEST;
                test += region.size();
            } else if (val < valTarget) {
                s = Split.VAL;
                val += region.size();
            } else {
                s = Split.TRAIN;
            }
            for (int t : region) {
                out[t] = s;
            }
        }
        if (n >= 3) {
            for (Split wanted : new Split[] {Split.TEST, Split.VAL, Split.TRAIN}) {
                ensure(out, wanted);
            }
        }
        return out;
    }

    /** When too few tiles exist for whole regions, move one tile from the largest split to an empty one. */
    private static void ensure(Split[] out, Split wanted) {
        int[] count = new int[Split.values().length];
        for (Split s : out) {
            count[s.ordinal()]++;
        }
        if (count[wanted.ordinal()] > 0) {
            return;
        }
        Split largest = Split.TRAIN;
        for (Split s : Split.values()) {
            if (count[s.ordinal()] > count[largest.ordinal()]) {
                largest = s;
            }
        }
        for (int t = out.length - 1; t >= 0; t--) {
            if (out[t] == largest) {
                out[t] = wanted;
                return;
            }
        }
    }
}
