package org.sigmma.model.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.eval.EvalTile;
import org.sigmma.model.eval.Evaluation;
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
    public record Outcome(Evaluation.Report report, Path reportDir, Path predictorFile, String json) {
    }

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
        try (Embedder embedder = Embedder.open(runDir, device)) {
            input = collect(access, source, sections, embedder, truths);
        }
        Evaluation.Report report = Evaluation.run(input, probe);
        Path reportDir = runDir.resolve("evaluation");
        String json = ReportFiles.write(report, "run " + runId, reportDir);
        Path predictor = runDir.resolve(PredictorFile.FILE_NAME);
        PredictorFile.write(report.predictors(), predictor);
        runs.evaluation(runId, json, predictor.toAbsolutePath().toString());
        return new Outcome(report, reportDir, predictor, json);
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
