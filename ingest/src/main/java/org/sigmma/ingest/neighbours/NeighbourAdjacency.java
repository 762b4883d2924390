package org.sigmma.ingest.neighbours;

import java.util.Arrays;
import java.util.Objects;

/**
 * The undirected neighbour lists of a {@link NeighbourGraph} in compressed sparse rows: the neighbours of
 * point {@code i} are {@code neighbours[offsets[i] .. offsets[i+1])}, ascending, with the edge lengths
 * alongside in {@code distances}. Every edge appears in both of its rows.
 */
public record NeighbourAdjacency(int[] offsets, int[] neighbours, float[] distances) {

    public NeighbourAdjacency {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(neighbours, "neighbours");
        Objects.requireNonNull(distances, "distances");
        if (offsets.length == 0 || neighbours.length != distances.length
                || offsets[offsets.length - 1] != neighbours.length) {
            throw new IllegalArgumentException("offsets (" + offsets.length + "), neighbours ("
                    + neighbours.length + ") and distances (" + distances.length + ") disagree");
        }
    }

    /** Builds the rows of a graph (both directions of every edge). */
    public static NeighbourAdjacency of(NeighbourGraph g) {
        int n = g.nPoints();
        int[] source = g.source(), target = g.target();
        float[] distance = g.distance();
        int[] offsets = new int[n + 1];
        for (int e = 0; e < source.length; e++) {
            offsets[source[e] + 1]++;
            offsets[target[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] cursor = Arrays.copyOf(offsets, n);
        int[] nb = new int[2 * source.length];
        float[] d = new float[2 * source.length];
        // edges are sorted by (source, target): filling targets' rows first, in edge order, and sources'
        // rows second leaves each row ascending (smaller neighbours reach a row as its targets)
        for (int e = 0; e < source.length; e++) {
            int t = target[e];
            nb[cursor[t]] = source[e];
            d[cursor[t]++] = distance[e];
        }
        for (int e = 0; e < source.length; e++) {
            int s = source[e];
            nb[cursor[s]] = target[e];
            d[cursor[s]++] = distance[e];
        }
        return new NeighbourAdjacency(offsets, nb, d);
    }

    public int nPoints() {
        return offsets.length - 1;
    }

    public int degree(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** The neighbours of point i, ascending (a copy). */
    public int[] neighbours(int i) {
        return Arrays.copyOfRange(neighbours, offsets[i], offsets[i + 1]);
    }

    /** The edge lengths to {@link #neighbours(int)}, aligned (a copy). */
    public float[] distances(int i) {
        return Arrays.copyOfRange(distances, offsets[i], offsets[i + 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeighbourAdjacency a && Arrays.equals(offsets, a.offsets)
                && Arrays.equals(neighbours, a.neighbours) && Arrays.equals(distances, a.distances);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(offsets) + Arrays.hashCode(neighbours)) + Arrays.hashCode(distances);
    }

    @Override
    public String toString() {
        return "NeighbourAdjacency[nPoints=" + nPoints() + ", entries=" + neighbours.length + "]";
    }
}
