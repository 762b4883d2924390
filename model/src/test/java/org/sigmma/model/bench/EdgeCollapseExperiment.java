package org.sigmma.model.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.SyntheticTiles;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.eval.Retrieval;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.infer.TileEmbedding;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.store.TempDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the edge scorer collapse, and which remedy helps? Trains the learning test's set-up
 * (simulated tiles with contact programmes, so that arrangement is visible in both modalities)
 * with the paper's soft relaxed samples and with the remedies docs/method.md lists, and reports the
 * edge diagnostics of the last epoch plus test retrieval with the added edges on and off. Run
 * with {@code -Dtest.excludedGroups=none -Dgroups=benchmark -Dtest=EdgeCollapseExperiment}.
 */
@Tag("benchmark")
class EdgeCollapseExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeCollapseExperiment.class);

    @Test
    void scorerDiagnosticsPerRemedy() throws Exception {
        InMemoryTileSource src = new SyntheticTiles(new SyntheticTiles.Spec(256, 64, 60, 12, 30,
                16, 64, 6, 0.5f, 1)).source();
        String[] variants = System.getProperty("collapse.variants") != null
                ? System.getProperty("collapse.variants").split(";") : new String[] {
            "{}",
            "{\"edgeSampling\": \"hard-st\"}",
            "{\"gumbelTau\": 1.0, \"gumbelTauEnd\": 0.1}",
            "{\"keepRateWeight\": 1.0, \"keepRateTarget\": 0.3}",
            "{\"edgeSampling\": \"hard-st\", \"keepRateWeight\": 1.0, \"keepRateTarget\": 0.3,"
                    + " \"gumbelTau\": 1.0, \"gumbelTauEnd\": 0.1}",
            "{\"noGraph\": true}",
        };
        StringBuilder table = new StringBuilder("\nvariant | meso mean/spread/keep | macro"
                + " mean/spread/keep | val R@10 on/off | test R@5 on/off | test R@10 on/off\n");
        for (String v : variants) {
            TrainingConfig c = TrainingConfig.defaults().with(Map.of("epochs", 20, "batchSize", 16,
                    "cropSize", 16, "hidden", 32, "projection", 32, "cnnChannels",
                    List.of(8, 16, 32), "patience", 0, "device", "cpu", "cpuThreads", 1,
                    "seed", 1)).with(v);
            Path dir = TempDirs.create("collapse");
            TrainingResult r = new SigmmaTrainer(c, src, dir).train(TrainingListener.NONE);
            Map<String, Object> last = r.epochs().get(r.epochs().size() - 1);
            double[] on;
            double[] off;
            try (Embedder e = Embedder.open(dir, "cpu")) {
                List<String> test = src.tileIds(TileSource.TEST);
                on = recalls(e.embed(src, test, Embedder.Options.tilesOnly(), null).tiles());
                off = recalls(e.embed(src, test, new Embedder.Options(false, false, true, 0), null)
                        .tiles());
            }
            table.append(String.format("%s | %s | %s | %s/%s | %.3f/%.3f | %.3f/%.3f%n", v,
                    triple(last, "meso"), triple(last, "macro"),
                    fmt(last.get("val_recall10_he2st")),
                    fmt(last.get("val_recall10_he2st_added_edges_off")), on[0], off[0], on[1],
                    off[1]));
            LOG.info("edge collapse experiment so far:{}", table);
        }
    }

    private static double[] recalls(List<TileEmbedding> t) {
        float[][] he = t.stream().map(x -> x.image()[2]).toArray(float[][]::new);
        float[][] st = t.stream().map(x -> x.spot()[2]).toArray(float[][]::new);
        return new double[] {Retrieval.recall(he, st, 0.05), Retrieval.recall(he, st, 0.10)};
    }

    private static String triple(Map<String, Object> m, String scale) {
        if (!m.containsKey("edge_" + scale + "_mean")) {
            return "-";
        }
        return fmt(m.get("edge_" + scale + "_mean")) + "/" + fmt(m.get("edge_" + scale
                + "_spread")) + "/" + fmt(m.get("edge_" + scale + "_keep"));
    }

    private static String fmt(Object o) {
        return o == null ? "-" : String.format("%.3f", ((Number) o).doubleValue());
    }
}
