package org.sigmma.ingest.expression;

import java.util.Arrays;

/**
 * Highly variable genes, Seurat v1 flavour as scanpy's {@code highly_variable_genes(flavor="seurat")}:
 * on {@code expm1} of the log-normalised data, per gene the mean and the variance (ddof 1); the
 * dispersion {@code log(var / mean)}; genes binned by {@code log1p(mean)} into 20 equal-width bins
 * ({@code pandas.cut}); the dispersion z-scored within its bin (a bin whose dispersion has no
 * standard deviation, e.g. a single gene, gives a normalised dispersion of 1). The top genes by
 * normalised dispersion are kept; genes with an undefined one (no expression, no variance) rank last.
 */
public final class HighlyVariableGenes {

    /** Scanpy's default number of mean bins. */
    public static final int DEFAULT_BINS = 20;

    private HighlyVariableGenes() {
    }

    /** Per-gene statistics behind the selection, each of length nGenes; NaN where undefined. */
    public record Statistics(double[] means, double[] dispersions, double[] dispersionsNorm, int[] meanBin) {
    }

    /**
     * The {@code nTop} genes with the highest normalised dispersion, as gene indices in increasing
     * order. Ties go to the lower gene index, so exactly {@code min(nTop, nGenes)} genes come back;
     * {@code nTop >= nGenes} returns every gene.
     */
    public static int[] select(SparseExpression x, int nTop) {
        if (nTop < 0) {
            throw new IllegalArgumentException("nTop must be >= 0, got " + nTop);
        }
        if (nTop >= x.nGenes()) {
            int[] all = new int[x.nGenes()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        double[] norm = statistics(x, DEFAULT_BINS).dispersionsNorm();
        Integer[] order = new Integer[x.nGenes()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> {
            double da = rankKey(norm[a]);
            double db = rankKey(norm[b]);
            int cmp = Double.compare(db, da);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        int[] chosen = new int[nTop];
        for (int i = 0; i < nTop; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static double rankKey(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Means, dispersions and normalised dispersions as scanpy's seurat flavour computes them. */
    public static Statistics statistics(SparseExpression x, int nBins) {
        if (nBins < 1) {
            throw new IllegalArgumentException("nBins must be >= 1, got " + nBins);
        }
        int g = x.nGenes();
        int n = x.nCells();
        double[] sum = new double[g];
        double[] sumSq = new double[g];
        int[] indptr = x.indptr();
        int[] indices = x.indices();
        float[] values = x.values();
        try (ParallelCells loop = new ParallelCells(Runtime.getRuntime().availableProcessors())) {
            loop.reduce(n, () -> new double[2 * g], (partial, from, to) -> {
                java.util.Arrays.fill(partial, 0);
                for (int k = indptr[from]; k < indptr[to]; k++) {
                    if (indices[k] < 0 || indices[k] >= g) {
                        throw x.badGene(k);
                    }
                    double v = Math.expm1(values[k]); // back to the normalised (non-log) scale, as Seurat v1
                    partial[indices[k]] += v;
                    partial[g + indices[k]] += v * v;
                }
            }, partial -> {
                for (int j = 0; j < g; j++) {
                    sum[j] += partial[j];
                    sumSq[j] += partial[g + j];
                }
            }, done -> { });
        }
        double[] means = new double[g];
        double[] disp = new double[g];
        for (int j = 0; j < g; j++) {
            double mean = n == 0 ? 0 : sum[j] / n;
            // scanpy: var = (E[x^2] - E[x]^2) * n / (n - 1)
            double var = n < 2 ? Double.NaN : Math.max(0, sumSq[j] / n - mean * mean) * n / (n - 1.0);
            if (mean == 0) {
                mean = 1e-12;
            }
            double d = var / mean;
            disp[j] = d == 0 || Double.isNaN(d) ? Double.NaN : Math.log(d);
            means[j] = Math.log1p(mean);
        }
        int[] bin = cut(means, nBins);
        double[] binSum = new double[nBins];
        double[] binSumSq = new double[nBins];
        int[] binCount = new int[nBins];
        for (int j = 0; j < g; j++) {
            if (!Double.isNaN(disp[j])) {
                binSum[bin[j]] += disp[j];
                binCount[bin[j]]++;
            }
        }
        double[] avg = new double[nBins];
        double[] dev = new double[nBins];
        for (int b = 0; b < nBins; b++) {
            avg[b] = binCount[b] == 0 ? Double.NaN : binSum[b] / binCount[b];
        }
        for (int j = 0; j < g; j++) {
            if (!Double.isNaN(disp[j])) {
                double dlt = disp[j] - avg[bin[j]];
                binSumSq[bin[j]] += dlt * dlt;
            }
        }
        for (int b = 0; b < nBins; b++) {
            if (binCount[b] >= 2) {
                dev[b] = Math.sqrt(binSumSq[b] / (binCount[b] - 1));
            } else {
                // pandas' std is NaN here; scanpy then uses (avg, dev) = (0, avg), i.e. a normalised dispersion of 1
                dev[b] = avg[b];
                avg[b] = 0;
            }
        }
        double[] norm = new double[g];
        for (int j = 0; j < g; j++) {
            norm[j] = (disp[j] - avg[bin[j]]) / dev[bin[j]];
        }
        return new Statistics(means, disp, norm, bin);
    }

    /** {@code pandas.cut(values, bins)}: equal-width, right-closed bins, the first widened by 0.1% of the range. */
    static int[] cut(double[] values, int nBins) {
        int[] bin = new int[values.length];
        if (values.length == 0) {
            return bin;
        }
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            mn = Math.min(mn, v);
            mx = Math.max(mx, v);
        }
        double[] edges = new double[nBins + 1];
        if (mn == mx) {
            double lo = mn != 0 ? mn - 0.001 * Math.abs(mn) : -0.001;
            double hi = mx != 0 ? mx + 0.001 * Math.abs(mx) : 0.001;
            linspace(edges, lo, hi);
        } else {
            linspace(edges, mn, mx);
            edges[0] -= (mx - mn) * 0.001;
        }
        for (int i = 0; i < values.length; i++) {
            // right-closed: the bin b with edges[b] < v <= edges[b + 1]
            int pos = Arrays.binarySearch(edges, values[i]);
            int b = pos >= 0 ? pos - 1 : -pos - 2;
            bin[i] = Math.max(0, Math.min(nBins - 1, b));
        }
        return bin;
    }

    private static void linspace(double[] edges, double lo, double hi) {
        int m = edges.length - 1;
        double step = (hi - lo) / m;
        for (int i = 0; i <= m; i++) {
            edges[i] = lo + i * step;
        }
        edges[m] = hi;
    }
}
