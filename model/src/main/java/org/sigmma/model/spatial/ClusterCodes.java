package org.sigmma.model.spatial;

import java.util.Arrays;
import java.util.Objects;

/** A clustering's labels as dense codes 0..k-1, in ascending order of the label values (the cluster ids). */
record ClusterCodes(int[] clusters, int[] codes, int[] sizes) {

    static ClusterCodes of(int[] labels, int nCells, String what) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length != nCells) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but the " + what + " has "
                    + nCells + " cells");
        }
        int[] ids = Arrays.stream(labels).distinct().sorted().toArray();
        if (ids.length < 2) {
            throw new IllegalArgumentException("labels must hold at least 2 clusters, found " + ids.length);
        }
        int[] codes = new int[nCells];
        int[] sizes = new int[ids.length];
        for (int i = 0; i < nCells; i++) {
            codes[i] = Arrays.binarySearch(ids, labels[i]);
            sizes[codes[i]]++;
        }
        return new ClusterCodes(ids, codes, sizes);
    }

    int k() {
        return clusters.length;
    }
}
