package org.sigmma.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingProgress;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.store.GraphStore;
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
        try (GraphStore graph = store.store()) {
            Pipeline pipeline = new Pipeline(graph);
            Path checkpoints = pipeline.checkpoints(runId);
            TrainingResult result = pipeline.train(runId, sections, cfg, "train",
                    new TrainingListener() {
                        long last;

                        @Override
                        public void onStep(TrainingProgress p) {
                            long now = System.nanoTime();
                            if (now - last > 10_000_000_000L) { // within long epochs only: the epoch line follows
                                last = now;
                                System.out.println(p.line());
                            }
                        }
                    });
            System.out.printf(Locale.ROOT, "run %s: %d epochs on %s, best epoch %d (validation recall %.3f), %s; checkpoints in %s%n",
                    runId, result.epochs().size(), result.device(), result.bestEpoch(), result.bestRecall(), result.stopReason(),
                    checkpoints);
            System.out.println("next: sigmma embed --run " + runId + " --data " + store.dataDir);
        }
        return 0;
    }

}
