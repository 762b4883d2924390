package org.sigmma.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.model.eval.GenePredictor;
import org.sigmma.model.eval.PredictorFile;
import org.sigmma.schema.Scale;
import org.sigmma.store.Values;

/**
 * Training and inference runs with their configuration, metrics and evaluation (stored as JSON strings, served as
 * JSON), and the gene-expression prediction of a tile by a run's fitted predictor.
 */
final class RunsApi {

    static final List<String> EMBEDDINGS = List.of("concat", Scale.MACRO.id());

    private final Reads reads;
    private final ServerConfig config;
    /** Predictor files by path, with the modification time they were read at (a new evaluate replaces the file). */
    private final Map<Path, Loaded> predictors = new ConcurrentHashMap<>();

    private record Loaded(long modified, List<GenePredictor> predictors) {
    }

    RunsApi(Reads reads, ServerConfig config) {
        this.reads = reads;
        this.config = config;
    }

    void register(Routes r) {
        r.get("/api/runs", this::list);
        r.get("/api/runs/{id}", this::one);
        r.get("/api/runs/{id}/tiles/{tileId}/prediction", this::prediction);
    }

    Object list(Context ctx) {
        PageRequest page = Params.page(ctx, config);
        List<Map<String, Object>> rows = reads.query(CypherLibrary.RUNS, "offset", page.offset(), "limit", page.fetch());
        return Page.of(Reads.column(rows, "run").stream().map(this::parsed).toList(), page);
    }

    Object one(Context ctx) {
        String id = Params.path(ctx, "id");
        List<Map<String, Object>> rows = reads.query(CypherLibrary.RUN, "id", id);
        if (rows.isEmpty()) {
            throw ApiException.notFound("no run '" + id + "'");
        }
        return parsed(Reads.column(rows, "run").get(0));
    }

    private Map<String, Object> parsed(Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>(stored);
        out.put("config", reads.parsedJson(stored.get("config")));
        out.put("metrics", reads.parsedJson(stored.get("metrics")));
        if (stored.containsKey("evaluation")) {
            out.put("evaluation", reads.parsedJson(stored.get("evaluation")));
        }
        return out;
    }

    /** Predicted mean log1p expression of the predictor's genes for one tile, from the tile's stored HE embeddings. */
    Object prediction(Context ctx) {
        String id = Params.path(ctx, "id");
        String tileId = Params.path(ctx, "tileId");
        String embedding = Params.choice(ctx, "embedding", "concat", EMBEDDINGS);
        List<Map<String, Object>> runs = reads.query(CypherLibrary.RUN, "id", id);
        if (runs.isEmpty()) {
            throw ApiException.notFound("no run '" + id + "'");
        }
        Object file = Reads.column(runs, "run").get(0).get("predictor");
        if (file == null) {
            throw ApiException.conflict("run '" + id + "' has no gene predictor: fit one with sigmma evaluate --run " + id);
        }
        List<Map<String, Object>> rows = reads.query(CypherLibrary.TILE_HE_EMBEDDINGS, "tileId", tileId);
        if (rows.isEmpty()) {
            throw ApiException.notFound("no tile '" + tileId + "'");
        }
        Map<String, Object> t = rows.get(0);
        if (!Reads.READY.equals(t.get("status"))) {
            throw ApiException.conflict("tile '" + tileId + "' belongs to section '" + t.get("section") + "', which is "
                    + t.get("status") + ": only READY sections are served");
        }
        if (!id.equals(t.get("run")) || t.get(Scale.MACRO.heEmbeddingProperty()) == null) {
            throw ApiException.conflict("tile '" + tileId + "' holds no HE embeddings of run '" + id + "'"
                    + (t.get("run") == null ? "" : " (it holds run '" + t.get("run") + "')")
                    + ": write them back with sigmma embed --run " + id);
        }
        GenePredictor predictor = predictors(Path.of(file.toString())).stream()
                .filter(p -> p.input().equals("he-" + embedding)).findFirst()
                .orElseThrow(() -> ApiException.conflict("run '" + id + "' has no predictor of the " + embedding
                        + " embedding: re-run sigmma evaluate --run " + id));
        float[] input = embedding.equals(Scale.MACRO.id()) ? Values.asFloatArray(t.get(Scale.MACRO.heEmbeddingProperty()))
                : org.sigmma.model.eval.EvalTile.concat(Values.asFloatArray(t.get(Scale.MICRO.heEmbeddingProperty())),
                        Values.asFloatArray(t.get(Scale.MESO.heEmbeddingProperty())),
                        Values.asFloatArray(t.get(Scale.MACRO.heEmbeddingProperty())));
        if (input.length != predictor.inputDim()) {
            throw ApiException.conflict("tile '" + tileId + "' has a " + input.length + "-dimensional " + embedding
                    + " HE embedding, the predictor of run '" + id + "' reads " + predictor.inputDim()
                    + ": re-run sigmma evaluate --run " + id);
        }
        double[] x = new double[input.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = input[i];
        }
        double[] y = predictor.predict(x);
        List<Map<String, Object>> genes = new ArrayList<>(y.length);
        for (int g = 0; g < y.length; g++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gene", predictor.genes()[g]);
            m.put("predicted", y[g]);
            genes.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", id);
        out.put("tileId", tileId);
        out.put("section", t.get("section"));
        out.put("split", t.get("split"));
        out.put("embedding", embedding);
        out.put("alpha", predictor.ridge().alpha());
        out.put("pcaComponents", predictor.pca() == null ? 0 : predictor.pca().nComponents());
        out.put("genes", genes);
        return out;
    }

    private List<GenePredictor> predictors(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw ApiException.conflict("the gene predictor file of this run is gone (" + file.getFileName()
                        + "): re-run sigmma evaluate");
            }
            long modified = Files.getLastModifiedTime(file).toMillis();
            Loaded l = predictors.get(file);
            if (l == null || l.modified() != modified) {
                l = new Loaded(modified, PredictorFile.read(file));
                predictors.put(file, l);
            }
            return l.predictors();
        } catch (IOException e) {
            throw new IllegalStateException("reading gene predictor " + file + ": " + e.getMessage(), e);
        }
    }
}
