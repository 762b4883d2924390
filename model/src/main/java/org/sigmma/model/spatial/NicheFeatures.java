package org.sigmma.model.spatial;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Niche features (CellCharter's {@code aggregate_neighbors} with the {@code mean} aggregation): for each cell, its own
 * d features followed by, for each hop layer l = 1..L, the mean of the features of the cells at exactly l hops from
 * it in the NEAR graph (shortest-path distance l; the cell itself and nearer layers are excluded). A layer with no
 * cell (an isolated cell, or a small component) averages to zeros, as CellCharter's {@code 1 / deg} with
 * {@code inf -> 0} gives. Output: n x d(L+1) floats, row-major, blocks in the order cell | 1-hop | ... | L-hop.
 *
 * <p>Reference: CSOgroup/cellcharter {@code src/cellcharter/gr/_aggr.py}, {@code _aggregate_neighbors}: the 1-hop
 * matrix is the boolean adjacency without its diagonal, each next layer is {@code (hop @ adj) > visited} with visited
 * starting as adjacency plus identity, and every layer is row-normalised (unweighted mean). That is breadth-first
 * search layers, which is what this class computes, one bounded BFS per cell; CellCharter's sparse products compute
 * the same sets. (CellCharter advances the hop only at requested layers, so a non-contiguous list such as
 * {@code [0, 1, 3]} gives the 2-hop layer in its third block; we take contiguous layers 1..L only.)
 *
 * <p>Cost: per cell, the BFS ball out to L hops (about 3 L^2 cells on a planar graph of mean degree 6) times d
 * additions; no n x n structure, per-thread scratch of n ints plus the frontier. Threads split the cells; every
 * cell's row is computed by one thread in a fixed order, so the result does not depend on the thread count.
 */
public final class NicheFeatures {

    private static final int CHUNK = 2048;

    private final NearGraph graph;
    private final float[] features;
    private final int dim;
    private final NicheParameters p;

    private NicheFeatures(NearGraph graph, float[] features, int dim, NicheParameters p) {
        this.graph = graph;
        this.features = features;
        this.dim = dim;
        this.p = p;
    }

    /**
     * @param features n x dim floats, row-major, n = graph.nCells()
     */
    public static NicheFeatures of(NearGraph graph, float[] features, int dim, NicheParameters p) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(p, "parameters");
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, not " + dim);
        }
        long n = graph.nCells();
        if ((long) features.length != n * dim) {
            throw new IllegalArgumentException("features has " + features.length + " values but the graph has " + n
                    + " cells x dim " + dim + " = " + n * dim);
        }
        if (n * dim * (p.hops() + 1L) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the output (" + n + " cells x " + dim * (p.hops() + 1L)
                    + " features) does not fit one Java array");
        }
        return new NicheFeatures(graph, features, dim, p);
    }

    public Result compute() {
        int n = graph.nCells();
        int hops = p.hops();
        int outDim = dim * (hops + 1);
        float[] out = new float[n * outDim];
        int nChunks = (n + CHUNK - 1) / CHUNK;
        List<long[]> empties = Parallel.run(p.concurrency(), nChunks, chunks -> {
            long[] empty = new long[hops + 1];
            Scratch s = new Scratch(n, dim);
            for (int c = chunks.next(); c >= 0; c = chunks.next()) {
                int to = Math.min(n, (c + 1) * CHUNK);
                for (int i = c * CHUNK; i < to; i++) {
                    cell(i, out, outDim, s, empty);
                }
            }
            return empty;
        });
        long[] emptyLayers = new long[hops + 1];
        for (long[] e : empties) {
            for (int l = 1; l <= hops; l++) {
                emptyLayers[l] += e[l];
            }
        }
        return new Result(n, dim, hops, out, Arrays.copyOfRange(emptyLayers, 1, hops + 1));
    }

    private static final class Scratch {
        final int[] mark;
        int stamp;
        int[] cur = new int[64];
        int[] next = new int[64];
        final double[] acc;

        Scratch(int n, int dim) {
            mark = new int[n];
            acc = new double[dim];
        }
    }

    private void cell(int i, float[] out, int outDim, Scratch s, long[] empty) {
        int[] offsets = graph.offsets(), nb = graph.neighbours();
        int base = i * outDim;
        System.arraycopy(features, i * dim, out, base, dim);
        int stamp = ++s.stamp; // a fresh mark per cell: no clearing of the n-sized array
        s.mark[i] = stamp;
        s.cur[0] = i;
        int curSize = 1;
        for (int l = 1; l <= p.hops(); l++) {
            int nextSize = 0;
            for (int q = 0; q < curSize; q++) {
                int u = s.cur[q];
                for (int e = offsets[u]; e < offsets[u + 1]; e++) {
                    int v = nb[e];
                    if (s.mark[v] != stamp) {
                        s.mark[v] = stamp;
                        if (nextSize == s.next.length) {
                            s.next = Arrays.copyOf(s.next, 2 * nextSize);
                        }
                        s.next[nextSize++] = v;
                    }
                }
            }
            if (nextSize == 0) {
                // no cell at this distance, hence none further: the remaining blocks stay zero
                for (int m = l; m <= p.hops(); m++) {
                    empty[m]++;
                }
                return;
            }
            double[] acc = s.acc;
            Arrays.fill(acc, 0);
            for (int q = 0; q < nextSize; q++) {
                int row = s.next[q] * dim;
                for (int f = 0; f < dim; f++) {
                    acc[f] += features[row + f];
                }
            }
            int o = base + l * dim;
            double inv = 1.0 / nextSize;
            for (int f = 0; f < dim; f++) {
                out[o + f] = (float) (acc[f] * inv);
            }
            int[] t = s.cur;
            s.cur = s.next;
            s.next = t;
            curSize = nextSize;
            if (s.next.length < s.cur.length) {
                s.next = new int[s.cur.length];
            }
        }
    }

    /**
     * Niche features.
     *
     * @param nCells      cells
     * @param inputDim    features per cell in the input (d)
     * @param hops        hop layers (L)
     * @param values      n x d(L+1), row-major: cell | 1-hop mean | ... | L-hop mean
     * @param emptyLayers per layer 1..L, how many cells had no cell at that distance (their block is zeros)
     */
    public record Result(int nCells, int inputDim, int hops, float[] values, long[] emptyLayers) {

        public int outputDim() {
            return inputDim * (hops + 1);
        }

        /** Feature f of hop layer l (0 = the cell itself) of cell i. */
        public float value(int i, int layer, int f) {
            return values[i * outputDim() + layer * inputDim + f];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && nCells == r.nCells && inputDim == r.inputDim && hops == r.hops
                    && Arrays.equals(values, r.values) && Arrays.equals(emptyLayers, r.emptyLayers);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + Arrays.hashCode(emptyLayers);
        }

        @Override
        public String toString() {
            return "NicheFeatures.Result[nCells=" + nCells + ", dim=" + inputDim + " x " + (hops + 1) + "]";
        }
    }
}
