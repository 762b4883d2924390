package org.sigmma.ingest.tiling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Train / validation / test by contiguous regions of the section, so that a test tile's neighbours
 * were mostly not trained on. The tile grid is cut into square regions of {@code s x s} tiles, with
 * {@code s} chosen so that there are about {@code splitRegions} regions of kept tiles. The regions are
 * shuffled with the seed; test, then validation, take regions in that order while a region brings
 * their tile count closer to its target; the rest is training. With at least 3 tiles, every split
 * with a non-zero fraction gets at least one tile (carved out of a training region if need be).
 */
public final class SpatialSplit {

    private SpatialSplit() {
    }

    /** Side, in tiles, of the square regions for this many kept tiles. */
    public static int regionSide(int nTiles, int splitRegions) {
        return Math.max(1, (int) Math.round(Math.sqrt((double) nTiles / splitRegions)));
    }

    /**
     * The split of each tile given by its grid row and column.
     *
     * @param rows grid rows of the kept tiles
     * @param cols grid columns of the kept tiles, aligned with {@code rows}
     */
    public static Split[] assign(int[] rows, int[] cols, TilingParameters p) {
        if (rows.length != cols.length) {
            throw new IllegalArgumentException("rows (" + rows.length + ") and cols (" + cols.length + ") differ in length");
        }
        int n = rows.length;
        Split[] split = new Split[n];
        java.util.Arrays.fill(split, Split.TRAIN);
        if (n == 0) {
            return split;
        }
        int side = regionSide(n, p.splitRegions());
        // regions in a fixed (grid) order before the seeded shuffle, so the result depends on the seed only
        TreeMap<Long, List<Integer>> byRegion = new TreeMap<>();
        for (int t = 0; t < n; t++) {
            long key = ((long) Math.floorDiv(rows[t], side) << 32) ^ (Math.floorDiv(cols[t], side) & 0xffffffffL);
            byRegion.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<List<Integer>> regions = new ArrayList<>(byRegion.values());
        Collections.shuffle(regions, new Random(p.seed()));

        int[] target = new int[Split.values().length];
        target[Split.TEST.ordinal()] = (int) Math.round(p.testFraction() * n);
        target[Split.VAL.ordinal()] = (int) Math.round(p.valFraction() * n);
        if (n >= 3) {
            if (p.testFraction() > 0) {
                target[Split.TEST.ordinal()] = Math.max(1, target[Split.TEST.ordinal()]);
            }
            if (p.valFraction() > 0) {
                target[Split.VAL.ordinal()] = Math.max(1, target[Split.VAL.ordinal()]);
            }
        }
        int[] count = new int[Split.values().length];
        boolean[] taken = new boolean[regions.size()];
        for (Split s : new Split[] {Split.TEST, Split.VAL}) {
            int want = target[s.ordinal()];
            for (int r = 0; r < regions.size() && count[s.ordinal()] < want; r++) {
                int size = regions.get(r).size();
                int have = count[s.ordinal()];
                // take the region if overshooting with it is no worse than stopping short without it
                if (!taken[r] && have + size - want <= want - have) {
                    taken[r] = true;
                    count[s.ordinal()] += size;
                    for (int t : regions.get(r)) {
                        split[t] = s;
                    }
                }
            }
        }
        if (n >= 3) {
            for (Split s : new Split[] {Split.TEST, Split.VAL}) {
                if (target[s.ordinal()] > 0 && count[s.ordinal()] == 0) {
                    count[s.ordinal()] += carve(regions, taken, split, s, target[s.ordinal()]);
                }
            }
            if (p.trainFraction() > 0 && count[Split.TEST.ordinal()] + count[Split.VAL.ordinal()] == n) {
                // every region went to test or validation: give one tile back to training
                Split larger = count[Split.TEST.ordinal()] >= count[Split.VAL.ordinal()] ? Split.TEST : Split.VAL;
                for (int t = 0; t < n; t++) {
                    if (split[t] == larger) {
                        split[t] = Split.TRAIN;
                        break;
                    }
                }
            }
        }
        return split;
    }

    /**
     * All regions were too large for a split: take up to {@code want} training tiles (leaving at least
     * one) from the first region with two or more of them, in grid order, so they stay together.
     */
    private static int carve(List<List<Integer>> regions, boolean[] taken, Split[] split, Split s, int want) {
        for (int r = 0; r < regions.size(); r++) {
            if (taken[r]) {
                continue;
            }
            List<Integer> train = new ArrayList<>();
            for (int t : regions.get(r)) {
                if (split[t] == Split.TRAIN) {
                    train.add(t);
                }
            }
            if (train.size() < 2) {
                continue;
            }
            int m = Math.min(want, train.size() - 1);
            Collections.sort(train); // tile indices are in row-major grid order
            for (int i = 0; i < m; i++) {
                split[train.get(i)] = s;
            }
            return m;
        }
        return 0;
    }
}
