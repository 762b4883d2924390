package org.sigmma.ingest.neighbours;

import java.util.Arrays;
import java.util.Objects;

/**
 * An undirected spatial-neighbour graph over points {@code 0 .. nPoints-1}: edge {@code e} joins
 * {@code source[e] < target[e]} at Euclidean distance {@code distance[e]} (micrometres for cell centroids).
 * Each pair appears once and edges are sorted by (source, target), so equal graphs have equal arrays.
 *
 * <p>Built by {@link NeighbourGraphBuilder}.
 */
public record NeighbourGraph(int nPoints, int[] source, int[] target, float[] distance) {

    public NeighbourGraph {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(distance, "distance");
        if (nPoints < 0) {
            throw new IllegalArgumentException("nPoints is " + nPoints);
        }
        if (source.length != target.length || source.length != distance.length) {
            throw new IllegalArgumentException("source (" + source.length + "), target (" + target.length
                    + ") and distance (" + distance.length + ") differ in length");
        }
        for (int e = 0; e < source.length; e++) {
            int s = source[e], t = target[e];
            if (s < 0 || t >= nPoints || s >= t) {
                throw new IllegalArgumentException("edge " + e + " (" + s + ", " + t
                        + ") is not 0 <= source < target < nPoints = " + nPoints);
            }
            if (e > 0 && (source[e - 1] > s || (source[e - 1] == s && target[e - 1] >= t))) {
                throw new IllegalArgumentException("edge " + e + " (" + s + ", " + t
                        + ") is out of (source, target) order or repeated");
            }
        }
    }

    /** A graph on n points with no edges. */
    public static NeighbourGraph empty(int nPoints) {
        return new NeighbourGraph(nPoints, new int[0], new int[0], new float[0]);
    }

    public int edgeCount() {
        return source.length;
    }

    /** 2E / n, 0 for no points. */
    public double meanDegree() {
        return nPoints == 0 ? 0 : 2.0 * source.length / nPoints;
    }

    /** The number of edges at each point. */
    public int[] degrees() {
        int[] d = new int[nPoints];
        for (int e = 0; e < source.length; e++) {
            d[source[e]]++;
            d[target[e]]++;
        }
        return d;
    }

    /** Neighbour lists per point (CSR); built on each call, so keep the result. */
    public NeighbourAdjacency adjacency() {
        return NeighbourAdjacency.of(this);
    }

    /** The edges no longer than maxDistance. */
    public NeighbourGraph pruned(double maxDistance) {
        int m = 0;
        for (float d : distance) {
            if (d <= maxDistance) {
                m++;
            }
        }
        int[] s = new int[m], t = new int[m];
        float[] d = new float[m];
        int j = 0;
        for (int e = 0; e < source.length; e++) {
            if (distance[e] <= maxDistance) {
                s[j] = source[e];
                t[j] = target[e];
                d[j++] = distance[e];
            }
        }
        return new NeighbourGraph(nPoints, s, t, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeighbourGraph g && nPoints == g.nPoints && Arrays.equals(source, g.source)
                && Arrays.equals(target, g.target) && Arrays.equals(distance, g.distance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nPoints, Arrays.hashCode(source), Arrays.hashCode(target), Arrays.hashCode(distance));
    }

    @Override
    public String toString() {
        return "NeighbourGraph[nPoints=" + nPoints + ", edges=" + source.length
                + String.format(", meanDegree=%.3f]", meanDegree());
    }
}
