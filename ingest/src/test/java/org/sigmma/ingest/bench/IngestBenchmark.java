package org.sigmma.ingest.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.IngestReport;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.neighbours.NeighbourGraph;
import org.sigmma.ingest.neighbours.NeighbourGraphBuilder;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.progress.ProgressListener;
import org.sigmma.schema.Scale;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.TileInfo;
import org.sigmma.store.TileRepository;
import org.sigmma.store.TileSubgraph;
import org.sigmma.store.write.CypherSectionWriter;
import org.sigmma.store.write.EmbeddedSectionWriter;
import org.sigmma.store.write.SectionWriter;
import org.sigmma.store.write.EmbeddingWriter;

/**
 * The store benchmark of the section-store issue and issue #8 (not a unit test; run with
 * {@code mvn -B -o -q -pl ingest -am test -Dtest=IngestBenchmark -Dtest.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.sizes=100000,500000,1000000 -Dbench.cypherSizes=100000
 * "-Dtest.heap=-Xms4g -Xmx4g"}). Generated sections: uniform random cell positions at Xenium density (~1 cell per
 * 100 um^2) listed in random order, 300 genes, sparse counts (~120 per cell), MEX matrix. For each size, in one
 * database that keeps every section: whole-section ingest (cells/s, edges/s, steps), peak heap and peak RSS of the
 * ingest, the warm tile-subgraph read (median, p99), the write-back of cell embeddings (3 scales x 64) and LEARNED
 * edges through {@link EmbeddingWriter}; for the sizes in {@code bench.cypherSizes} the same section and the same
 * write-back through the Cypher paths (CypherSectionWriter on one session, CypherEmbeddingWriter), those a server
 * gets over Bolt. Ends with
 * the log-log slopes of time and memory over the sizes, and a table for docs/performance.md.
 */
@Tag("benchmark")
class IngestBenchmark {

    /** One size's figures. */
    record Row(int cells, long edges, int tiles, double ingestS, double readS, double writeS, double cellsPerS,
               double edgesPerS, double writeRecordsPerS, long peakHeapMiB, long peakRssMiB, double readMedianMs,
               double readP99Ms, double wbCellsPerS, double wbEdgesPerS, String steps, double cypherWriteS,
               double cypherRecordsPerS, double cypherWbCellsPerS, double cypherWbEdgesPerS, String load,
               double writeCpuS, double cypherWriteCpuS) {
    }

    @Test
    void ingestGeneratedSections() throws IOException {
        String sizes = System.getProperty("bench.sizes", "100000,500000");
        java.util.Set<Integer> cypherSizes = new java.util.HashSet<>();
        for (String c : System.getProperty("bench.cypherSizes", "100000").split(",")) {
            if (!c.isBlank()) {
                cypherSizes.add(Integer.parseInt(c.trim()));
            }
        }
        int wbTiles = Integer.getInteger("bench.writeBackTiles", 200);
        Path root = Files.createTempDirectory("sigmma-ingest-bench");
        List<Row> rows = new ArrayList<>();
        try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(root.resolve("data")).withoutGds()
                .withPageCache(1L << 30))) {
            for (String s : sizes.split(",")) {
                int n = Integer.parseInt(s.trim());
                Path bundle = root.resolve("bundle-" + n);
                long tg = System.nanoTime();
                double[][] xy = writeBundle(bundle, n, 300, 120, 11);
                double genSecs = (System.nanoTime() - tg) / 1e9;

                long t0 = System.nanoTime();
                NeighbourGraph g = NeighbourGraphBuilder.of(xy[0], xy[1]).delaunay().maxEdgeLength(30).build();
                double delaunaySecs = (System.nanoTime() - t0) / 1e9;
                xy = null;

                System.gc();
                Peaks.reset();
                long t1 = System.nanoTime();
                CpuTimed fast = new CpuTimed();
                IngestReport r = new SectionLoader(graph, store -> fast.wrap(new EmbeddedSectionWriter(graph.db()))).ingest(bundle, ReadOptions.defaults(),
                        IngestParameters.defaults().withName("bench-" + n), ProgressListener.NONE);
                double ingestSecs = (System.nanoTime() - t1) / 1e9;
                long peakHeap = Peaks.heapBytes() >> 20;
                long peakRss = Peaks.rssBytes() >> 20;
                String load = load();

                TileRepository tiles = new TileRepository(graph.access());
                List<TileInfo> list = tiles.tiles("bench-" + n, "train");
                double[] read = readLatency(tiles, list);
                double[] wb = writeBack(graph, "bench-" + n, tiles, list, wbTiles, false);

                double cypherWrite = Double.NaN;
                double cypherRate = Double.NaN;
                double cypherCpu = Double.NaN;
                double[] cwb = {Double.NaN, Double.NaN};
                if (cypherSizes.contains(n)) {
                    CpuTimed slow = new CpuTimed();
                    IngestReport c = new SectionLoader(graph, store -> slow.wrap(new CypherSectionWriter(store.access(), 10_000))).ingest(bundle,
                            ReadOptions.defaults(), IngestParameters.defaults().withName("cypher-" + n), ProgressListener.NONE);
                    cypherWrite = c.stepMillis().get("write") / 1e3;
                    cypherRate = (c.cells() + c.edges()) / cypherWrite;
                    cypherCpu = slow.seconds;
                    cwb = writeBack(graph, "cypher-" + n, tiles, tiles.tiles("cypher-" + n, "train"), wbTiles, true);
                }
                double writeS = r.stepMillis().get("write") / 1e3;
                Row row = new Row(n, r.edges(), r.tiles(), ingestSecs, r.stepMillis().get("read") / 1e3, writeS,
                        n / ingestSecs, r.edges() / ingestSecs, (n + r.edges()) / writeS, peakHeap, peakRss, read[0],
                        read[1], wb[0], wb[1], String.valueOf(r.stepMillis()), cypherWrite, cypherRate, cwb[0], cwb[1],
                        load, fast.seconds, cypherCpu);
                rows.add(row);
                System.out.printf(Locale.ROOT, "BENCH cells=%d genes=300 generate=%.1fs delaunay=%.2fs (%d edges, %.2f/cell) "
                                + "ingest=%.1fs steps=%s edges=%d tiles=%d peakHeap=%dMiB peakRss=%dMiB "
                                + "tileSubgraph median=%.2fms p99=%.2fms (%.0f cells/tile) writeBack cells/s=%.0f edges/s=%.0f "
                                + "cypher write=%.1fs (%.0f records/s) cypher writeBack cells/s=%.0f edges/s=%.0f load=%s "
                                + "writeCpu=%.1fs cypherWriteCpu=%.1fs%n",
                        n, genSecs, delaunaySecs, g.edgeCount(), g.edgeCount() / (double) n, ingestSecs, r.stepMillis(),
                        r.edges(), r.tiles(), peakHeap, peakRss, read[0], read[1], (double) n / Math.max(1, r.tiles()),
                        wb[0], wb[1], cypherWrite, cypherRate, cwb[0], cwb[1], load, fast.seconds, cypherCpu);
                deleteTree(bundle);
            }
        } finally {
            deleteTree(root);
        }
        System.out.println(table(rows));
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| cells | NEAR edges | whole ingest | read / write | ingest cells/s | ingest edges/s | write records/s "
                + "| peak heap | peak RSS | tile read median / p99 | write-back cells/s / LEARNED edges/s "
                + "| Cypher path: write, records/s | Cypher write-back cells/s / edges/s | write CPU: fast / Cypher | load avg |\n");
        b.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f s | %.1f / %.1f s | %,.0f | %,.0f | %,.0f | %,d MiB | %,d MiB "
                            + "| %.2f / %.2f ms | %,.0f / %,.0f | %s | %s | %.1f / %s s | %s |%n",
                    r.cells(), r.edges(), r.ingestS(), r.readS(), r.writeS(), r.cellsPerS(), r.edgesPerS(),
                    r.writeRecordsPerS(), r.peakHeapMiB(), r.peakRssMiB(), r.readMedianMs(), r.readP99Ms(),
                    r.wbCellsPerS(), r.wbEdgesPerS(),
                    Double.isNaN(r.cypherWriteS()) ? "-" : String.format(Locale.ROOT, "%.1f s, %,.0f", r.cypherWriteS(), r.cypherRecordsPerS()),
                    Double.isNaN(r.cypherWbCellsPerS()) ? "-" : String.format(Locale.ROOT, "%,.0f / %,.0f", r.cypherWbCellsPerS(), r.cypherWbEdgesPerS()),
                    r.writeCpuS(), Double.isNaN(r.cypherWriteCpuS()) ? "-" : String.format(Locale.ROOT, "%.1f", r.cypherWriteCpuS()),
                    r.load()));
        }
        for (int i = 1; i < rows.size(); i++) {
            Row a = rows.get(i - 1);
            Row c = rows.get(i);
            double dx = Math.log((double) c.cells() / a.cells());
            b.append(String.format(Locale.ROOT, "slope log-log %,d -> %,d cells: ingest time %.2f, write time %.2f, "
                            + "peak heap %.2f, peak RSS %.2f%n", a.cells(), c.cells(),
                    Math.log(c.ingestS() / a.ingestS()) / dx, Math.log(c.writeS() / a.writeS()) / dx,
                    Math.log((double) c.peakHeapMiB() / a.peakHeapMiB()) / dx,
                    Math.log((double) c.peakRssMiB() / a.peakRssMiB()) / dx));
        }
        return b.toString();
    }

    /** Warm tile-subgraph reads: 50 to warm, then up to 500 timed; median and p99 in ms. */
    static double[] readLatency(TileRepository tiles, List<TileInfo> list) {
        return readLatency(tiles, list, 50);
    }

    /** Median and p99 in ms of 500 warm tile-subgraph reads after {@code warmUp} reads. */
    static double[] readLatency(TileRepository tiles, List<TileInfo> list, int warmUp) {
        for (int i = 0; i < warmUp; i++) {
            tiles.subgraph(list.get(i % list.size()).id());
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < Math.min(500, list.size() * 4); i++) {
            TileInfo t = list.get(i % list.size());
            long a = System.nanoTime();
            tiles.subgraph(t.id());
            ms.add((System.nanoTime() - a) / 1e6);
        }
        ms.sort(Double::compare);
        return new double[] {ms.get(ms.size() / 2), ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1))};
    }

    /**
     * Writes cell embeddings (3 scales x 64 floats) and 3 LEARNED edges per cell (one per scale, to another cell of
     * the tile) for up to {@code maxTiles} tiles, one transaction per tile; returns cells/s and edges/s over the
     * whole write. {@code cypher}: the same through UNWIND $rows MATCH/SET and MATCH/CREATE.
     */
    static double[] writeBack(org.sigmma.store.GraphStore graph, String section, TileRepository tiles, List<TileInfo> list,
                              int maxTiles, boolean cypher) {
        int dim = 64;
        Random rnd = new Random(5);
        List<TileSubgraph> subgraphs = new ArrayList<>();
        for (int i = 0; i < Math.min(maxTiles, list.size()); i++) {
            tiles.subgraph(list.get(i).id()).ifPresent(subgraphs::add);
        }
        EmbeddingWriter writer = cypher ? new org.sigmma.store.write.CypherEmbeddingWriter(graph.access())
                : graph.embeddingWriter();
        long cells = 0;
        long edges = 0;
        long t = System.nanoTime();
        for (TileSubgraph sg : subgraphs) {
            int m = sg.nCells();
            float[][] z = new float[3][m * dim];
            for (float[] a : z) {
                for (int k = 0; k < a.length; k++) {
                    a[k] = (float) rnd.nextGaussian();
                }
            }
            List<EmbeddingWriter.Learned> learned = new ArrayList<>();
            for (int i = 0; i < m && m > 1; i++) {
                for (String scale : Scale.ids()) {
                    int j = (i + 1 + rnd.nextInt(m - 1)) % m;
                    learned.add(new EmbeddingWriter.Learned(sg.cellIds()[i], sg.cellIds()[j], scale, rnd.nextDouble()));
                }
            }
            float[][] tileEmb = new float[3][dim];
            writer.writeTile(section, sg.tile().id(), "bench-run", tileEmb, tileEmb, sg.cellIds(), z, dim, learned);
            cells += m;
            edges += learned.size();
        }
        double secs = (System.nanoTime() - t) / 1e9;
        return new double[] {cells / secs, edges / secs};
    }

    /** Process CPU time (all threads) spent inside a writer's write: the figure that survives a busy machine. */
    static final class CpuTimed {
        double seconds;

        SectionWriter wrap(SectionWriter w) {
            return (data, progress) -> {
                long c0 = cpuNanos();
                try {
                    return w.write(data, progress);
                } finally {
                    seconds += (cpuNanos() - c0) / 1e9;
                }
            };
        }

        static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Peak heap (sum of the heap pools' peaks) and peak RSS (VmHWM) since the last reset. */
    static final class Peaks {
        static void reset() {
            for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == java.lang.management.MemoryType.HEAP) {
                    p.resetPeakUsage();
                }
            }
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM to the current RSS
            } catch (IOException | RuntimeException e) {
                // not Linux, or not allowed: the peak then counts from the JVM's start
            }
        }

        static long heapBytes() {
            long sum = 0;
            for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == java.lang.management.MemoryType.HEAP) {
                    sum += p.getPeakUsage().getUsed();
                }
            }
            return sum;
        }

        static long rssBytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return 0;
        }
    }

    /** Cells at ~1 per 100 um^2 and a MEX matrix; returns the coordinates. */
    static double[][] writeBundle(Path dir, int n, int genes, int meanCounts, long seed) throws IOException {
        Files.createDirectories(dir.resolve("cell_feature_matrix"));
        Random r = new Random(seed);
        double side = Math.sqrt(n * 100.0);
        double[] x = new double[n];
        double[] y = new double[n];
        try (BufferedWriter w = gz(dir.resolve("cells.csv.gz"))) {
            w.write("cell_id,x_centroid,y_centroid,transcript_counts,control_probe_counts,control_codeword_counts,total_counts,cell_area,nucleus_area\n");
            for (int i = 0; i < n; i++) {
                x[i] = r.nextDouble() * side;
                y[i] = r.nextDouble() * side;
                w.write((i + 1) + "," + x[i] + "," + y[i] + ",0,0,0,0,50.0,20.0\n");
            }
        }
        try (BufferedWriter w = gz(dir.resolve("cell_feature_matrix/barcodes.tsv.gz"))) {
            for (int i = 0; i < n; i++) {
                w.write((i + 1) + "\n");
            }
        }
        try (BufferedWriter w = gz(dir.resolve("cell_feature_matrix/features.tsv.gz"))) {
            for (int gIdx = 0; gIdx < genes; gIdx++) {
                w.write("ENSG" + gIdx + "\tGene" + gIdx + "\tGene Expression\n");
            }
        }
        // entries per cell: Poisson-ish around meanCounts spread over genes with a skewed profile
        StringBuilder body = new StringBuilder();
        long nnz = 0;
        double[] weight = new double[genes];
        double sum = 0;
        for (int gIdx = 0; gIdx < genes; gIdx++) {
            weight[gIdx] = 1.0 / (1 + gIdx * 0.05);
            sum += weight[gIdx];
        }
        Path tmp = dir.resolve("entries.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
            int[] c = new int[genes];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(c, 0);
                int total = Math.max(1, (int) Math.round(meanCounts * Math.exp(r.nextGaussian() * 0.4)));
                for (int k = 0; k < total; k++) {
                    double u = r.nextDouble() * sum;
                    int gIdx = 0;
                    while (u > weight[gIdx] && gIdx < genes - 1) {
                        u -= weight[gIdx++];
                    }
                    c[gIdx]++;
                }
                body.setLength(0);
                for (int gIdx = 0; gIdx < genes; gIdx++) {
                    if (c[gIdx] > 0) {
                        body.append(gIdx + 1).append(' ').append(i + 1).append(' ').append(c[gIdx]).append('\n');
                        nnz++;
                    }
                }
                w.write(body.toString());
            }
        }
        try (BufferedWriter w = gz(dir.resolve("cell_feature_matrix/matrix.mtx.gz"))) {
            w.write("%%MatrixMarket matrix coordinate integer general\n");
            w.write(genes + " " + n + " " + nnz + "\n");
            try (var lines = Files.newBufferedReader(tmp)) {
                lines.transferTo(w);
            }
        }
        Files.delete(tmp);
        return new double[][] {x, y};
    }

    private static BufferedWriter gz(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(p), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        }
    }

}
