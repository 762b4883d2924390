package org.sigmma.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sigmma.model.store.GraphTileSource;
import org.sigmma.model.train.ProgressListener;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingProgress;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.RunRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains SIGMMA on the tiles of READY sections and records a Run node. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the SIGMMA alignment on tile subgraphs of READY sections; checkpoints each epoch, resumes when re-run with the same --run.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--sections", required = true, split = ",", description = "section ids to train on")
    List<String> sections;

    @Option(names = "--run", description = "run id (default: a new one); an existing run's checkpoints are resumed")
    String run;

    @Option(names = "--epochs", description = "epochs (default: the config's)")
    Integer epochs;

    @Option(names = "--batch", description = "tiles per batch (default: the config's)")
    Integer batch;

    @Option(names = "--config", description = "a JSON file of TrainingConfig fields overriding the defaults")
    Path config;

    @Option(names = "--set", description = "a config field name=value (repeatable), e.g. --set noGraph=true")
    Map<String, String> set = new HashMap<>();

    @Option(names = "--device", description = "auto | cpu | gpu | gpu:N (default: the config's, auto)")
    String device;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg = TrainingConfig.defaults();
        if (config != null) {
            cfg = cfg.with(Files.readString(config));
        }
        Map<String, Object> overrides = new HashMap<>();
        set.forEach((k, v) -> overrides.put(k, CypherCommand.parse(v)));
        if (epochs != null) {
            overrides.put("epochs", epochs);
        }
        if (batch != null) {
            overrides.put("batchSize", batch);
        }
        if (device != null) {
            overrides.put("device", device);
        }
        if (!overrides.isEmpty()) {
            cfg = cfg.with(overrides);
        }
        String runId = run != null ? run : "run-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path checkpoints = store.dataDir.resolve("runs").resolve(runId);
        ObjectMapper json = new ObjectMapper();
        try (EmbeddedGraph graph = store.open()) {
            RunRepository runs = new RunRepository(graph.access());
            runs.start(runId, "train", sections, cfg.toJson(), checkpoints.toString());
            GraphTileSource source = new GraphTileSource(graph.access(), sections, store.dataDir);
            List<Map<String, Object>> epochMetrics = new java.util.ArrayList<>();
            TrainingResult result;
            try {
                result = new SigmmaTrainer(cfg, source, checkpoints).train(new ProgressListener() {
                    long last;

                    @Override
                    public void onStep(TrainingProgress p) {
                        long now = System.nanoTime();
                        if (now - last > 10_000_000_000L) { // within long epochs only: the epoch line follows
                            last = now;
                            System.out.println(p.line());
                        }
                    }

                    @Override
                    public void onEpoch(Map<String, Object> metrics) {
                        // the trainer logs one readable line per epoch; every metric goes to the (:Run) node
                        epochMetrics.add(metrics);
                        try {
                            runs.metrics(runId, json.writeValueAsString(Map.of("epochs", epochMetrics)));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            } catch (RuntimeException | java.io.IOException e) {
                runs.finish(runId, "FAILED", json.writeValueAsString(Map.of("epochs", epochMetrics, "error", String.valueOf(e.getMessage()))));
                throw e;
            }
            Map<String, Object> summary = new HashMap<>();
            summary.put("epochs", result.epochs());
            summary.put("bestEpoch", result.bestEpoch());
            summary.put("bestValRecall", result.bestRecall());
            summary.put("stopReason", result.stopReason());
            summary.put("device", result.device());
            runs.finish(runId, "DONE", json.writeValueAsString(summary));
            System.out.printf(Locale.ROOT, "run %s: %d epochs on %s, best epoch %d (validation recall %.3f), %s; checkpoints in %s%n",
                    runId, result.epochs().size(), result.device(), result.bestEpoch(), result.bestRecall(), result.stopReason(),
                    checkpoints);
            System.out.println("next: sigmma embed --run " + runId + " --data " + store.dataDir);
        }
        return 0;
    }

}
