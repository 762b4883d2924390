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
        int[] offsets = new int[nPoints + 1];
        for (int j = 0; j < m; j++) {
            int s = Math.min(a[j], b[j]);
            if (s == Math.max(a[j], b[j])) {
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
            int s = Math.min(a[j], b[j]);
            cols[cursor[s]++] = Math.max(a[j], b[j]);
        }
        int[] source = new int[m];
        int[] target = new int[m];
        float[] distance = new float[m];
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
            for (int k = from; k < to; k++) {
                int t = cols[k];
                if (k > from && t == cols[k - 1]) {
                    continue;
                }
                double dx = x[t] - x[s], dy = y[t] - y[s];
                double d = Math.sqrt(dx * dx + dy * dy);
                if (d <= maxEdgeLength) {
                    source[e] = s;
                    target[e] = t;
                    distance[e] = (float) d;
                    e++;
                }
            }
        }
        if (e < m) {
            source = Arrays.copyOf(source, e);
            target = Arrays.copyOf(target, e);
            distance = Arrays.copyOf(distance, e);
        }
        return new NeighbourGraph(nPoints, source, target, distance);
    }
}
