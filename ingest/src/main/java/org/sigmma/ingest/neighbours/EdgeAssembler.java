package org.sigmma.ingest.neighbours;

import java.util.Arrays;

/**
 * Turns unordered point pairs (repeats and either orientation allowed) into a {@link NeighbourGraph}: each
 * pair once as (min, max), sorted, with its Euclidean length, dropping pairs longer than a maximum. A
 * counting sort by source then a small sort per row keeps it linear in practice.
 */
final class EdgeAssembler {

    private EdgeAssembler() {
    }

    static NeighbourGraph assemble(int nPoints, int[] a, int[] b, int m, double[] x, double[] y,
                                   double maxEdgeLength) {
        return assemble(nPoints, a, 0, b, m, x, y, maxEdgeLength);
    }

    /** Rows of a neighbour table: point i's neighbours are {@code nb[i*k .. i*k + k)}. */
    static NeighbourGraph assembleRows(int nPoints, int[] nb, int k, double[] x, double[] y,
                                       double maxEdgeLength) {
        return assemble(nPoints, null, k, nb, nb.length, x, y, maxEdgeLength);
    }

    /** Pair j is (a[j], b[j]), or (j / rowLength, b[j]) when a is null. */
    private static NeighbourGraph assemble(int nPoints, int[] a, int rowLength, int[] b, int m,
                                           double[] x, double[] y, double maxEdgeLength) {
        int[] offsets = new int[nPoints + 1];
        for (int j = 0; j < m; j++) {
            int aj = a == null ? j / rowLength : a[j];
            int s = Math.min(aj, b[j]);
            if (s == Math.max(aj, b[j])) {
                throw new IllegalStateException("self pair at point " + s);
            }
            offsets[s + 1]++;
        }
        for (int i = 0; i < nPoints; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] cursor = Arrays.copyOf(offsets, nPoints);
        int[] cols = new int[m];
        for (int j = 0; j < m; j++) {
            int aj = a == null ? j / rowLength : a[j];
            cols[cursor[Math.min(aj, b[j])]++] = Math.max(aj, b[j]);
        }
        // sort each row, then keep its distinct targets within the limit in place, so that the
        // edge arrays are allocated once at their final size (fresh memory is costly to touch)
        boolean unlimited = maxEdgeLength == Double.POSITIVE_INFINITY;
        int e = 0;
        for (int s = 0; s < nPoints; s++) {
            int from = offsets[s], to = offsets[s + 1];
            if (to - from > 32) {
                Arrays.sort(cols, from, to);
            } else {
                for (int i = from + 1; i < to; i++) {
                    int v = cols[i];
                    int j = i - 1;
                    while (j >= from && cols[j] > v) {
                        cols[j + 1] = cols[j];
                        j--;
                    }
                    cols[j + 1] = v;
                }
            }
            offsets[s] = e;
            for (int k = from; k < to; k++) {
                int t = cols[k];
                if (k > from && t == cols[k - 1]) {
                    continue;
                }
                if (unlimited || length(x, y, s, t) <= maxEdgeLength) {
                    cols[e++] = t;
                }
            }
        }
        offsets[nPoints] = e;
        int[] source = new int[e];
        int[] target = Arrays.copyOf(cols, e);
        float[] distance = new float[e];
        for (int s = 0; s < nPoints; s++) {
            for (int k = offsets[s]; k < offsets[s + 1]; k++) {
                source[k] = s;
                distance[k] = (float) length(x, y, s, target[k]);
            }
        }
        return new NeighbourGraph(nPoints, source, target, distance);
    }

    private static double length(double[] x, double[] y, int s, int t) {
        double dx = x[t] - x[s], dy = y[t] - y[s];
        return Math.sqrt(dx * dx + dy * dy);
    }
}
