package org.sigmma.pipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.GraphStore;
import org.sigmma.store.Neo4jServer;
import org.sigmma.store.ServerGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.TempDirs;

/**
 * Training and write-back on the two stores side by side (issue 16): one simulated section (bench.cells, default
 * 12,000, with its H&amp;E) ingested into a fresh embedded store and into a Neo4j server over Bolt (a child JVM on
 * this machine), then the same training (bench.epochs epochs, default 2, batches of 16, the default config and seed)
 * and the write-back on each. Prints and writes (bench.out, default docs/results/server-vs-embedded-training.json) each
 * epoch's tiles/s, seconds and training loss, and the write-back's seconds. Not a unit test: {@code mvn -B -o -q -pl api
 * test -Dtest=ServerTrainingBenchmark -Dtest.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ServerTrainingBenchmark {

    @Test
    void trainingAndWriteBackOnBothStores() throws Exception {
        int cells = Integer.getInteger("bench.cells", 12_000);
        int epochs = Integer.getInteger("bench.epochs", 2);
        Path out = Path.of(System.getProperty("bench.out", "../docs/results/server-vs-embedded-training.json"));
        Path dir = TempDirs.create("server-training-bench");
        String password = "sigmma-train-bench";
        try {
            Path bundle = dir.resolve("bundle");
            Pipeline.simulate(SimulationParameters.of(cells, 300, 1), bundle,
                    BundleWriter.Options.defaults().withParquet(false).withMex(false), ProgressListener.NONE);
            List<String> sides = new ArrayList<>();
            try (Neo4jServer neo4j = Neo4jServer.start(password, false, 2048, 1024)) {
                try (EmbeddedGraph embedded = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("embedded")).withoutGds())) {
                    sides.add(side("embedded", embedded, bundle, epochs));
                }
                try (ServerGraph server = ServerGraph.connect(neo4j.uri(), AuthTokens.basic(Neo4jServer.USER, password),
                        null, Files.createDirectories(dir.resolve("client")), ServerGraph.DEFAULT_LEASE)) {
                    sides.add(side("server", server, bundle, epochs));
                }
            }
            String json = "{\"cells\": " + cells + ", \"epochs\": " + epochs + ", \"stores\": [" + String.join(", ", sides)
                    + "]}\n";
            System.out.print("RESULT " + json);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static String side(String name, GraphStore store, Path bundle, int epochs) throws Exception {
        Pipeline p = new Pipeline(store);
        long t0 = System.nanoTime();
        p.ingest(bundle, ReadOptions.defaults(), IngestParameters.defaults().withName("bench"), ProgressListener.NONE);
        double ingestS = (System.nanoTime() - t0) / 1e9;
        TrainingConfig config = TrainingConfig.defaults().with(Map.of("epochs", epochs, "batchSize", 16));
        TrainingResult r = p.train("bench-run", List.of("bench"), config, "benchmark", TrainingListener.NONE);
        long t1 = System.nanoTime();
        p.embed("bench-run", null, "cpu", 64, ProgressListener.NONE);
        double embedS = (System.nanoTime() - t1) / 1e9;
        StringBuilder e = new StringBuilder();
        for (Map<String, Object> m : r.epochs()) {
            e.append(e.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"epoch\": %s, \"tilesPerS\": %.2f, \"seconds\": %.1f, \"trainLoss\": %.6f}", m.get("epoch"),
                    ((Number) m.get("tiles_per_second")).doubleValue(), ((Number) m.get("epoch_seconds")).doubleValue(),
                    ((Number) m.get("train_loss")).doubleValue()));
        }
        String json = String.format(Locale.ROOT, "{\"store\": \"%s\", \"ingestS\": %.1f, \"embedS\": %.1f, \"epochs\": [%s]}",
                name, ingestS, embedS, e);
        System.out.println(name + ": " + json);
        return json;
    }
}
