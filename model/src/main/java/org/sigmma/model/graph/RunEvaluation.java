package org.sigmma.model.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.eval.EdgeEnrichment;
import org.sigmma.model.eval.EvalTile;
import org.sigmma.model.eval.Evaluation;
import org.sigmma.model.eval.LearnedEdgeReport;
import org.sigmma.model.eval.PlantedPairs;
import org.sigmma.model.eval.Retrieval;
import org.sigmma.model.eval.PredictorFile;
import org.sigmma.model.eval.ProbeParameters;
import org.sigmma.model.eval.ReportFiles;
import org.sigmma.model.eval.SimulatorTruth;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.infer.TileEmbedding;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.RunRepository;
import org.sigmma.store.TileInfo;
import org.sigmma.store.TileRepository;

/**
 * The graph side of the evaluation: the tiles of a run's sections, embedded by a model, with their tile-level
 * expression read from the cells' counts (and, for simulated sections, composition and domain from the truth),
 * evaluated, written as files and stored on the run.
 */
public final class RunEvaluation {

    private RunEvaluation() {
    }

    /** The files written and the report. */
    public record Outcome(Evaluation.Report report, Path reportDir, Path predictorFile, String json,
                          LearnedEdgeReport learnedEdges) {
    }

    /** The file of the learned-edge report beside the evaluation report. */
    public static final String LEARNED_EDGES_FILE = "learned-edges.json";

    /**
     * Builds the evaluation input of some sections.
     *
     * @param truths per section, the simulator's truth (absent sections have none)
     */
    public static Evaluation.Input collect(GraphAccess access, GraphTileSource source, List<String> sections,
                                           Embedder embedder, Map<String, SimulatorTruth> truths) {
        TileRepository repo = new TileRepository(access);
        String[] genes = null;
        List<List<EvalTile>> splits = new ArrayList<>();
        for (String split : new String[] {TileSource.TRAIN, TileSource.VALIDATION, TileSource.TEST}) {
            List<EvalTile> out = new ArrayList<>();
            for (String section : sections) {
                List<TileInfo> tiles = repo.tiles(section, split);
                if (tiles.isEmpty()) {
                    continue;
                }
                TileRepository.TileExpression ex = repo.expression(section, tiles.stream().map(TileInfo::index).toList());
                if (genes == null) {
                    genes = ex.genes();
                } else if (!Arrays.equals(genes, ex.genes())) {
                    throw new IllegalArgumentException("section " + section + " has another gene panel than "
                            + sections.get(0) + ": evaluate sections of one panel together");
                }
                List<String> ids = tiles.stream().map(TileInfo::id).toList();
                source.tileIds(split); // registers the tiles' sections and cell counts with the source
                List<TileEmbedding> emb = embedder.embed(source, ids, Embedder.Options.tilesOnly(), null).tiles();
                SimulatorTruth truth = truths.get(section);
                for (int i = 0; i < tiles.size(); i++) {
                    TileInfo t = tiles.get(i);
                    List<String> cells = ex.cellIds().get(t.index());
                    if (cells == null) {
                        throw new IllegalStateException("tile " + t.id() + " has no cells with counts");
                    }
                    out.add(new EvalTile(t.id(), emb.get(i).image(), emb.get(i).spot(), ex.meanLog1p().get(t.index()),
                            truth == null ? -1 : truth.majorityDomain(cells),
                            truth == null ? null : truth.composition(cells)));
                }
            }
            splits.add(out);
        }
        if (genes == null) {
            throw new IllegalArgumentException("sections " + sections + " have no tiles");
        }
        return new Evaluation.Input(genes, splits.get(0), splits.get(1), splits.get(2));
    }

    /**
     * Evaluates a trained run on its sections: report files under {@code runDir/evaluation}, the predictor in
     * {@code runDir/gene-predictor.json}, and both recorded on the (:Run) node.
     */
    public static Outcome evaluate(GraphAccess access, Path dataDir, String runId, ProbeParameters probe, String device,
                                   Map<String, SimulatorTruth> truths) throws IOException {
        RunRepository runs = new RunRepository(access);
        RunRepository.RunInfo info = runs.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        if (info.checkpoint() == null) {
            throw new IllegalArgumentException("run " + runId + " has no checkpoint to evaluate");
        }
        List<String> sections = Arrays.asList(info.sections().split(","));
        GraphTileSource source = new GraphTileSource(access, sections, dataDir);
        Path runDir = Path.of(info.checkpoint());
        Evaluation.Input input;
        LearnedEdgeReport edges = null;
        try (Embedder embedder = Embedder.open(runDir, device)) {
            input = collect(access, source, sections, embedder, truths);
            if (embedder.learnsEdges()) {
                edges = learnedEdges(source, embedder, truths, 17);
            }
        }
        Evaluation.Report report = Evaluation.run(input, probe);
        Path reportDir = runDir.resolve("evaluation");
        String json = ReportFiles.write(report, "run " + runId, reportDir);
        Path predictor = runDir.resolve(PredictorFile.FILE_NAME);
        PredictorFile.write(report.predictors(), predictor);
        runs.evaluation(runId, json, predictor.toAbsolutePath().toString());
        if (edges != null) {
            String edgeJson = edges.json();
            java.nio.file.Files.writeString(reportDir.resolve(LEARNED_EDGES_FILE), edgeJson);
            runs.learnedEdges(runId, edgeJson);
        }
        return new Outcome(report, reportDir, predictor, json, edges);
    }

    /**
     * The learned edges on the test tiles of some sections: keep shares and, where a section has a simulator truth
     * with geometry, their enrichment for planted pairs ({@link PlantedPairs}); and the retrieval cost of switching
     * the added edges off.
     *
     * @param seed seeds the tile bootstrap of the enrichment intervals
     */
    public static LearnedEdgeReport learnedEdges(GraphTileSource source, Embedder embedder,
                                                 Map<String, SimulatorTruth> truths, long seed) {
        return learnedEdges(source, TileSource.TEST, embedder, truths, seed);
    }

    /** The same on the tiles of another split (validation: where settings are chosen). */
    public static LearnedEdgeReport learnedEdges(GraphTileSource source, String split, Embedder embedder,
                                                 Map<String, SimulatorTruth> truths, long seed) {
        List<String> test = source.tileIds(split);
        if (test.isEmpty()) {
            throw new IllegalArgumentException("the sections have no " + split + " tiles");
        }
        EdgeEnrichment[] enrichment = {new EdgeEnrichment(), new EdgeEnrichment()};
        String[] lastTile = new String[2];
        boolean[] any = new boolean[2];
        boolean[] withTruth = {true};
        Embedder.CandidateListener listener = (tileId, scale, from, to, logit) -> {
            int s = scale.equals("meso") ? 0 : 1;
            any[s] = true;
            if (!tileId.equals(lastTile[s])) {
                enrichment[s].endTile();
                lastTile[s] = tileId;
            }
            SimulatorTruth truth = truths.get(source.sectionOf(tileId));
            if (truth == null || !truth.hasGeometry()) {
                withTruth[0] = false;
                enrichment[s].add(false, logit > 0);
                return;
            }
            String[] ids = source.cellIds(tileId);
            enrichment[s].add(PlantedPairs.planted(truth.cell(ids[from]), truth.cell(ids[to])), logit > 0);
        };
        Embedder.Result on = embedder.embed(source, test, Embedder.Options.tilesOnly().withCandidates(listener), null);
        Embedder.Result off = embedder.embed(source, test, new Embedder.Options(false, false, true, 0), null);
        EdgeEnrichment.Result meso = any[0] ? enrichment[0].result(seed) : null;
        EdgeEnrichment.Result macro = any[1] ? enrichment[1].result(seed + 1) : null;
        if (!withTruth[0]) {
            // keep shares stay meaningful; an enrichment over pairs marked without a truth would not be
            meso = meso == null ? null : withoutTruth(meso);
            macro = macro == null ? null : withoutTruth(macro);
        }
        return new LearnedEdgeReport(meso, macro, combinedRecall(on.tiles()), combinedRecall(off.tiles()));
    }

    private static EdgeEnrichment.Result withoutTruth(EdgeEnrichment.Result r) {
        return new EdgeEnrichment.Result(r.candidates(), 0, r.kept(), 0, Double.NaN, Double.NaN, Double.NaN, r.tiles());
    }

    /** HE->ST Recall@5% and @10% over the aligned scales combined (unit vectors concatenated, as in Task 2). */
    private static double[] combinedRecall(List<TileEmbedding> tiles) {
        float[][] he = new float[tiles.size()][];
        float[][] st = new float[tiles.size()][];
        for (int i = 0; i < tiles.size(); i++) {
            List<float[]> a = new ArrayList<>();
            List<float[]> b = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                if (tiles.get(i).spot()[s] != null) {
                    a.add(tiles.get(i).image()[s]);
                    b.add(tiles.get(i).spot()[s]);
                }
            }
            he[i] = EvalTile.concat(a.toArray(new float[0][]));
            st[i] = EvalTile.concat(b.toArray(new float[0][]));
        }
        return new double[] {Retrieval.recall(he, st, 0.05), Retrieval.recall(he, st, 0.10)};
    }

    /** Truth of simulated bundles by section id. */
    public static Map<String, SimulatorTruth> truths(Map<String, Path> bundles) throws IOException {
        Map<String, SimulatorTruth> out = new HashMap<>();
        for (Map.Entry<String, Path> e : bundles.entrySet()) {
            out.put(e.getKey(), SimulatorTruth.read(e.getValue()));
        }
        return out;
    }
}
