package org.sigmma.model.graph;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.eval.EvalTile;
import org.sigmma.model.eval.Evaluation;
import org.sigmma.model.eval.GenePredictor;
import org.sigmma.model.eval.PredictorFile;
import org.sigmma.model.eval.ProbeParameters;
import org.sigmma.model.eval.ReportFiles;
import org.sigmma.model.eval.SimulatorTruth;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.RunRepository;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;

/** The evaluation over a real store: simulated section, two trainings with one seed, evaluated and recorded. */
class RunEvaluationTest {

    static Path dir;
    static Path bundle;
    static EmbeddedGraph graph;

    @BeforeAll
    static void simulateIngestAndTrainTwice() throws Exception {
        dir = Files.createTempDirectory("sigmma-run-evaluation");
        bundle = dir.resolve("bundle");
        BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(3000, 120, 5)), bundle, f -> { });
        graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")).withoutGds().withPageCache(64L << 20));
        new SectionLoader(graph).ingest(bundle, ReadOptions.defaults(),
                IngestParameters.defaults().withName("sim").withFeatures(120, 16), ProgressListener.NONE);
        GraphTileSource source = new GraphTileSource(graph.access(), List.of("sim"), dir.resolve("data"));
        TrainingConfig cfg = TrainingConfig.defaults().with(Map.of("epochs", 1, "batchSize", 8, "cpuThreads", 1,
                "device", "cpu", "seed", 3));
        RunRepository runs = new RunRepository(graph.access());
        for (String run : new String[] {"a", "b"}) {
            Path ckpt = dir.resolve("data/runs/" + run);
            runs.start(run, "train", List.of("sim"), cfg.toJson(), ckpt.toString());
            new SigmmaTrainer(cfg, source, ckpt).train(org.sigmma.model.train.TrainingListener.NONE);
            runs.finish(run, "DONE", "{}");
        }
    }

    @AfterAll
    static void close() throws Exception {
        graph.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void sameSeedSameNumbersAndTheRunKeepsItsEvaluation() throws Exception {
        Map<String, SimulatorTruth> truths = RunEvaluation.truths(Map.of("sim", bundle));
        ProbeParameters probe = ProbeParameters.defaults();
        RunEvaluation.Outcome a = RunEvaluation.evaluate(graph.access(), dir.resolve("data"), "a", probe, "cpu", truths);
        RunEvaluation.Outcome b = RunEvaluation.evaluate(graph.access(), dir.resolve("data"), "b", probe, "cpu", truths);
        // two trainings with one seed on the CPU (one thread) give the same figures to the last bit
        assertEquals(ReportFiles.json(a.report(), "x"), ReportFiles.json(b.report(), "x"));
        Evaluation.Report r = a.report();
        assertEquals(50, r.genes().length);
        assertNotNull(r.row("composition"), "the simulator's truth gives the composition ceiling");
        assertNotNull(r.recall("macro", "he2st", "same-domain"), "and retrieval within a domain");
        assertNotNull(r.recall("combined", "st2he", "all"));
        assertTrue(r.testTiles() > 0 && r.validationTiles() > 0);
        for (String f : new String[] {ReportFiles.JSON_FILE, ReportFiles.MARKDOWN_FILE, ReportFiles.RECALL_PLOT,
            ReportFiles.GENE_PLOT}) {
            assertTrue(Files.size(a.reportDir().resolve(f)) > 100, f);
        }
        RunRepository.RunInfo info = new RunRepository(graph.access()).run("a").orElseThrow();
        assertTrue(info.evaluation().contains("\"geneExpression\""), info.evaluation());
        assertEquals(a.predictorFile().toAbsolutePath().toString(), info.predictor());
        List<GenePredictor> stored = PredictorFile.read(Path.of(info.predictor()));
        assertEquals(List.of("he-macro", "he-concat"), stored.stream().map(GenePredictor::input).toList());
        assertArrayEquals(r.genes(), stored.get(1).genes());
        double[] x = new double[stored.get(1).inputDim()];
        assertArrayEquals(r.predictors().get(1).predict(x), stored.get(1).predict(x), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> RunEvaluation.evaluate(graph.access(), dir.resolve("data"), "no-such-run", probe, "cpu", truths));
    }

    @Test
    void tileExpressionIsTheMeanLog1pOfItsCells() throws Exception {
        SimulatorTruth truth = SimulatorTruth.read(bundle);
        GraphTileSource source = new GraphTileSource(graph.access(), List.of("sim"), dir.resolve("data"));
        Evaluation.Input in;
        try (var e = org.sigmma.model.infer.Embedder.open(dir.resolve("data/runs/a"), "cpu")) {
            in = RunEvaluation.collect(graph.access(), source, List.of("sim"), e, Map.of("sim", truth));
        }
        EvalTile t = in.test().get(0);
        // the same figure recomputed here from the cells' stored counts: mean of log1p(count * 1e4 / library)
        List<Map<String, Object>> cells = graph.query("MATCH (t:Tile {id: $id}) MATCH (c:Cell {section: t.section, "
                + "tile: t.index}) RETURN c.countGenes AS g, c.counts AS v", Map.of("id", t.tileId()));
        int gene = 0;
        double best = -1;
        for (int j = 0; j < t.expression().length; j++) {
            if (t.expression()[j] > best) {
                best = t.expression()[j];
                gene = j;
            }
        }
        double sum = 0;
        for (Map<String, Object> c : cells) {
            int[] g = Values.asIntArray(c.get("g"));
            int[] v = Values.asIntArray(c.get("v"));
            double lib = java.util.Arrays.stream(v).sum();
            for (int k = 0; k < g.length; k++) {
                if (g[k] == gene) {
                    sum += Math.log(1 + v[k] * 1e4 / lib);
                }
            }
        }
        assertTrue(best > 0);
        assertEquals(sum / cells.size(), t.expression()[gene], 1e-9);
        double total = 0;
        for (double p : t.composition()) {
            total += p;
        }
        assertEquals(1, total, 1e-9);
        assertTrue(t.domain() >= 0 && t.domain() < truth.domains().size());
        assertEquals(3, t.he().length);
    }
}
