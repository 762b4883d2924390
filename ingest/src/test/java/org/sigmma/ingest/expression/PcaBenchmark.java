package org.sigmma.ingest.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timings of log-normalisation, HVG selection and a 64-component PCA on random sparse cells of a
 * 2,000-gene panel with 100-300 detected genes per cell. Run with
 * {@code -Dtest=PcaBenchmark -Dtest.excludedGroups=none -Dgroups=benchmark}.
 */
@Tag("benchmark")
class PcaBenchmark {

    private static final int GENES = 2_000;

    /** Random counts: 100-300 distinct genes per cell, common genes more often, counts 1 + geometric. */
    static SparseCounts randomCounts(int nCells, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] indptr = new int[nCells + 1];
        for (int c = 0; c < nCells; c++) {
            indptr[c + 1] = indptr[c] + 100 + r.nextInt(201);
        }
        int[] indices = new int[indptr[nCells]];
        int[] values = new int[indptr[nCells]];
        int[] stamp = new int[GENES];
        for (int c = 0; c < nCells; c++) {
            for (int e = indptr[c]; e < indptr[c + 1]; e++) {
                int gene;
                do {
                    double u = r.nextDouble();
                    gene = (int) (GENES * u * u); // skewed: low gene indices are detected more often
                } while (stamp[gene] == c + 1);
                stamp[gene] = c + 1;
                indices[e] = gene;
                int count = 1;
                while (count < 50 && r.nextDouble() < 0.4) {
                    count++;
                }
                values[e] = count;
            }
        }
        return new SparseCounts(nCells, GENES, indptr, indices, values);
    }

    private static void run(int nCells) {
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        SparseCounts counts = randomCounts(nCells, 42);
        long t1 = System.nanoTime();
        SparseExpression x = LogNormaliser.log1pCp10k(counts);
        counts = null;
        long t2 = System.nanoTime();
        int[] hvg = HighlyVariableGenes.select(x, 1_000);
        long t3 = System.nanoTime();
        long cpu3 = processCpuNanos();
        PcaModel model = Pca.fit(x, PcaParameters.of(64));
        long t4 = System.nanoTime();
        long cpu4 = processCpuNanos();
        float[] scores = new float[nCells * 64];
        model.transformInto(x, scores, 0);
        long t5 = System.nanoTime();
        PcaModel onHvg = Pca.fit(x, PcaParameters.of(64).withGenes(hvg).withStandardise(true));
        long t6 = System.nanoTime();
        assertEquals(64, model.nComponents());
        assertEquals(1_000, onHvg.genes().length);
        assertTrue(model.explainedVariance()[0] >= model.explainedVariance()[63]);
        System.out.printf("PCA benchmark: %,d cells x %,d genes, %,d non-zeros (%.0f per cell), %d threads%n",
                nCells, GENES, x.nonZeros(), (double) x.nonZeros() / nCells, threads);
        System.out.printf("  generate %.2f s, log1p CP10k %.2f s, HVG(1000) %.2f s%n",
                sec(t0, t1), sec(t1, t2), sec(t2, t3));
        System.out.printf("  PCA fit k=64 all genes (l=%d, q=%d) %.2f s, transform %.2f s, fit on 1000 HVG standardised %.2f s%n",
                PcaParameters.of(64).subspaceWidth(GENES), PcaParameters.DEFAULT_POWER_ITERATIONS,
                sec(t3, t4), sec(t4, t5), sec(t5, t6));
        System.out.printf("  PCA fit k=64 all genes used %.2f s of process CPU (%.2f s per thread): wall time on a loaded machine overstates it%n",
                sec(cpu3, cpu4), sec(cpu3, cpu4) / threads);
        System.out.printf("  estimated PCA memory %.1f MB beyond the input (%.1f MB)%n",
                Pca.estimateMemoryBytes(nCells, GENES, 64) / 1e6, Pca.inputMemoryBytes(nCells, x.nonZeros()) / 1e6);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double sec(long from, long to) {
        return (to - from) / 1e9;
    }

    @Test
    void hundredThousandCells() {
        run(100_000);
    }

    @Test
    void fiveHundredThousandCells() {
        run(500_000);
    }
}
