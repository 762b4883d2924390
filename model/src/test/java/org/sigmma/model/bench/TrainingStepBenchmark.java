package org.sigmma.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.SyntheticTiles;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.store.TempDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training throughput on the CPU at the default model size (docs/method.md's settings: CNN 16-32-64-64
 * on 32 px crops of 256 px tiles, hidden 64, k = 16, batch 32) with about 110 cells per tile and
 * PCA-32 node features. Each variant trains two epochs of 6 steps; the second epoch's rate is the
 * steady state (the first pays for warm-up). Run with
 * {@code mvn -pl model -am test -Dtest.excludedGroups=none -Dgroups=benchmark}.
 */
@Tag("benchmark")
class TrainingStepBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingStepBenchmark.class);

    @Test
    void oneTrainingStepAtTheDefaultSize() throws Exception {
        InMemoryTileSource src = new SyntheticTiles(new SyntheticTiles.Spec(192, 0, 0, 100, 120,
                32, 256, 6, 0.5f, 3)).source();
        String[] variants = System.getProperty("bench.variants") != null
                ? System.getProperty("bench.variants").split(";") : new String[] {
            // the thread count is process-wide, so every variant names it
            "{\"cpuThreads\": 2}",
            "{\"cpuThreads\": 1}",
            "{\"cpuThreads\": 1, \"noGraph\": true}",
            "{\"cpuThreads\": 1, \"candidatesK\": 0}",
        };
        StringBuilder table = new StringBuilder("\nvariant | tiles/s (epoch 2) | s/step | peak RSS"
                + " MiB\n");
        for (String v : variants) {
            TrainingConfig c = TrainingConfig.defaults().with(Map.of("epochs", 2, "patience", 0,
                    "device", "cpu", "progressSeconds", 5)).with(v);
            Path dir = TempDirs.create("bench");
            TrainingResult r = new SigmmaTrainer(c, src, dir).train(TrainingListener.NONE);
            double tps = ((Number) r.epochs().get(1).get("tiles_per_second")).doubleValue();
            table.append(String.format("%s | %.1f | %.2f | %d%n", v, tps, 32 / tps, peakRssMib()));
        }
        LOG.info("training step benchmark, {} cores:{}", Runtime.getRuntime()
                .availableProcessors(), table);
    }

    /** The process's peak resident memory (JVM heap and libtorch together), from /proc. */
    static long peakRssMib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
