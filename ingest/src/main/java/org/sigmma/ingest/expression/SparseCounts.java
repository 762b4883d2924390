package org.sigmma.ingest.expression;

import java.util.Objects;

/**
 * A cells x genes count matrix in compressed sparse rows: row {@code c} holds the genes
 * {@code indices[indptr[c] .. indptr[c+1])} with counts {@code values[..]}. Xenium panels are
 * sparse (a few hundred counts per cell), so nothing downstream should densify it.
 */
public record SparseCounts(int nCells, int nGenes, int[] indptr, int[] indices, int[] values) {

    public SparseCounts {
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (indptr.length != nCells + 1) {
            throw new IllegalArgumentException("indptr has " + indptr.length + " entries, expected nCells + 1 = " + (nCells + 1));
        }
        if (indices.length != values.length || indptr[nCells] != indices.length) {
            throw new IllegalArgumentException("indices (" + indices.length + "), values (" + values.length
                    + ") and indptr[nCells] (" + indptr[nCells] + ") disagree");
        }
    }

    public int nonZeros() {
        return indices.length;
    }

    /** Total counts of one cell (its library size). */
    public long librarySize(int cell) {
        long s = 0;
        for (int k = indptr[cell]; k < indptr[cell + 1]; k++) {
            s += values[k];
        }
        return s;
    }

    /** The gene indices of one cell, a copy. */
    public int[] genesOf(int cell) {
        return java.util.Arrays.copyOfRange(indices, indptr[cell], indptr[cell + 1]);
    }

    /** The counts of one cell, aligned with {@link #genesOf(int)}, a copy. */
    public int[] countsOf(int cell) {
        return java.util.Arrays.copyOfRange(values, indptr[cell], indptr[cell + 1]);
    }
}
