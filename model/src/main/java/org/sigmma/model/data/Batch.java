package org.sigmma.model.data;

/**
 * A batch of tiles on the host, padded to one {@link BatchShape}. Padded cells and slots carry
 * mask 0; padded candidate slots point at the cell itself so that every index stays valid.
 * Candidate indices are flat over the batch ({@code b * N + v}) for a row gather.
 *
 * @param shape padded sizes
 * @param tileIds the tiles, in batch order
 * @param nCells real cells per tile
 * @param features {@code [B, N, F]}
 * @param mask {@code [B, N]}, 1 for real cells
 * @param adjacency {@code [B, N, N]} micro graph, 1 where v sends to u at {@code [b, u, v]}
 * @param mesoIndex {@code [B, N, Km]} flat candidate index
 * @param mesoMask {@code [B, N, Km]}
 * @param mesoOnly {@code [B, N, Km]}: a meso candidate that is not also a macro candidate
 * @param macroIndex {@code [B, N, Kx]}
 * @param macroMask {@code [B, N, Kx]}
 * @param macroMesoSlot {@code [B, N, Kx]} the pair's slot in the meso list (0 when absent)
 * @param macroInMeso {@code [B, N, Kx]} 1 when the pair is also a meso candidate
 * @param mesoDistance {@code [B, N, Km]} micrometres between the pair of each meso slot (0 when empty)
 * @param macroDistance {@code [B, N, Kx]} the same for the macro slots
 * @param crops {@code [B, 21, 3, S, S]} uint8, or null
 * @param cropFeatures {@code [B, 21, Dc]}, or null
 */
public record Batch(BatchShape shape, String[] tileIds, int[] nCells, float[] features,
        float[] mask, float[] adjacency, long[] mesoIndex, float[] mesoMask, float[] mesoOnly,
        long[] macroIndex, float[] macroMask, long[] macroMesoSlot, float[] macroInMeso,
        float[] mesoDistance, float[] macroDistance, byte[] crops, float[] cropFeatures) {

    public int size() {
        return tileIds.length;
    }

    /** Pads prepared tiles into one batch. */
    public static Batch assemble(BatchShape s, PreparedTile[] tiles) {
        int b = tiles.length;
        int n = s.cells();
        int f = s.featureDim();
        int km = s.mesoSlots();
        int kx = s.macroSlots();
        String[] ids = new String[b];
        int[] counts = new int[b];
        float[] feats = new float[b * n * f];
        float[] mask = new float[b * n];
        float[] adj = new float[b * n * n];
        long[] mIdx = new long[b * n * km];
        float[] mMask = new float[b * n * km];
        float[] mOnly = new float[b * n * km];
        long[] xIdx = new long[b * n * kx];
        float[] xMask = new float[b * n * kx];
        long[] xSlot = new long[b * n * kx];
        float[] xIn = new float[b * n * kx];
        float[] mDist = new float[b * n * km];
        float[] xDist = new float[b * n * kx];
        byte[] crops = s.precomputed() ? null : new byte[b * TileSample.CROPS * 3 * s.cropSize()
                * s.cropSize()];
        float[] cf = s.precomputed() ? new float[b * TileSample.CROPS * s.cropFeatureDim()]
                : null;
        for (int i = 0; i < b; i++) {
            PreparedTile t = tiles[i];
            int c = t.nCells();
            if (c > n) {
                throw new IllegalArgumentException("tile " + t.tileId() + " has " + c
                        + " cells, more than the padding size " + n);
            }
            if (t.features().length != c * f) {
                throw new IllegalArgumentException("tile " + t.tileId() + " has feature width "
                        + t.features().length / c + ", the dataset has " + f);
            }
            ids[i] = t.tileId();
            counts[i] = c;
            System.arraycopy(t.features(), 0, feats, i * n * f, c * f);
            for (int u = 0; u < c; u++) {
                mask[i * n + u] = 1f;
            }
            CellGraph g = t.graph();
            for (int e = 0; e < g.microSource().length; e++) {
                adj[(i * n + g.microTarget()[e]) * n + g.microSource()[e]] = 1f;
            }
            long base = (long) i * n;
            for (int u = 0; u < n; u++) {
                int row = i * n + u;
                for (int slot = 0; slot < km; slot++) {
                    mIdx[row * km + slot] = base + u;
                }
                for (int slot = 0; slot < kx; slot++) {
                    xIdx[row * kx + slot] = base + u;
                }
                if (u >= c) {
                    continue;
                }
                CellGraph.Csr meso = g.meso();
                int len = meso.rowLength(u);
                requireSlots(t, "meso", len, km);
                for (int slot = 0; slot < len; slot++) {
                    int e = meso.offsets()[u] + slot;
                    mIdx[row * km + slot] = base + meso.targets()[e];
                    mMask[row * km + slot] = 1f;
                    mOnly[row * km + slot] = g.mesoInMacro()[e] ? 0f : 1f;
                    mDist[row * km + slot] = g.mesoDistance()[e];
                }
                CellGraph.Csr macro = g.macro();
                len = macro.rowLength(u);
                requireSlots(t, "macro", len, kx);
                for (int slot = 0; slot < len; slot++) {
                    int e = macro.offsets()[u] + slot;
                    xIdx[row * kx + slot] = base + macro.targets()[e];
                    xMask[row * kx + slot] = 1f;
                    xDist[row * kx + slot] = g.macroDistance()[e];
                    int inMeso = g.macroInMeso()[e];
                    if (inMeso >= 0) {
                        xSlot[row * kx + slot] = inMeso;
                        xIn[row * kx + slot] = 1f;
                    }
                }
            }
            if (crops != null) {
                if (t.crops() == null) {
                    throw new IllegalArgumentException("tile " + t.tileId() + " has no H&E crops");
                }
                System.arraycopy(t.crops(), 0, crops, i * t.crops().length, t.crops().length);
            } else {
                if (t.cropFeatures() == null) {
                    throw new IllegalArgumentException("tile " + t.tileId()
                            + " has no precomputed crop features");
                }
                System.arraycopy(t.cropFeatures(), 0, cf, i * t.cropFeatures().length,
                        t.cropFeatures().length);
            }
        }
        return new Batch(s, ids, counts, feats, mask, adj, mIdx, mMask, mOnly, xIdx, xMask, xSlot,
                xIn, mDist, xDist, crops, cf);
    }

    private static void requireSlots(PreparedTile t, String step, int len, int slots) {
        if (len > slots) {
            throw new IllegalArgumentException("tile " + t.tileId() + " has a cell with " + len
                    + " " + step + " candidates, more than the " + slots + " slots");
        }
    }
}
