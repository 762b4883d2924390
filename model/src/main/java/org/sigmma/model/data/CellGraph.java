package org.sigmma.model.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cell graphs of one tile that do not depend on learned weights: the micro graph (NEAR edges
 * whose two ends share a micro block) and the candidate sets of the two stochastic edge-addition
 * steps (docs/method.md "ST encoder").
 *
 * <p>Candidates of cell u at the meso step are the cells v != u of u's meso block that are not
 * already u's micro neighbours; at the macro step the same over the whole tile. Each set is cut
 * to the {@code k} nearest (ties by index); {@code k <= 0} keeps every pair of the block. Lists are
 * directed: v in u's list means u may receive a message from v.
 *
 * @param nCells cells of the tile
 * @param microSource directed micro edges (both directions of each NEAR edge inside a micro block)
 * @param microTarget the receiving ends
 * @param meso meso candidates per cell, nearest first
 * @param macro macro candidates per cell, nearest first
 * @param macroInMeso for each macro candidate entry (flat, CSR order of {@code macro}), the
 *     position of the same pair in u's meso list, or -1
 * @param mesoInMacro for each meso candidate entry, whether the same pair is a macro candidate
 * @param mesoDistance micrometres between the two cells of each meso candidate entry
 * @param macroDistance the same for each macro candidate entry
 */
public record CellGraph(int nCells, int[] microSource, int[] microTarget, Csr meso, Csr macro,
        int[] macroInMeso, boolean[] mesoInMacro, float[] mesoDistance, float[] macroDistance) {

    /**
     * Compressed rows: the targets of row u are {@code targets[offsets[u] .. offsets[u+1])}.
     *
     * @param offsets row starts, length rows + 1
     * @param targets column indices
     */
    public record Csr(int[] offsets, int[] targets) {
        public int rowLength(int u) {
            return offsets[u + 1] - offsets[u];
        }

        public int maxRowLength() {
            int m = 0;
            for (int u = 0; u + 1 < offsets.length; u++) {
                m = Math.max(m, rowLength(u));
            }
            return m;
        }
    }

    /**
     * Builds the graphs of a tile.
     *
     * @param t the tile
     * @param k candidates kept per cell and step; {@code <= 0} for all pairs of the block
     */
    public static CellGraph build(TileSample t, int k) {
        int n = t.nCells();
        boolean[] micro = new boolean[n * n];
        List<int[]> directed = new ArrayList<>();
        for (int e = 0; e < t.edgeSource().length; e++) {
            int a = t.edgeSource()[e];
            int b = t.edgeTarget()[e];
            if (a == b || t.microBlock()[a] != t.microBlock()[b] || micro[a * n + b]) {
                continue;
            }
            micro[a * n + b] = true;
            micro[b * n + a] = true;
            directed.add(new int[] {a, b});
            directed.add(new int[] {b, a});
        }
        int[] src = new int[directed.size()];
        int[] dst = new int[directed.size()];
        for (int i = 0; i < src.length; i++) {
            src[i] = directed.get(i)[0];
            dst[i] = directed.get(i)[1];
        }
        int[] sameTile = new int[n];
        Csr meso = candidates(t, t.mesoBlock(), micro, k);
        Csr macro = candidates(t, sameTile, micro, k);
        int[] macroInMeso = new int[macro.targets().length];
        boolean[] mesoInMacro = new boolean[meso.targets().length];
        for (int u = 0; u < n; u++) {
            for (int a = macro.offsets()[u]; a < macro.offsets()[u + 1]; a++) {
                macroInMeso[a] = -1;
                for (int b = meso.offsets()[u]; b < meso.offsets()[u + 1]; b++) {
                    if (meso.targets()[b] == macro.targets()[a]) {
                        macroInMeso[a] = b - meso.offsets()[u];
                        mesoInMacro[b] = true;
                        break;
                    }
                }
            }
        }
        return new CellGraph(n, src, dst, meso, macro, macroInMeso, mesoInMacro, distances(meso, t),
                distances(macro, t));
    }

    private static float[] distances(Csr c, TileSample t) {
        float[] d = new float[c.targets().length];
        for (int u = 0; u + 1 < c.offsets().length; u++) {
            for (int e = c.offsets()[u]; e < c.offsets()[u + 1]; e++) {
                int v = c.targets()[e];
                d[e] = (float) Math.hypot(t.cellX()[v] - t.cellX()[u], t.cellY()[v] - t.cellY()[u]);
            }
        }
        return d;
    }

    private static Csr candidates(TileSample t, int[] block, boolean[] micro, int k) {
        int n = t.nCells();
        int[] offsets = new int[n + 1];
        List<Integer> targets = new ArrayList<>();
        Integer[] order = new Integer[n];
        double[] d2 = new double[n];
        for (int u = 0; u < n; u++) {
            int count = 0;
            for (int v = 0; v < n; v++) {
                if (v != u && block[v] == block[u] && !micro[u * n + v]) {
                    double dx = t.cellX()[v] - t.cellX()[u];
                    double dy = t.cellY()[v] - t.cellY()[u];
                    d2[v] = dx * dx + dy * dy;
                    order[count++] = v;
                }
            }
            Integer[] cand = Arrays.copyOf(order, count);
            Arrays.sort(cand, (a, b) -> {
                int c = Double.compare(d2[a], d2[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            int keep = k <= 0 ? count : Math.min(k, count);
            for (int i = 0; i < keep; i++) {
                targets.add(cand[i]);
            }
            offsets[u + 1] = targets.size();
        }
        return new Csr(offsets, targets.stream().mapToInt(Integer::intValue).toArray());
    }
}
