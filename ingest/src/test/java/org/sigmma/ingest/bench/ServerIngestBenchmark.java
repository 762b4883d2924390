package org.sigmma.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.IngestReport;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.GraphStore;
import org.sigmma.store.Neo4jServer;
import org.sigmma.store.ServerGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.TileInfo;
import org.sigmma.store.TileRepository;

/**
 * The embedded store and a Neo4j server over Bolt side by side (issue 16), one size at a time, the same generated
 * bundle for both (IngestBenchmark's: uniform cells at Xenium density, 300 genes, ~120 counts per cell): whole ingest
 * (wall, and the write step alone), the warm tile-subgraph read (median, p99) and the write-back of cell embeddings
 * and LEARNED edges. Not a unit test; run with {@code mvn -B -o -q -pl ingest test -Dtest=ServerIngestBenchmark
 * -Dtest.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false -Dbench.sizes=100000,500000
 * "-Dtest.heap=-Xmx6g"}. Each finished size is appended to {@code bench.out} (default
 * docs/results/server-vs-embedded.jsonl) as soon as it is measured, so a stopped run keeps what it finished
 * ({@code bench.stores=server} measures one side only, {@code bench.warmupReads} sets the reads before the timed ones). The
 * server runs in a child JVM on the same machine (heap 3 GiB, page cache 2 GiB): client and server share its cores.
 */
@Tag("benchmark")
class ServerIngestBenchmark {

    @Test
    void embeddedAndServerSideBySide() throws Exception {
        String sizes = System.getProperty("bench.sizes", "100000");
        Path out = Path.of(System.getProperty("bench.out", "../docs/results/server-vs-embedded.jsonl"));
        int wbTiles = Integer.getInteger("bench.writeBackTiles", 200);
        List<String> stores = List.of(System.getProperty("bench.stores", "embedded,server").split(","));
        Path root = Files.createTempDirectory("sigmma-server-bench");
        String password = "sigmma-bench-server";
        try (Neo4jServer server = Neo4jServer.start(password, false, 3072, 2048)) {
            for (String s : sizes.split(",")) {
                int n = Integer.parseInt(s.trim());
                Path bundle = root.resolve("bundle-" + n);
                IngestBenchmark.writeBundle(bundle, n, 300, 120, 11);
                String embedded = "null";
                if (stores.contains("embedded")) {
                    try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(root.resolve("embedded-" + n))
                            .withoutGds().withPageCache(2L << 30))) {
                        embedded = measure("embedded", graph, bundle, n, wbTiles);
                    }
                }
                String remote = "null";
                if (stores.contains("server")) {
                    try (ServerGraph graph = ServerGraph.connect(server.uri(), AuthTokens.basic(Neo4jServer.USER, password),
                            null, Files.createDirectories(root.resolve("client-" + n)), ServerGraph.DEFAULT_LEASE)) {
                        remote = measure("server", graph, bundle, n, wbTiles);
                    }
                }
                String line = "{\"cells\": " + n + ", \"embedded\": " + embedded + ", \"server\": " + remote
                        + ", \"load\": \"" + IngestBenchmark.load() + "\"}\n";
                System.out.print("RESULT " + line);
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    private static String measure(String side, GraphStore graph, Path bundle, int n, int wbTiles) {
        System.gc();
        String name = "bench-" + n;
        long t = System.nanoTime();
        IngestReport r = new SectionLoader(graph).ingest(bundle, ReadOptions.defaults(),
                IngestParameters.defaults().withName(name), ProgressListener.NONE);
        double ingest = (System.nanoTime() - t) / 1e9;
        double write = r.stepMillis().get("write") / 1e3;
        TileRepository tiles = new TileRepository(graph.access());
        List<TileInfo> list = tiles.tiles(name, "train");
        // the server's JIT warms over more reads than the embedded kernel path needs: bench.warmupReads (default 50)
        double[] read = IngestBenchmark.readLatency(tiles, list, Integer.getInteger("bench.warmupReads", 50));
        double[] wb = IngestBenchmark.writeBack(graph, name, tiles, list, wbTiles, false);
        String json = String.format(Locale.ROOT, "{\"ingestS\": %.1f, \"writeS\": %.1f, \"cells\": %d, \"edges\": %d, "
                        + "\"tiles\": %d, \"writeRecordsPerS\": %.0f, \"readMedianMs\": %.2f, \"readP99Ms\": %.2f, "
                        + "\"writeBackCellsPerS\": %.0f, \"writeBackEdgesPerS\": %.0f}",
                ingest, write, r.cells(), r.edges(), r.tiles(), (r.cells() + r.edges()) / write, read[0], read[1], wb[0], wb[1]);
        System.out.println(side + " " + n + ": " + json);
        return json;
    }
}
