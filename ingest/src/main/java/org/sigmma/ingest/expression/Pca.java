package org.sigmma.ingest.expression;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleConsumer;
import org.sigmma.math.SymmetricEigen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Randomized PCA (Halko, Martinsson and Tropp 2011) of a sparse cells x genes matrix with implicit
 * mean-centring: the centred (and optionally standardised) matrix {@code A = (X - 1 mean') S} is
 * never formed. Because genes are few (thousands) and cells many (up to millions), the range finder
 * runs in gene space on the covariance {@code C = A'A / (n - 1)}: from a seeded Gaussian start, each
 * subspace iteration {@code Q <- qr(C Q)} is one pass over the cells that computes {@code A Q} for a
 * block of cells and folds it straight back into {@code A'(A Q)}, so no n x l matrix is ever stored.
 * A final pass and a Rayleigh-Ritz step on {@code Q' C Q} give the components and their variances.
 * A fit reads the matrix {@code powerIterations + 2} times (the first for gene means and variances),
 * in parallel over chunks of cells, with sums combined in a fixed order: the same seed gives the same
 * model whatever the number of threads.
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
            double[][] rr = new double[l][];
            for (int a = 0; a < l; a++) {
                rr[a] = Arrays.copyOfRange(t, a * l, (a + 1) * l);
            }
            SymmetricEigen eig = SymmetricEigen.of(rr);
            float[][] components = new float[k][g];
            float[] explained = new float[k];
            for (int c = 0; c < k; c++) {
                double[] v = new double[g];
                for (int j = 0; j < g; j++) {
                    double s = 0;
                    for (int a = 0; a < l; a++) {
                        s += q[j * l + a] * eig.vectors()[c][a];
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
                + (16 + 4L * l) * g                       // float S Q rows for the passes
                + 8L * l * l * 3;                         // Q'CQ, Jacobi working copy and vectors
        long partials = 2L * threads * ((16 + 4L * l) * (g + 1 + Partial.BLOCK) // chunk partials in flight
                + 8L * (2 * g + 2) + 8L * Partial.BLOCK * g);  // block scratch, at worst every gene in every cell
        long model = 4L * g * (k + 2) + 8L * g * k;       // components, mean, scale, double staging
        long transform = 4L * nCells * k + (16 + 4L * k) * g; // the n x k scores and folded loading rows
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
                if (indices[e] < 0 || indices[e] >= position.length) {
                    throw x.badGene(e); // checked once here, so the later passes can trust the indices
                }
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
            // A Q = X (S Q) - 1 (mean' S Q): fold the scale into P = S Q and the centring into a shift.
            // Rows are separate arrays: JDK 17's C2 vectorises a[t] += v * b[t] only with equal indices.
            float[][] pRows = new float[g][l];
            double[] shift = new double[l];
            for (int j = 0; j < g; j++) {
                for (int a = 0; a < l; a++) {
                    double v = scale[j] * q[j * l + a];
                    pRows[j][a] = (float) v;
                    shift[a] += mean[j] * v;
                }
            }
            float[] shiftF = new float[l];
            for (int a = 0; a < l; a++) {
                shiftF[a] = (float) -shift[a];
            }
            int[] indptr = x.indptr();
            int[] indices = x.indices();
            float[] values = x.values();
            int gl = g * l;
            // X'Y (g x l) and the column sums of Y (l), with Y = A Q, summed over the chunks
            double[] xty = new double[gl + l];
            loop.reduce(x.nCells(), () -> new Partial(g, l), (partial, from, to) -> {
                partial.clear();
                for (int b0 = from; b0 < to; b0 += Partial.BLOCK) {
                    block(partial, b0, Math.min(to, b0 + Partial.BLOCK), pRows, shiftF, indptr, indices, values);
                }
            }, partial -> {
                for (int j = 0; j <= g; j++) {
                    float[] row = partial.xty[j];
                    int base = j * l;
                    for (int a = 0; a < l; a++) {
                        xty[base + a] += row[a];
                    }
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

        /**
         * One block of cells: first its rows of Y = A Q, cell by cell; then X'Y gene by gene over the
         * block's non-zeros sorted by gene, so that each gene's row of X'Y is updated once per block
         * from rows of Y that stay in cache, rather than once per non-zero.
         */
        private void block(Partial w, int b0, int b1, float[][] pRows, float[] shiftF,
                           int[] indptr, int[] indices, float[] values) {
            int[] start = w.start;
            Arrays.fill(start, 0);
            float[] colSum = w.xty[g];
            for (int c = b0; c < b1; c++) {
                float[] y = w.y[c - b0];
                System.arraycopy(shiftF, 0, y, 0, l);
                float pendingV = 0;
                float[] pending = null; // non-zeros go in pairs: one sweep over y per two genes
                for (int e = indptr[c]; e < indptr[c + 1]; e++) {
                    int pos = position[indices[e]];
                    if (pos < 0) {
                        continue;
                    }
                    start[pos + 1]++;
                    if (pending == null) {
                        pending = pRows[pos];
                        pendingV = values[e];
                        continue;
                    }
                    float[] p1 = pending;
                    float v1 = pendingV;
                    float[] p2 = pRows[pos];
                    float v2 = values[e];
                    for (int a = 0; a < l; a++) {
                        y[a] += v1 * p1[a] + v2 * p2[a];
                    }
                    pending = null;
                }
                if (pending != null) {
                    for (int a = 0; a < l; a++) {
                        y[a] += pendingV * pending[a];
                    }
                }
                for (int a = 0; a < l; a++) {
                    colSum[a] += y[a];
                }
            }
            for (int j = 0; j < g; j++) {
                start[j + 1] += start[j];
            }
            w.ensureCapacity(start[g]);
            int[] next = w.next;
            System.arraycopy(start, 0, next, 0, g);
            int[] cellOf = w.cellOf;
            float[] valueOf = w.valueOf;
            for (int c = b0; c < b1; c++) {
                for (int e = indptr[c]; e < indptr[c + 1]; e++) {
                    int pos = position[indices[e]];
                    if (pos >= 0) {
                        int at = next[pos]++;
                        cellOf[at] = c - b0;
                        valueOf[at] = values[e];
                    }
                }
            }
            for (int j = 0; j < g; j++) {
                int p = start[j];
                int end = start[j + 1];
                if (p == end) {
                    continue;
                }
                float[] row = w.xty[j];
                for (; p + 1 < end; p += 2) {
                    float v1 = valueOf[p];
                    float v2 = valueOf[p + 1];
                    float[] y1 = w.y[cellOf[p]];
                    float[] y2 = w.y[cellOf[p + 1]];
                    for (int a = 0; a < l; a++) {
                        row[a] += v1 * y1[a] + v2 * y2[a];
                    }
                }
                if (p < end) {
                    float v1 = valueOf[p];
                    float[] y1 = w.y[cellOf[p]];
                    for (int a = 0; a < l; a++) {
                        row[a] += v1 * y1[a];
                    }
                }
            }
        }
    }

    /**
     * A worker's partial sums for one chunk of cells, with its scratch space. Rows are separate
     * arrays because JDK 17's C2 vectorises {@code a[t] += v * b[t]} only when the indices are equal.
     */
    private static final class Partial {
        /** Cells per block: the block's rows of Y (BLOCK x l floats) should stay in the L2 cache. */
        static final int BLOCK = 512;

        final float[][] xty;  // g rows of X'Y, then the column sums of Y
        final float[][] y;    // the block's rows of Y
        final int[] start;    // the block's non-zeros by gene: gene j at [start[j], start[j + 1])
        final int[] next;
        int[] cellOf = new int[0];
        float[] valueOf = new float[0];

        Partial(int g, int l) {
            xty = new float[g + 1][l];
            y = new float[BLOCK][l];
            start = new int[g + 1];
            next = new int[g];
        }

        void clear() {
            for (float[] row : xty) {
                Arrays.fill(row, 0);
            }
        }

        void ensureCapacity(int nonZeros) {
            if (cellOf.length < nonZeros) {
                int size = Math.max(nonZeros, cellOf.length * 3 / 2);
                cellOf = new int[size];
                valueOf = new float[size];
            }
        }
    }
}
