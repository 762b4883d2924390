package org.sigmma.ingest.xenium;

import java.nio.file.Path;

/** Puts one sparse row in increasing column order and rejects repeated columns. */
final class SparseRows {

    private SparseRows() {
    }

    static void sortRow(Path file, String field, int[] cols, int[] vals, int from, int to, String row) {
        boolean sorted = true;
        for (int k = from + 1; k < to; k++) {
            if (cols[k] <= cols[k - 1]) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return;
        }
        // rows are short (a few hundred entries): insertion sort keeps values paired without boxing
        for (int k = from + 1; k < to; k++) {
            int c = cols[k];
            int v = vals[k];
            int j = k - 1;
            while (j >= from && cols[j] > c) {
                cols[j + 1] = cols[j];
                vals[j + 1] = vals[j];
                j--;
            }
            cols[j + 1] = c;
            vals[j + 1] = v;
        }
        for (int k = from + 1; k < to; k++) {
            if (cols[k] == cols[k - 1]) {
                throw new BundleException(file, field, row + " lists feature index " + cols[k] + " twice");
            }
        }
    }
}
