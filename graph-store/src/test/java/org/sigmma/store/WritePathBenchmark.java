package org.sigmma.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmma.store.write.EmbeddedSectionWriter;
import org.sigmma.store.write.SectionData;
import org.sigmma.store.write.SectionWriter;

/** Write path alone: cells with 64 features and ~100 sparse counts, 3 edges per cell. Not a unit test. */
@Tag("benchmark")
class WritePathBenchmark {

    @Test
    void writeSections() throws Exception {
        int n = Integer.getInteger("bench.cells", 100_000);
        Path dir = TempDirs.create("write-bench");
        try (EmbeddedGraph g = EmbeddedGraph.open(StoreSettings.defaults(dir).withoutGds().withPageCache(1L << 30))) {
            SectionData d = random("bench", n, 64, 100, 3, 7);
            Runtime rt = Runtime.getRuntime();
            long t = System.nanoTime();
            SectionWriter.WriteReport r = new EmbeddedSectionWriter(g.db(), Integer.getInteger("bench.batch", 50_000)).write(d, p -> { });
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("cells=%d edges=%d total %.1f s (cells %.1f s = %.0f/s, edges %.1f s = %.0f/s), heap used %d MiB%n",
                    r.cells(), r.edges(), s, r.cellMillis() / 1e3, r.cells() / (r.cellMillis() / 1e3),
                    r.edgeMillis() / 1e3, r.edges() / (r.edgeMillis() / 1e3), (rt.totalMemory() - rt.freeMemory()) >> 20);
        } finally {
            TempDirs.delete(dir);
        }
    }

    static SectionData random(String id, int n, int dim, int nnz, int edgesPerCell, long seed) {
        Random r = new Random(seed);
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] y = new double[n];
        int[] zero = new int[n];
        int[] indptr = new int[n + 1];
        int[] genes = new int[n * nnz];
        int[] values = new int[n * nnz];
        float[] f = new float[n * dim];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i);
            x[i] = r.nextDouble() * 10000;
            y[i] = r.nextDouble() * 10000;
            indptr[i + 1] = indptr[i] + nnz;
            for (int k = 0; k < nnz; k++) {
                genes[i * nnz + k] = k * 3;
                values[i * nnz + k] = 1 + r.nextInt(4);
            }
            for (int k = 0; k < dim; k++) {
                f[i * dim + k] = (float) r.nextGaussian();
            }
        }
        int e = n * edgesPerCell;
        int[] s = new int[e];
        int[] t = new int[e];
        float[] dist = new float[e];
        for (int k = 0; k < e; k++) {
            s[k] = k / edgesPerCell;
            t[k] = r.nextInt(n);
            dist[k] = 10;
        }
        return new SectionData(id, id, null, 0.2125, 256, 10000, 10000, new String[] {"a"}, new int[0], "d", ids, x, y,
                zero, zero, zero, indptr, genes, values, f, dim, null, s, t, dist, new SectionData.TileRow[0], Map.of());
    }
}
