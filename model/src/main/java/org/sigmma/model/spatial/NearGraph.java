package org.sigmma.model.spatial;

import java.util.Arrays;
import java.util.Objects;

/**
 * An undirected cell graph (the NEAR edges of a section) in compressed sparse rows: the neighbours of cell {@code i}
 * are {@code neighbours[offsets[i] .. offsets[i+1])}, ascending, and every edge appears in both of its rows. The same
 * layout as ingest's {@code NeighbourAdjacency}, without the distances, so that model code need not depend on ingest.
 */
public record NearGraph(int[] offsets, int[] neighbours) {

    public NearGraph {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(neighbours, "neighbours");
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != neighbours.length) {
            throw new IllegalArgumentException("offsets (" + offsets.length + " entries, last "
                    + (offsets.length == 0 ? "none" : offsets[offsets.length - 1]) + ") do not describe "
                    + neighbours.length + " neighbour entries");
        }
        int n = offsets.length - 1;
        for (int i = 0; i < n; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("offsets must be non-decreasing (row " + i + ")");
            }
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int j = neighbours[e];
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException("neighbour " + j + " of cell " + i + " is outside 0.." + (n - 1));
                }
                if (j == i) {
                    throw new IllegalArgumentException("cell " + i + " is its own neighbour (self loops are not NEAR edges)");
                }
                if (e > offsets[i] && neighbours[e - 1] >= j) {
                    throw new IllegalArgumentException("the neighbours of cell " + i + " must be ascending and distinct");
                }
            }
        }
        // undirected: every entry i -> j has its twin j -> i (rows are sorted, so a binary search finds it)
        for (int i = 0; i < n; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int j = neighbours[e];
                if (Arrays.binarySearch(neighbours, offsets[j], offsets[j + 1], i) < 0) {
                    throw new IllegalArgumentException("the graph is not undirected: " + i + " -> " + j
                            + " has no twin " + j + " -> " + i);
                }
            }
        }
    }

    /**
     * The graph of n cells with the given undirected edges (each edge once, in either direction; duplicates, in
     * either direction, are merged). Self loops are rejected.
     */
    public static NearGraph fromEdges(int nCells, int[] source, int[] target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (nCells < 0) {
            throw new IllegalArgumentException("nCells must be >= 0, not " + nCells);
        }
        if (source.length != target.length) {
            throw new IllegalArgumentException("source (" + source.length + ") and target (" + target.length
                    + ") must have one entry per edge");
        }
        int[] offsets = new int[nCells + 1];
        for (int e = 0; e < source.length; e++) {
            int s = source[e], t = target[e];
            if (s < 0 || s >= nCells || t < 0 || t >= nCells) {
                throw new IllegalArgumentException("edge " + e + " (" + s + ", " + t + ") has an end outside 0.." + (nCells - 1));
            }
            if (s == t) {
                throw new IllegalArgumentException("edge " + e + " is a self loop on cell " + s);
            }
            offsets[s + 1]++;
            offsets[t + 1]++;
        }
        for (int i = 0; i < nCells; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] cursor = Arrays.copyOf(offsets, nCells);
        int[] nb = new int[offsets[nCells]];
        for (int e = 0; e < source.length; e++) {
            nb[cursor[source[e]]++] = target[e];
            nb[cursor[target[e]]++] = source[e];
        }
        // sort each row and drop duplicates, compacting in place
        int[] compact = new int[nCells + 1];
        int w = 0;
        for (int i = 0; i < nCells; i++) {
            int from = offsets[i], to = offsets[i + 1];
            Arrays.sort(nb, from, to);
            int rowStart = w;
            for (int e = from; e < to; e++) {
                if (w == rowStart || nb[w - 1] != nb[e]) {
                    nb[w++] = nb[e];
                }
            }
            compact[i + 1] = w;
        }
        return new NearGraph(compact, w == nb.length ? nb : Arrays.copyOf(nb, w));
    }

    public int nCells() {
        return offsets.length - 1;
    }

    public int degree(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Undirected edges (half the neighbour entries). */
    public long edgeCount() {
        return neighbours.length / 2;
    }

    /** Each undirected edge once, as {@code {sources, targets}} with source &lt; target, in row order. */
    public int[][] edges() {
        int m = neighbours.length / 2;
        int[] s = new int[m], t = new int[m];
        int w = 0;
        for (int i = 0; i < nCells(); i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                if (neighbours[e] > i) {
                    s[w] = i;
                    t[w++] = neighbours[e];
                }
            }
        }
        return new int[][] {s, t};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NearGraph g && Arrays.equals(offsets, g.offsets) && Arrays.equals(neighbours, g.neighbours);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offsets) + Arrays.hashCode(neighbours);
    }

    @Override
    public String toString() {
        return "NearGraph[nCells=" + nCells() + ", edges=" + edgeCount() + "]";
    }
}
