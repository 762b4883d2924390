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
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.TileInfo;
import org.sigmma.store.TileRepository;

/**
 * The ingest benchmark of the section-store issue (not a unit test; run with
 * {@code mvn -pl ingest -am test -Dtest=IngestBenchmark -Dtest.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false -Dbench.sizes=100000,500000}).
 * Generated sections: uniform random cell positions at Xenium density (~1 cell per 100 um^2), 300 genes, sparse
 * negative-binomial-like counts (~120 per cell). Prints neighbour-graph time, whole-ingest time with its steps,
 * heap, and the median warm tile-subgraph read.
 */
@Tag("benchmark")
class IngestBenchmark {

    @Test
    void ingestGeneratedSections() throws IOException {
        String sizes = System.getProperty("bench.sizes", "100000,500000");
        Path root = Files.createTempDirectory("sigmma-ingest-bench");
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

                System.gc();
                long t1 = System.nanoTime();
                IngestReport r = new SectionLoader(graph).ingest(bundle, ReadOptions.defaults(),
                        IngestParameters.defaults().withName("bench-" + n), ProgressListener.NONE);
                double ingestSecs = (System.nanoTime() - t1) / 1e9;
                Runtime rt = Runtime.getRuntime();

                TileRepository tiles = new TileRepository(graph.access());
                List<TileInfo> list = tiles.tiles("bench-" + n, "train");
                for (int i = 0; i < Math.min(50, list.size()); i++) {
                    tiles.subgraph(list.get(i).id()); // warm
                }
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < Math.min(500, list.size() * 4); i++) {
                    TileInfo t = list.get(i % list.size());
                    long a = System.nanoTime();
                    tiles.subgraph(t.id());
                    ms.add((System.nanoTime() - a) / 1e6);
                }
                ms.sort(Double::compare);
                System.out.printf(Locale.ROOT, "BENCH cells=%d genes=300 generate=%.1fs delaunay=%.2fs (%d edges, %.2f/cell) "
                                + "ingest=%.1fs steps=%s edges=%d tiles=%d heapUsed=%dMiB heapMax=%dMiB "
                                + "tileSubgraph median=%.2fms p90=%.2fms (%.0f cells/tile)%n",
                        n, genSecs, delaunaySecs, g.edgeCount(), g.edgeCount() / (double) n, ingestSecs, r.stepMillis(),
                        r.edges(), r.tiles(), (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20,
                        ms.get(ms.size() / 2), ms.get(ms.size() * 9 / 10), (double) n / Math.max(1, r.tiles()));
                deleteTree(bundle);
            }
        } finally {
            deleteTree(root);
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
