package org.sigmma.ingest.expression;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Randomized PCA (Halko, Martinsson and Tropp 2011) of a sparse cells x genes matrix with implicit
 * mean-centring: the centred (and optionally standardised) matrix {@code A = (X - 1 mean') S} is
 * never formed. Because genes are few (thousands) and cells many (up to millions), the range finder
 * runs in gene space on the covariance {@code C = A'A / (n - 1)}: each subspace iteration
 * {@code Q <- qr(C Q)} is one pass over the cells that computes {@code A Q} cell by cell and folds it
 * straight back into {@code A'(A Q)}, so no n x l matrix is ever stored. A final Rayleigh-Ritz step on
 * {@code Q' C Q} gives the components and their variances. Passes run in parallel over chunks of cells.
 */
public final class Pca {

    private static final Logger LOG = LoggerFactory.getLogger(Pca.class);

    private Pca() {
    }

    /** Fits on all available processors. */
    public static PcaModel fit(SparseExpression x, PcaParameters p) {
        return fit(x, p, Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * Fits the model.
     *
     * @param threads  worker threads for the passes over cells
     * @param progress optional, hears the fraction done in [0, 1]
     */
    public static PcaModel fit(SparseExpression x, PcaParameters p, int threads, DoubleConsumer progress) {
        long start = System.nanoTime();
        int n = x.nCells();
        int[] genes = p.genes() == null ? allGenes(x.nGenes()) : p.genes();
        int g = genes.length;
        int k = p.nComponents();
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 cells, got " + n);
        }
        if (k > g) {
            throw new IllegalArgumentException("nComponents (" + k + ") exceeds the number of genes used (" + g + ")");
        }
        int[] position = PcaModel.genePositions(genes, x.nGenes());
        int l = p.subspaceWidth(g);
        int passes = 2 + p.powerIterations();
        DoubleConsumer report = progress == null ? f -> { } : progress;

        try (ParallelCells loop = new ParallelCells(threads)) {
            // pass 0: per-gene mean and variance
            double[] sums = geneSums(loop, x, position, g, chunkProgress(report, 0, passes, n));
            double[] mean = new double[g];
            double[] scale = new double[g];
            double totalVariance = 0;
            for (int j = 0; j < g; j++) {
                mean[j] = sums[j] / n;
                double var = Math.max(0, (sums[g + j] - n * mean[j] * mean[j]) / (n - 1));
                scale[j] = p.standardise() && var > 0 ? 1 / Math.sqrt(var) : 1;
                totalVariance += var * scale[j] * scale[j];
            }
            Covariance cov = new Covariance(loop, x, position, mean, scale, l);

            double[] q = DenseLinearAlgebra.thinQ(gaussian(g, l, p.seed()), g, l);
            for (int it = 0; it < p.powerIterations(); it++) {
                double[] z = cov.times(q, chunkProgress(report, 1 + it, passes, n));
                q = DenseLinearAlgebra.thinQ(z, g, l);
            }
            double[] z = cov.times(q, chunkProgress(report, passes - 1, passes, n));

            // Rayleigh-Ritz: eigenpairs of Q'CQ, lifted back by Q
            double[] t = new double[l * l];
            for (int j = 0; j < g; j++) {
                for (int a = 0; a < l; a++) {
                    double qa = q[j * l + a];
                    for (int b = 0; b < l; b++) {
                        t[a * l + b] += qa * z[j * l + b];
                    }
                }
            }
            DenseLinearAlgebra.Eigen eig = DenseLinearAlgebra.symmetricEigen(t, l);
            float[][] components = new float[k][g];
            float[] explained = new float[k];
            for (int c = 0; c < k; c++) {
                double[] v = new double[g];
                for (int j = 0; j < g; j++) {
                    double s = 0;
                    for (int a = 0; a < l; a++) {
                        s += q[j * l + a] * eig.vectors()[a * l + c];
                    }
                    v[j] = s;
                }
                normaliseSign(v);
                for (int j = 0; j < g; j++) {
                    components[c][j] = (float) v[j];
                }
                explained[c] = (float) Math.max(0, eig.values()[c]);
            }
            float[] meanF = new float[g];
            float[] scaleF = new float[g];
            for (int j = 0; j < g; j++) {
                meanF[j] = (float) mean[j];
                scaleF[j] = (float) scale[j];
            }
            report.accept(1.0);
            LOG.debug("PCA of {} cells x {} genes, k = {}, l = {}, {} passes in {} ms", n, g, k, l, passes,
                    (System.nanoTime() - start) / 1_000_000);
            return new PcaModel(genes.clone(), meanF, p.standardise() ? scaleF : null, components, explained,
                    totalVariance);
        }
    }

    /**
     * Memory the fit and the transform of all cells need beyond the input matrix (which
     * {@link #inputMemoryBytes(long, long)} sizes), with the default oversampling and all processors.
     */
    public static long estimateMemoryBytes(long nCells, int nGenes, int k) {
        return estimateMemoryBytes(nCells, nGenes, PcaParameters.of(Math.max(1, Math.min(k, nGenes))),
                Runtime.getRuntime().availableProcessors());
    }

    /** Memory the fit with these parameters and the transform of all cells need beyond the input matrix. */
    public static long estimateMemoryBytes(long nCells, int nGenes, PcaParameters p, int threads) {
        long g = p.genes() == null ? nGenes : p.genes().length;
        long l = p.subspaceWidth((int) g);
        long k = p.nComponents();
        long geneMaps = 4L * nGenes;                     // gene -> column
        long stats = 8L * 2 * g * (1 + 2L * threads)      // sums and the per-chunk partials
                + 8L * 2 * g;                             // mean, scale
        long subspace = 8L * g * l * 4                    // random start, Q, C Q, QR working copy
                + 4L * g * l                              // float S Q for the passes
                + 8L * l * l * 3;                         // Q'CQ, Jacobi working copy and vectors
        long partials = 2L * threads * (4L * g * l + 4L * l + 16); // chunk partials in flight
        long model = 4L * g * (k + 2) + 8L * g * k;       // components, mean, scale, double staging
        long transform = 4L * nCells * k + 4L * g * k;    // the n x k scores and folded loadings
        return geneMaps + stats + subspace + partials + model + transform;
    }

    /** Bytes of a {@link SparseExpression} with this many cells and non-zeros. */
    public static long inputMemoryBytes(long nCells, long nonZeros) {
        return 4L * (nCells + 1) + 8L * nonZeros;
    }

    private static int[] allGenes(int nGenes) {
        int[] all = new int[nGenes];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static double[] gaussian(int rows, int cols, long seed) {
        Random random = new Random(seed); // java.util.Random's Gaussian is specified, so fits repeat across JDKs
        double[] m = new double[rows * cols];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextGaussian();
        }
        return m;
    }

    /** Flips a component so that its largest |loading| (first such gene on ties) is positive. */
    static void normaliseSign(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[best])) {
                best = j;
            }
        }
        if (v[best] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }

    private static java.util.function.IntConsumer chunkProgress(DoubleConsumer report, int pass, int passes, int n) {
        int nChunks = Math.max(1, ParallelCells.chunks(n));
        return done -> report.accept((pass + (double) done / nChunks) / passes);
    }

    /** Sums and sums of squares of the used genes: [sum_0..sum_{g-1}, sumSq_0..sumSq_{g-1}]. */
    private static double[] geneSums(ParallelCells loop, SparseExpression x, int[] position, int g,
                                     java.util.function.IntConsumer chunkDone) {
        double[] total = new double[2 * g];
        int[] indptr = x.indptr();
        int[] indices = x.indices();
        float[] values = x.values();
        loop.reduce(x.nCells(), () -> new double[2 * g], (partial, from, to) -> {
            Arrays.fill(partial, 0);
            for (int e = indptr[from]; e < indptr[to]; e++) {
                int pos = position[indices[e]];
                if (pos >= 0) {
                    double v = values[e];
                    partial[pos] += v;
                    partial[g + pos] += v * v;
                }
            }
        }, partial -> {
            for (int i = 0; i < total.length; i++) {
                total[i] += partial[i];
            }
        }, chunkDone);
        return total;
    }

    /** The product {@code C Q} with {@code C = A'A / (n - 1)}, {@code A = (X - 1 mean') S}, one pass over the cells. */
    private static final class Covariance {
        private final ParallelCells loop;
        private final SparseExpression x;
        private final int[] position;
        private final double[] mean;
        private final double[] scale;
        private final int g;
        private final int l;

        Covariance(ParallelCells loop, SparseExpression x, int[] position, double[] mean, double[] scale, int l) {
            this.loop = loop;
            this.x = x;
            this.position = position;
            this.mean = mean;
            this.scale = scale;
            this.g = mean.length;
            this.l = l;
        }

        double[] times(double[] q, java.util.function.IntConsumer chunkDone) {
            // A Q = X (S Q) - 1 (mean' S Q): fold the scale into P = S Q and the centring into a shift
            float[] pMat = new float[g * l];
            double[] shift = new double[l];
            for (int j = 0; j < g; j++) {
                for (int a = 0; a < l; a++) {
                    double v = scale[j] * q[j * l + a];
                    pMat[j * l + a] = (float) v;
                    shift[a] += mean[j] * v;
                }
            }
            float[] shiftF = new float[l];
            for (int a = 0; a < l; a++) {
                shiftF[a] = (float) shift[a];
            }
            int[] indptr = x.indptr();
            int[] indices = x.indices();
            float[] values = x.values();
            int gl = g * l;
            // partial = [X' Y (g x l), column sums of Y (l)] with Y = A Q for the chunk's cells
            double[] xty = new double[gl + l];
            loop.reduce(x.nCells(), () -> new float[gl + l], (partial, from, to) -> {
                Arrays.fill(partial, 0);
                float[] y = new float[l]; // one row of A Q; a separate array so the loops vectorise
                for (int c = from; c < to; c++) {
                    for (int a = 0; a < l; a++) {
                        y[a] = -shiftF[a];
                    }
                    for (int e = indptr[c]; e < indptr[c + 1]; e++) {
                        int pos = position[indices[e]];
                        if (pos < 0) {
                            continue;
                        }
                        float v = values[e];
                        int base = pos * l;
                        for (int a = 0; a < l; a++) {
                            y[a] += v * pMat[base + a];
                        }
                    }
                    for (int a = 0; a < l; a++) {
                        partial[gl + a] += y[a];
                    }
                    for (int e = indptr[c]; e < indptr[c + 1]; e++) {
                        int pos = position[indices[e]];
                        if (pos < 0) {
                            continue;
                        }
                        float v = values[e];
                        int base = pos * l;
                        for (int a = 0; a < l; a++) {
                            partial[base + a] += v * y[a];
                        }
                    }
                }
            }, partial -> {
                for (int i = 0; i < gl + l; i++) {
                    xty[i] += partial[i];
                }
            }, chunkDone);
            // A'Y = S (X'Y - mean 1'Y), divided by n - 1
            double[] z = new double[gl];
            double denom = x.nCells() - 1.0;
            for (int j = 0; j < g; j++) {
                for (int a = 0; a < l; a++) {
                    z[j * l + a] = scale[j] * (xty[j * l + a] - mean[j] * xty[gl + a]) / denom;
                }
            }
            return z;
        }
    }
}
