package org.sigmma.ingest.expression;

import java.util.Objects;

/**
 * A cells x genes matrix of normalised expression in compressed sparse rows, with float values:
 * row {@code c} holds genes {@code indices[indptr[c] .. indptr[c+1])} with values {@code values[..]}.
 * Produced by {@link LogNormaliser}; consumed by {@link HighlyVariableGenes} and {@link Pca}
 * without ever being densified.
 */
public record SparseExpression(int nCells, int nGenes, int[] indptr, int[] indices, float[] values) {

    public SparseExpression {
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (nCells < 0 || nGenes < 0) {
            throw new IllegalArgumentException("nCells (" + nCells + ") and nGenes (" + nGenes + ") must be >= 0");
        }
        if (indptr.length != nCells + 1) {
            throw new IllegalArgumentException("indptr has " + indptr.length + " entries, expected nCells + 1 = " + (nCells + 1));
        }
        if (indptr[0] != 0 || indices.length != values.length || indptr[nCells] != indices.length) {
            throw new IllegalArgumentException("indptr[0] (" + indptr[0] + "), indptr[nCells] (" + indptr[nCells]
                    + "), indices (" + indices.length + ") and values (" + values.length + ") disagree");
        }
    }

    public int nonZeros() {
        return indices.length;
    }

    /**
     * Checks what the constructor leaves out because it costs a pass over the data: row pointers
     * that never decrease, gene indices within [0, nGenes) and finite values.
     *
     * @throws IllegalArgumentException naming the first bad row and field
     */
    public SparseExpression validate() {
        for (int c = 0; c < nCells; c++) {
            if (indptr[c + 1] < indptr[c]) {
                throw new IllegalArgumentException("row " + c + ": indptr decreases (" + indptr[c] + " -> " + indptr[c + 1] + ")");
            }
            for (int k = indptr[c]; k < indptr[c + 1]; k++) {
                if (indices[k] < 0 || indices[k] >= nGenes) {
                    throw new IllegalArgumentException("row " + c + ": gene index " + indices[k] + " outside [0, " + nGenes + ")");
                }
                if (!Float.isFinite(values[k])) {
                    throw new IllegalArgumentException("row " + c + ", gene " + indices[k] + ": value " + values[k] + " is not finite");
                }
            }
        }
        return this;
    }

    /** The error for a gene index out of range at non-zero {@code k}, naming its row. */
    IllegalArgumentException badGene(int k) {
        int row = java.util.Arrays.binarySearch(indptr, k);
        row = row >= 0 ? row : -row - 2;
        while (row + 1 < indptr.length && indptr[row + 1] == k) {
            row++; // skip empty rows that share the pointer
        }
        return new IllegalArgumentException("row " + row + ": gene index " + indices[k] + " outside [0, " + nGenes + ")");
    }

    /** Dense copy of one cell's row (for tests and small inspections only). */
    public float[] denseRow(int cell) {
        float[] row = new float[nGenes];
        for (int k = indptr[cell]; k < indptr[cell + 1]; k++) {
            row[indices[k]] += values[k];
        }
        return row;
    }
}
