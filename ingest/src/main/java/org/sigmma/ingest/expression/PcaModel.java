package org.sigmma.ingest.expression;

import java.util.Objects;

/**
 * A fitted PCA: scores of a cell are {@code components . ((x[genes] - mean) * scale)}.
 *
 * @param genes             gene indices (into the full gene list) the model uses, in component column order
 * @param mean              per-gene mean of the training cells (length genes.length)
 * @param scale             per-gene factor applied after centring (1 / std when standardised), or
 *                          {@code null} for none
 * @param components        k x genes.length, unit rows, the largest |loading| of each row positive
 * @param explainedVariance variance of the training scores along each component (ddof 1), decreasing
 * @param totalVariance     summed variance of the (scaled) genes, for ratios; NaN when unknown
 */
public record PcaModel(int[] genes, float[] mean, float[] scale, float[][] components, float[] explainedVariance,
                       double totalVariance) {

    public PcaModel {
        Objects.requireNonNull(genes, "genes");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(components, "components");
        Objects.requireNonNull(explainedVariance, "explainedVariance");
        if (mean.length != genes.length || (scale != null && scale.length != genes.length)) {
            throw new IllegalArgumentException("mean (" + mean.length + ") and scale ("
                    + (scale == null ? "none" : scale.length) + ") must match genes (" + genes.length + ")");
        }
        if (explainedVariance.length != components.length) {
            throw new IllegalArgumentException("explainedVariance (" + explainedVariance.length
                    + ") must match components (" + components.length + ")");
        }
        for (int c = 0; c < components.length; c++) {
            if (components[c].length != genes.length) {
                throw new IllegalArgumentException("components[" + c + "] has " + components[c].length
                        + " loadings, expected " + genes.length);
            }
        }
    }

    /** A centred-only model with no known total variance. */
    public PcaModel(int[] genes, float[] mean, float[][] components, float[] explainedVariance) {
        this(genes, mean, null, components, explainedVariance, Double.NaN);
    }

    public int nComponents() {
        return components.length;
    }

    /** Share of the total variance along each component (NaN when the total is unknown). */
    public double[] explainedVarianceRatio() {
        double[] r = new double[explainedVariance.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = explainedVariance[i] / totalVariance;
        }
        return r;
    }

    /** Scores of every cell, n x k. */
    public float[][] transform(SparseExpression x) {
        int k = nComponents();
        float[] flat = new float[Math.multiplyExact(x.nCells(), k)];
        transformInto(x, flat, 0);
        float[][] out = new float[x.nCells()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = java.util.Arrays.copyOfRange(flat, c * k, (c + 1) * k);
        }
        return out;
    }

    /** Scores of every cell into {@code out[offset + cell * k + component]} (row-major n x k). */
    public void transformInto(SparseExpression x, float[] out, int offset) {
        transformInto(x, out, offset, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #transformInto(SparseExpression, float[], int)} on a given number of threads. */
    public void transformInto(SparseExpression x, float[] out, int offset, int threads) {
        int k = nComponents();
        int g = genes.length;
        if (offset < 0 || (long) offset + (long) x.nCells() * k > out.length) {
            throw new IllegalArgumentException("out has " + out.length + " floats, needs offset " + offset
                    + " + " + x.nCells() + " cells x " + k + " components");
        }
        int[] position = genePositions(genes, x.nGenes());
        // loadings folded with the scale, one row per gene so that each non-zero adds one row
        // (separate row arrays: JDK 17's C2 vectorises a[t] += v * b[t] only with equal indices)
        float[][] w = new float[g][k];
        double[] shift = new double[k];
        for (int j = 0; j < g; j++) {
            double s = scale == null ? 1 : scale[j];
            for (int t = 0; t < k; t++) {
                double wjt = components[t][j] * s;
                w[j][t] = (float) wjt;
                shift[t] += mean[j] * wjt;
            }
        }
        float[] shiftF = new float[k];
        for (int t = 0; t < k; t++) {
            shiftF[t] = (float) -shift[t];
        }
        int[] indptr = x.indptr();
        int[] indices = x.indices();
        float[] values = x.values();
        try (ParallelCells loop = new ParallelCells(threads)) {
            loop.forEach(x.nCells(), (from, to) -> {
                float[] y = new float[k];
                for (int c = from; c < to; c++) {
                    System.arraycopy(shiftF, 0, y, 0, k);
                    for (int e = indptr[c]; e < indptr[c + 1]; e++) {
                        int pos = position[indices[e]];
                        if (pos < 0) {
                            continue;
                        }
                        float v = values[e];
                        float[] row = w[pos];
                        for (int t = 0; t < k; t++) {
                            y[t] += v * row[t];
                        }
                    }
                    System.arraycopy(y, 0, out, offset + c * k, k);
                }
            });
        }
    }

    /** Map from a full gene index to its column in the model, -1 for genes the model does not use. */
    static int[] genePositions(int[] genes, int nGenes) {
        int[] position = new int[nGenes];
        java.util.Arrays.fill(position, -1);
        for (int j = 0; j < genes.length; j++) {
            if (genes[j] >= nGenes) {
                throw new IllegalArgumentException("the model uses gene " + genes[j] + " but the matrix has only "
                        + nGenes + " genes");
            }
            position[genes[j]] = j;
        }
        return position;
    }
}
