package org.sigmma.store;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmma.store.write.EmbeddedSectionWriter;
import org.sigmma.store.write.SectionData;
import org.sigmma.store.write.SectionWriter;

/**
 * The write path alone, several variants side by side in one database (not a unit test): cells on a jittered
 * lattice listed in random order (as a file lists them), 64 features, ~100 sparse counts, the lattice's triangulation
 * as NEAR edges (3 per cell, like Delaunay). Prints wall and CPU time (all threads of the process) per variant, so
 * that a ratio survives a busy machine. {@code -Dbench.variants=name:cellBatch:edgeBatch:threads:spatial,...}; a
 * name starting with "cypher" writes through {@link org.sigmma.store.write.CypherSectionWriter} instead.
 */
@Tag("benchmark")
class WritePathBenchmark {

    @Test
    void writeSections() throws Exception {
        int n = Integer.getInteger("bench.cells", 100_000);
        String variants = System.getProperty("bench.variants",
                "file-50k:50000:100000:2:false,spatial-10k:10000:50000:2:true");
        Path dir = TempDirs.create("write-bench");
        try (EmbeddedGraph g = EmbeddedGraph.open(StoreSettings.defaults(dir).withoutGds().withPageCache(1L << 30))) {
            int round = 0;
            for (String v : variants.split(",")) {
                String[] f = v.split(":");
                EmbeddedSectionWriter.Options o = new EmbeddedSectionWriter.Options(Integer.parseInt(f[1]),
                        Integer.parseInt(f[2]), Integer.parseInt(f[3]), Boolean.parseBoolean(f[4]));
                SectionData d = lattice("bench-" + (round++) + "-" + f[0], n, 64, 100, 7);
                System.gc();
                long cpu0 = cpuNanos();
                long gc0 = gcMillis();
                long t = System.nanoTime();
                SectionWriter w = f[0].startsWith("cypher") ? new org.sigmma.store.write.CypherSectionWriter(g.access(), 10_000)
                        : new EmbeddedSectionWriter(g.db(), o);
                SectionWriter.WriteReport r = w.write(d, p -> { });
                double s = (System.nanoTime() - t) / 1e9;
                double cpu = (cpuNanos() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "WRITE %s cells=%d edges=%d wall %.1f s cpu %.1f s gc %.1f s "
                                + "(cells %.1f s, edges %.1f s) records/s wall %.0f, per cpu-s %.0f; load %s%n",
                        f[0], r.cells(), r.edges(), s, cpu, (gcMillis() - gc0) / 1e3, r.cellMillis() / 1e3,
                        r.edgeMillis() / 1e3, (r.cells() + r.edges()) / s, (r.cells() + r.edges()) / cpu, load());
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /**
     * side x side cells 10 um apart (jittered), listed in a random order; edges right, up and up-right (the
     * lattice's triangulation, 3 per cell); tiles of 200 um numbered row by row.
     */
    static SectionData lattice(String id, int n, int dim, int nnz, long seed) {
        Random r = new Random(seed);
        int side = (int) Math.ceil(Math.sqrt(n));
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double tileUm = 200;
        int tilesPerRow = (int) Math.ceil(side * 10 / tileUm);
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] y = new double[n];
        int[] tile = new int[n];
        int[] micro = new int[n];
        int[] indptr = new int[n + 1];
        int[] genes = new int[n * nnz];
        int[] values = new int[n * nnz];
        float[] f = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int cell = perm[i]; // lattice position of the i-th listed cell
            ids[i] = Integer.toString(i + 1);
            x[i] = (cell % side) * 10 + r.nextDouble() * 2;
            y[i] = (cell / side) * 10 + r.nextDouble() * 2;
            tile[i] = (int) (y[i] / tileUm) * tilesPerRow + (int) (x[i] / tileUm);
            micro[i] = (int) (x[i] % tileUm / 50) + 4 * (int) (y[i] % tileUm / 50);
            indptr[i + 1] = indptr[i] + nnz;
            for (int k = 0; k < nnz; k++) {
                genes[i * nnz + k] = k * 3;
                values[i * nnz + k] = 1 + r.nextInt(4);
            }
            for (int k = 0; k < dim; k++) {
                f[i * dim + k] = (float) r.nextGaussian();
            }
        }
        int[] listed = new int[side * side];
        java.util.Arrays.fill(listed, -1);
        for (int i = 0; i < n; i++) {
            listed[perm[i]] = i;
        }
        int[] s = new int[3 * n];
        int[] t = new int[3 * n];
        float[] dist = new float[3 * n];
        int e = 0;
        for (int c = 0; c < side * side; c++) {
            if (listed[c] < 0) {
                continue;
            }
            int cx = c % side;
            int[] nb = {cx + 1 < side ? c + 1 : -1, c + side, cx + 1 < side ? c + side + 1 : -1};
            for (int b : nb) {
                if (b >= 0 && b < side * side && listed[b] >= 0) {
                    s[e] = listed[c];
                    t[e] = listed[b];
                    dist[e++] = 10;
                }
            }
        }
        int nTiles = tilesPerRow * tilesPerRow;
        SectionData.TileRow[] tiles = new SectionData.TileRow[nTiles];
        for (int k = 0; k < nTiles; k++) {
            tiles[k] = new SectionData.TileRow(k, k / tilesPerRow, k % tilesPerRow, (k % tilesPerRow) * tileUm,
                    (k / tilesPerRow) * tileUm, tileUm, "train", 0, null);
        }
        return new SectionData(id, id, null, 0.2125, 256, side * 10, side * 10, new String[] {"a"}, new int[0], "d",
                ids, x, y, tile, micro, micro, indptr, genes, values, f, dim, null,
                java.util.Arrays.copyOf(s, e), java.util.Arrays.copyOf(t, e), java.util.Arrays.copyOf(dist, e), tiles,
                Map.of());
    }
}
