package org.sigmma.export;

/**
 * A sparse matrix in compressed sparse row form (scipy's csr_matrix layout): row pointers, column indices sorted
 * within each row, values.
 */
record Csr(int rows, int cols, int[] indptr, int[] indices, float[] data) {

    /** Builds the matrix from coordinate entries (row[k], col[k], value[k]); duplicates are kept as they come. */
    static Csr of(int rows, int cols, int[] row, int[] col, float[] value) {
        int m = row.length;
        int[] indptr = new int[rows + 1];
        for (int k = 0; k < m; k++) {
            if (row[k] < 0 || row[k] >= rows || col[k] < 0 || col[k] >= cols) {
                throw new IllegalArgumentException("entry " + k + " (" + row[k] + ", " + col[k] + ") outside " + rows + " x " + cols);
            }
            indptr[row[k] + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            indptr[r + 1] += indptr[r];
        }
        int[] next = indptr.clone();
        int[] indices = new int[m];
        float[] data = new float[m];
        for (int k = 0; k < m; k++) {
            int p = next[row[k]]++;
            indices[p] = col[k];
            data[p] = value[k];
        }
        // insertion sort within rows: rows hold a handful of neighbours
        for (int r = 0; r < rows; r++) {
            for (int p = indptr[r] + 1; p < indptr[r + 1]; p++) {
                int c = indices[p];
                float v = data[p];
                int q = p - 1;
                while (q >= indptr[r] && indices[q] > c) {
                    indices[q + 1] = indices[q];
                    data[q + 1] = data[q];
                    q--;
                }
                indices[q + 1] = c;
                data[q + 1] = v;
            }
        }
        return new Csr(rows, cols, indptr, indices, data);
    }

    /** The symmetric matrix of undirected pairs: each (a, b) entered as (a, b) and (b, a). */
    static Csr symmetric(int n, int[] a, int[] b, float[] value) {
        int m = a.length;
        int[] row = new int[2 * m];
        int[] col = new int[2 * m];
        float[] v = new float[2 * m];
        for (int k = 0; k < m; k++) {
            row[k] = a[k];
            col[k] = b[k];
            row[m + k] = b[k];
            col[m + k] = a[k];
            v[k] = value[k];
            v[m + k] = value[k];
        }
        return of(n, n, row, col, v);
    }
}
