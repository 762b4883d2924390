package org.sigmma.model.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted Task 1 predictors of a run as one JSON file (PCA mean and components, ridge weights and intercept,
 * gene names), so that a server predicts a tile's expression from its stored HE embedding with no model loaded.
 */
public final class PredictorFile {

    public static final String FILE_NAME = "gene-predictor.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PredictorFile() {
    }

    public static void write(List<GenePredictor> predictors, Path file) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (GenePredictor p : predictors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", p.input());
            m.put("genes", p.genes());
            if (p.pca() != null) {
                m.put("pcaMean", p.pca().mean());
                m.put("pcaComponents", p.pca().components());
            }
            m.put("alpha", p.ridge().alpha());
            m.put("weights", p.ridge().weights());
            m.put("intercept", p.ridge().intercept());
            list.add(m);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), Map.of("format", "sigmma-gene-predictor/1", "predictors", list));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static List<GenePredictor> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no gene predictor file " + file);
        }
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode list = root.get("predictors");
        if (list == null || !list.isArray()) {
            throw new IOException(file + ": field predictors is missing");
        }
        List<GenePredictor> out = new ArrayList<>();
        for (JsonNode n : list) {
            String[] genes = JSON.convertValue(need(n, "genes", file), String[].class);
            EmbeddingPca pca = n.has("pcaMean") ? new EmbeddingPca(JSON.convertValue(n.get("pcaMean"), double[].class),
                    JSON.convertValue(need(n, "pcaComponents", file), double[][].class)) : null;
            Ridge ridge = new Ridge(need(n, "alpha", file).asDouble(),
                    JSON.convertValue(need(n, "weights", file), double[][].class),
                    JSON.convertValue(need(n, "intercept", file), double[].class));
            out.add(new GenePredictor(need(n, "input", file).asText(), genes, pca, ridge));
        }
        return out;
    }

    private static JsonNode need(JsonNode n, String field, Path file) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IOException(file + ": field " + field + " is missing");
        }
        return v;
    }
}
