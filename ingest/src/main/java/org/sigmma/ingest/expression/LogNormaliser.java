package org.sigmma.ingest.expression;

/**
 * log1p(CP10k) per cell, as scanpy's {@code normalize_total(target_sum=1e4)} followed by {@code log1p}:
 * each count is divided by its cell's library size, multiplied by the target sum and passed through
 * {@code log(1 + x)}. The sparsity pattern is kept; cells with no counts stay all-zero (never NaN).
 */
public final class LogNormaliser {

    /** Counts per ten thousand, the usual single-cell target. */
    public static final double DEFAULT_TARGET_SUM = 1e4;

    private final double targetSum;

    public LogNormaliser() {
        this(DEFAULT_TARGET_SUM);
    }

    public LogNormaliser(double targetSum) {
        if (!(targetSum > 0) || Double.isInfinite(targetSum)) {
            throw new IllegalArgumentException("targetSum must be a positive finite number, got " + targetSum);
        }
        this.targetSum = targetSum;
    }

    /** log1p(CP10k) of a count matrix. */
    public static SparseExpression log1pCp10k(SparseCounts counts) {
        return new LogNormaliser().normalise(counts);
    }

    /**
     * Normalises every cell to {@code targetSum} and takes log1p.
     *
     * @throws IllegalArgumentException for a negative count or a gene index out of range, naming the row
     */
    public SparseExpression normalise(SparseCounts counts) {
        int n = counts.nCells();
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        int[] raw = counts.values();
        float[] out = new float[raw.length];
        try (ParallelCells loop = new ParallelCells(Runtime.getRuntime().availableProcessors())) {
            loop.forEach(n, (from, to) -> normaliseCells(counts, out, from, to));
        }
        return new SparseExpression(n, counts.nGenes(), indptr.clone(), indices.clone(), out);
    }

    private void normaliseCells(SparseCounts counts, float[] out, int from, int to) {
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        int[] raw = counts.values();
        for (int c = from; c < to; c++) {
            long library = 0;
            for (int k = indptr[c]; k < indptr[c + 1]; k++) {
                if (raw[k] < 0) {
                    throw new IllegalArgumentException("row " + c + ", gene " + indices[k] + ": negative count " + raw[k]);
                }
                if (indices[k] < 0 || indices[k] >= counts.nGenes()) {
                    throw new IllegalArgumentException("row " + c + ": gene index " + indices[k]
                            + " outside [0, " + counts.nGenes() + ")");
                }
                library += raw[k];
            }
            if (library == 0) {
                continue; // explicit zeros stay zero: no 0/0
            }
            double factor = targetSum / library;
            for (int k = indptr[c]; k < indptr[c + 1]; k++) {
                out[k] = (float) Math.log1p(raw[k] * factor);
            }
        }
    }
}
