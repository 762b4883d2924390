package org.sigmma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.eval.BenchmarkSummary;
import org.sigmma.model.eval.Evaluation;
import org.sigmma.model.eval.LearnedEdgeReport;
import org.sigmma.model.eval.LinePlot;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.eval.ProbeParameters;
import org.sigmma.model.eval.ReportFiles;
import org.sigmma.model.eval.SimulatorTruth;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.graph.GraphTileSource;
import org.sigmma.model.graph.RunEvaluation;
import org.sigmma.model.graph.TrainingRun;
import org.sigmma.model.train.Checkpoints;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.progress.ConsoleProgress;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.SectionInfo;
import org.sigmma.store.SectionRepository;
import org.sigmma.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The paper's comparison regenerated on simulated sections: per seed a new section (simulated, ingested), each model
 * trained with that seed and evaluated on the section's test tiles, and the tables of the paper's Tables 1, 2 and 4
 * as mean ± std over seeds. Re-running with the same --out resumes: bundles, sections and finished runs are reused.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Regenerate the paper's comparison (Tables 1, 2, 4) on simulated sections: the image encoder before "
                + "alignment, a BLEEP-like model, SIGMMA and its three ablations, over several seeds, with two sanity rows "
                + "(the training mean; a ridge on the true cell-type composition) and retrieval within a domain.",
            "Writes OUT/benchmark.md and OUT/benchmark.json (and one evaluation report per seed and model)."})
public final class BenchmarkCommand implements Callable<Integer> {

    /** The rows, in table order; SIGMMA last (its reports carry the sanity rows). */
    static final List<BenchmarkSummary.Model> MODELS = List.of(
            new BenchmarkSummary.Model("untrained", "image encoder before alignment (untrained)", false, false, false, false),
            new BenchmarkSummary.Model("bleep", "BLEEP-like (MLP over summed expression, one scale)", false, false, false, false),
            new BenchmarkSummary.Model("noGraph", "SIGMMA without cell graph", false, true, false, true),
            new BenchmarkSummary.Model("singleScale", "SIGMMA without multi-scale loss", true, false, true, true),
            new BenchmarkSummary.Model("noSparsification", "SIGMMA without sparsification", true, true, false, true),
            new BenchmarkSummary.Model("sigmma", "SIGMMA", true, true, true, true));

    static final Map<String, Map<String, Object>> OVERRIDES = Map.of(
            "bleep", Map.of("model", "bleep"),
            "noGraph", Map.of("noGraph", true),
            "singleScale", Map.of("singleScale", true),
            "noSparsification", Map.of("noSparsification", true),
            "sigmma", Map.of());

    @Option(names = "--out", defaultValue = "bench-output", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "the small setting: fewer cells and epochs (about a quarter of the time)")
    boolean quick;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5",
            description = "seeds, one section each; comparisons are paired by seed (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--cells", description = "cells per simulated section (default: 100000, about 150 test tiles; "
            + "9000 with --quick)")
    Integer cells;

    @Option(names = "--arrangement", description = "the simulator's arrangementStrength (contact programmes; the "
            + "layout does not change with it; default: the simulator's 1)")
    Double arrangement;

    @Option(names = "--meso-strength", description = "the simulator's mesoStrength (niche programmes; default 1)")
    Double mesoStrength;

    @Option(names = "--genes", defaultValue = "300", description = "genes in the panel (default: ${DEFAULT-VALUE})")
    int genes;

    @Option(names = "--epochs", description = "training epochs (default: 12; 8 with --quick)")
    Integer epochs;

    @Option(names = "--batch", defaultValue = "16",
            description = "tiles per batch (default: ${DEFAULT-VALUE}: a simulated section has a few hundred tiles, and "
                    + "batches of 32 would leave a handful of steps per epoch)")
    int batch;

    @Option(names = "--served", defaultValue = "last",
            description = "which epoch of a trained model is evaluated: last, or best (by validation Recall@10%%, as "
                    + "sigmma embed serves) (default: ${DEFAULT-VALUE})")
    String served;

    @Option(names = "--models", split = ",", description = "a subset of: untrained, bleep, noGraph, singleScale, noSparsification, sigmma")
    List<String> only;

    @Option(names = "--set", description = "a training config field name=value for every model (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--variant", description = "a name for this configuration (with --set): its runs, reports and "
            + "tables get the suffix -NAME, so several configurations share one output folder's sections")
    String variant;

    @Option(names = "--dose-response", split = ",", description = "instead of running: read these benchmark JSON "
            + "files (one per simulator strength, same seeds) and plot SIGMMA's paired differences against the strength "
            + "into OUT/dose-response.png and OUT/dose-response.md")
    List<Path> doseResponse;

    private int nEpochs;

    private String suffix() {
        return variant == null ? "" : "-" + variant;
    }

    @Override
    public Integer call() throws Exception {
        if (doseResponse != null) {
            return plotDoseResponse();
        }
        if (!served.equals("last") && !served.equals("best")) {
            throw new IllegalArgumentException("--served must be last or best, was " + served);
        }
        int nCells = cells != null ? cells : quick ? 9000 : 100000;
        nEpochs = epochs != null ? epochs : quick ? 8 : 12;
        List<BenchmarkSummary.Model> models = new ArrayList<>();
        for (BenchmarkSummary.Model m : MODELS) {
            if (only == null || only.contains(m.key())) {
                models.add(m);
            }
        }
        if (only != null && !only.contains("sigmma")) {
            throw new IllegalArgumentException("--models must include sigmma (its runs carry the sanity rows and the "
                    + "untrained model's dataset facts)");
        }
        Path data = out.resolve("data");
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        System.out.printf(Locale.ROOT, "benchmark: %d seeds x %d models, %,d cells, %d epochs; load average %s%n",
                seeds.size(), models.size(), nCells, nEpochs, loadBefore);
        Map<String, List<Evaluation.Report>> reports = new LinkedHashMap<>();
        models.forEach(m -> reports.put(m.key(), new ArrayList<>()));
        Map<String, List<LearnedEdgeReport>> edges = new LinkedHashMap<>();
        Map<String, List<LearnedEdgeReport>> validationEdges = new LinkedHashMap<>();
        List<String> timings = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        for (long seed : seeds) {
            String section = "bench-" + seed;
            Path bundle = out.resolve("seed-" + seed).resolve("bundle");
            prepareSection(bundle, section, data, nCells, seed);
            SimulatorTruth truth = SimulatorTruth.read(bundle);
            try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(data).withoutGds())) {
                GraphTileSource source = new GraphTileSource(graph.access(), List.of(section), data);
                Map<String, SimulatorTruth> truths = Map.of(section, truth);
                // SIGMMA first: the untrained model takes its dataset facts from that run
                List<BenchmarkSummary.Model> order = new ArrayList<>(models);
                order.sort((a, b) -> Integer.compare(rank(a), rank(b)));
                for (BenchmarkSummary.Model m : order) {
                    long t0 = System.nanoTime();
                    Path sigmmaRun = data.resolve("runs").resolve(section + "-sigmma" + suffix());
                    Evaluation.Input input;
                    if (m.key().equals("untrained")) {
                        TrainingConfig cfg = config(seed, nEpochs, Map.of());
                        try (Embedder e = Embedder.untrained(cfg, new Checkpoints(sigmmaRun).readDataset(), "cpu")) {
                            input = RunEvaluation.collect(graph.access(), source, List.of(section), e, truths);
                        }
                    } else {
                        Path runDir = data.resolve("runs").resolve(section + "-" + m.key() + suffix());
                        TrainingConfig cfg = config(seed, nEpochs, OVERRIDES.get(m.key()));
                        new TrainingRun(graph.access(), runDir.getFileName().toString(), "benchmark", List.of(section))
                                .train(cfg, source, runDir, TrainingListener.NONE);
                        try (Embedder e = Embedder.open(runDir, "cpu", served.equals("last"))) {
                            input = RunEvaluation.collect(graph.access(), source, List.of(section), e, truths);
                            if (cfg.model().learnsEdges()) {
                                edges.computeIfAbsent(m.key(), k -> new ArrayList<>())
                                        .add(RunEvaluation.learnedEdges(source, e, truths, seed));
                                validationEdges.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(
                                        RunEvaluation.learnedEdges(source, TileSource.VALIDATION, e, truths, seed));
                            }
                        }
                    }
                    Evaluation.Report r = Evaluation.run(input, ProbeParameters.defaults());
                    ReportFiles.write(r, m.label() + ", seed " + seed, out.resolve("seed-" + seed).resolve(m.key() + suffix()));
                    reports.get(m.key()).add(r);
                    double s = (System.nanoTime() - t0) / 1e9;
                    timings.add(String.format(Locale.ROOT, "seed %d %s: %.0f s", seed, m.key(), s));
                    Evaluation.RecallRow rr = r.recall("macro", "he2st", "all");
                    System.out.printf(Locale.ROOT, "seed %d %-16s %5.0f s  per-gene PCC (3 scales) %.3f  R@10%% HE->ST macro %.3f"
                            + "  (%d/%d/%d tiles; %.0f s so far, load %s)%n", seed, m.key(), s,
                            r.row("he-concat").perGenePcc().mean(), rr.recall()[1], r.trainTiles(), r.validationTiles(),
                            r.testTiles(), (System.nanoTime() - start) / 1e9, loadAverage());
                }
            }
            done.add(seed);
            // every finished seed rewrites the tables: a stopped benchmark keeps what it measured
            write(models, reports, edges, validationEdges, done, nCells, start, loadBefore, timings);
        }
        String tables = write(models, reports, edges, validationEdges, done, nCells, start, loadBefore, timings);
        System.out.println();
        System.out.println(tables);
        System.out.println("written: " + out.resolve("benchmark" + suffix() + ".md").toAbsolutePath() + " and .json");
        return 0;
    }

    private String write(List<BenchmarkSummary.Model> models, Map<String, List<Evaluation.Report>> reports,
                         Map<String, List<LearnedEdgeReport>> edges, Map<String, List<LearnedEdgeReport>> validationEdges,
                         List<Long> seeds, int nCells, long start, String loadBefore, List<String> timings)
            throws java.io.IOException {
        String tables = BenchmarkSummary.markdown(models, reports);
        if (seeds.size() > 1) {
            tables += BenchmarkSummary.pairedMarkdown(models, reports);
        }
        if (!edges.isEmpty()) {
            tables += BenchmarkSummary.learnedEdgesMarkdown(models, edges, seeds);
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        String header = String.format(Locale.ROOT, "Benchmark on simulated sections: seeds %s, %,d cells x %d genes per "
                        + "section (%s), %d epochs of batches of %d tiles, %s epoch evaluated, %d CPU cores (Java %s); %.1f min; load average %s at the start, %s at the "
                        + "end. Every figure: mean ± std over the seeds of the test-set value.%n%n", seeds, nCells, genes,
                strengths(), nEpochs, batch, served, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), minutes,
                loadBefore, loadAverage());
        Files.writeString(out.resolve("benchmark" + suffix() + ".md"), header + tables + "\nTimings: " + String.join("; ", timings) + "\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seeds", seeds);
        json.put("cells", nCells);
        json.put("genes", genes);
        json.put("epochs", nEpochs);
        json.put("batch", batch);
        json.put("served", served);
        json.put("minutes", minutes);
        json.put("loadAverageStart", loadBefore);
        json.put("loadAverageEnd", loadAverage());
        json.put("arrangementStrength", arrangement == null ? 1.0 : arrangement);
        json.put("mesoStrength", mesoStrength == null ? 1.0 : mesoStrength);
        json.put("config", set);
        json.put("variant", variant);
        json.put("models", BenchmarkSummary.tree(models, reports));
        if (seeds.size() > 1) {
            json.put("paired", BenchmarkSummary.pairedTree(models, reports));
        }
        json.put("learnedEdges", edgeTree(edges));
        json.put("learnedEdgesValidation", edgeTree(validationEdges));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("benchmark" + suffix() + ".json").toFile(), json);
        return header + tables;
    }

    /** SIGMMA minus each ablation against the simulator strength, one line per ablation and metric. */
    @SuppressWarnings("unchecked")
    private int plotDoseResponse() throws java.io.IOException {
        ObjectMapper m = new ObjectMapper();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Path p : doseResponse) {
            runs.add(m.readValue(p.toFile(), Map.class));
        }
        StringBuilder md = new StringBuilder("| file | arrangementStrength | mesoStrength | seeds | model | metric "
                + "| SIGMMA minus model: mean ± SE (wins) | per seed |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (String metric : new String[] {"he2st.all.at5", "he2st.sameDomain.at5"}) {
            for (String strength : new String[] {"arrangementStrength", "mesoStrength"}) {
                // the runs that vary this strength: the other one at its default
                String other = strength.equals("arrangementStrength") ? "mesoStrength" : "arrangementStrength";
                List<Map<String, Object>> line = runs.stream()
                        .filter(r -> ((Number) r.get(other)).doubleValue() == 1.0)
                        .sorted((a, b) -> Double.compare(((Number) a.get(strength)).doubleValue(),
                                ((Number) b.get(strength)).doubleValue())).toList();
                if (line.size() < 2 || strength.equals("mesoStrength") && line.stream().allMatch(
                        r -> ((Number) r.get("mesoStrength")).doubleValue() == 1.0)) {
                    continue;
                }
                LinePlot plot = new LinePlot("SIGMMA minus ablation, " + metric + " (mean ± SE over seeds)", strength,
                        "paired difference").reference(0);
                for (String model : new String[] {"noGraph", "noSparsification"}) {
                    double[] x = new double[line.size()];
                    double[] y = new double[line.size()];
                    double[] e = new double[line.size()];
                    for (int i = 0; i < line.size(); i++) {
                        x[i] = ((Number) line.get(i).get(strength)).doubleValue();
                        Map<String, Object> paired = (Map<String, Object>) line.get(i).get("paired");
                        Map<String, Object> d = paired == null ? null : (Map<String, Object>) paired.get(model);
                        Map<String, Object> v = d == null ? null : (Map<String, Object>) d.get(metric);
                        y[i] = v == null ? Double.NaN : ((Number) v.get("mean")).doubleValue();
                        e[i] = v == null || v.get("standardError") == null ? Double.NaN
                                : ((Number) v.get("standardError")).doubleValue();
                    }
                    plot.add(new LinePlot.Series("minus " + model, x, y, e));
                }
                String name = "dose-response-" + strength.replace("Strength", "") + "-" + metric.replace('.', '-');
                plot.write(out.resolve(name + ".png"));
                System.out.println("written: " + out.resolve(name + ".png").toAbsolutePath());
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> r = runs.get(i);
            Map<String, Object> paired = (Map<String, Object>) r.get("paired");
            if (paired == null) {
                continue;
            }
            for (Map.Entry<String, Object> e : paired.entrySet()) {
                for (Map.Entry<String, Object> metric : ((Map<String, Object>) e.getValue()).entrySet()) {
                    Map<String, Object> v = (Map<String, Object>) metric.getValue();
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %+.3f ± %.3f (%s/%s) | %s |%n",
                            doseResponse.get(i).getFileName(), r.get("arrangementStrength"), r.get("mesoStrength"),
                            r.get("seeds"), e.getKey(), metric.getKey(), ((Number) v.get("mean")).doubleValue(),
                            v.get("standardError") == null ? Double.NaN : ((Number) v.get("standardError")).doubleValue(),
                            v.get("wins"), v.get("seeds"), v.get("differences")));
                }
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("dose-response.md"), md.toString());
        System.out.println(md);
        return 0;
    }

    private static Map<String, Object> edgeTree(Map<String, List<LearnedEdgeReport>> edges) throws java.io.IOException {
        ObjectMapper m = new ObjectMapper();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<LearnedEdgeReport>> e : edges.entrySet()) {
            List<Object> perSeed = new ArrayList<>();
            for (LearnedEdgeReport r : e.getValue()) {
                perSeed.add(m.readValue(r.json(), Map.class));
            }
            out.put(e.getKey(), perSeed);
        }
        return out;
    }

    private String strengths() {
        return String.format(Locale.ROOT, "arrangementStrength %s, mesoStrength %s",
                arrangement == null ? "1" : arrangement, mesoStrength == null ? "1" : mesoStrength);
    }

    private static int rank(BenchmarkSummary.Model m) {
        return switch (m.key()) {
            case "sigmma" -> 0;
            case "untrained" -> 2;
            default -> 1;
        };
    }

    private TrainingConfig config(long seed, int nEpochs, Map<String, Object> variant) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("seed", seed);
        o.put("epochs", nEpochs);
        o.put("batchSize", batch);
        o.put("cpuThreads", 1); // one intra-op thread: bitwise reproducible and faster on a shared machine (model/README.md)
        o.put("device", "cpu");
        o.put("progressSeconds", 600);
        // every model trains all its epochs and is evaluated at the last: on a few hundred tiles the validation
        // recall (a dozen tiles) is noise, and early stopping on it kept epoch-1 weights in the first quick run
        o.put("patience", 0);
        set.forEach((k, v) -> o.put(k, CypherCommand.parse(v)));
        o.putAll(variant);
        return TrainingConfig.defaults().with(o);
    }

    private void prepareSection(Path bundle, String section, Path data, int nCells, long seed) throws Exception {
        if (!Files.isRegularFile(bundle.resolve(SimulatorTruth.CELLS_FILE))) {
            SimulationParameters p = SimulationParameters.of(nCells, genes, seed).withStrengths(1,
                    mesoStrength != null ? mesoStrength : 1, 1, arrangement != null ? arrangement : 1);
            Pipeline.simulate(p, bundle, BundleWriter.Options.defaults().withParquet(false).withMex(false),
                    new ConsoleProgress(System.out));
        }
        try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(data).withoutGds())) {
            if (!new SectionRepository(graph.access()).section(section).map(SectionInfo::ready).orElse(false)) {
                new Pipeline(graph).ingest(bundle, ReadOptions.defaults(),
                        IngestParameters.defaults().withName(section).withFeatures(2000, 32).withReplace(true),
                        new ConsoleProgress(System.out));
            }
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
