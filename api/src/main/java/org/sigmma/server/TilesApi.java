package org.sigmma.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.Scale;
import org.sigmma.store.Values;

/** One tile's subgraph at a scale, its H&amp;E crop, and cross-modal retrieval among the tiles of its section. */
final class TilesApi {

    static final List<String> DIRECTIONS = List.of("he2st", "st2he");
    static final List<String> SCOPES = List.of("section", "all");
    /** Nearest neighbours asked of the vector index per result wanted, before the run filter. */
    static final int INDEX_CANDIDATES_PER_RESULT = 10;

    private final Reads reads;
    private final ServerConfig config;
    private final Path dataDir;

    /** @param dataDir the database's data directory, which holds the H&amp;E tile files ingest cut */
    TilesApi(Reads reads, ServerConfig config, Path dataDir) {
        this.reads = reads;
        this.config = config;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    void register(Routes r) {
        r.get("/api/tiles/{tileId}/subgraph", this::subgraph);
        r.getPng("/api/tiles/{tileId}/he.png", this::heImage);
        r.get("/api/tiles/{tileId}/retrieval", this::retrieval);
    }

    /**
     * The tile's cells (each with {@code block}, its block at the scale: micro block, meso block, or 0 for the whole
     * tile), its inner NEAR edges, and the LEARNED edges of the scale. A tile holds at most a few hundred cells, so
     * the lists are bounded by the geometry rather than paged.
     */
    @SuppressWarnings("unchecked")
    Object subgraph(Context ctx) {
        String tileId = Params.path(ctx, "tileId");
        Scale scale = Scale.parse(Params.choice(ctx, "scale", Scale.MACRO.id(), Scale.ids()));
        String run = Params.optionalString(ctx, "run");
        List<Map<String, Object>> rows = reads.query(CypherLibrary.TILE_SCALE_SUBGRAPH, "tileId", tileId, "scale", scale.id(), "run", run);
        if (rows.isEmpty()) {
            reads.requireServedTile(tileId);
            throw new IllegalStateException("tile " + tileId + " is served but its subgraph came back empty");
        }
        Map<String, Object> row = rows.get(0);
        List<Map<String, Object>> cells = new ArrayList<>();
        // a COLLECT subquery yields the values of its one column
        for (Map<String, Object> c : (List<Map<String, Object>>) row.get("cells")) {
            Map<String, Object> cell = new LinkedHashMap<>(c);
            cell.put("block", scale.blockProperty().map(cell::get).orElse(0));
            cells.add(cell);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tile", row.get("tile"));
        out.put("scale", scale.id());
        out.put("run", row.get("run"));
        out.put("cells", cells);
        out.put("near", row.get("near"));
        out.put("learned", row.get("learned"));
        return out;
    }

    /** The PNG ingest cut from the registered H&amp;E image for this tile, as stored (no re-encoding). */
    byte[] heImage(Context ctx) throws IOException {
        String tileId = Params.path(ctx, "tileId");
        List<Map<String, Object>> rows = reads.query(CypherLibrary.TILE_IMAGE, "tileId", tileId);
        if (rows.isEmpty()) {
            throw ApiException.notFound("no tile '" + tileId + "'");
        }
        Map<String, Object> row = rows.get(0);
        String section = Values.asString(row.get("section"));
        if (!Reads.READY.equals(row.get("status"))) {
            throw ApiException.conflict("tile '" + tileId + "' belongs to section '" + section + "', which is "
                    + row.get("status") + ": only READY sections are served");
        }
        if (row.get("imageRef") == null) {
            throw ApiException.notFound("section '" + section + "' has no H&E image (it was ingested without one)");
        }
        Path file = dataDir.resolve(Values.asString(row.get("imageRef"))).normalize();
        // the reference comes from the graph, which a Cypher writer could change: never leave the data directory
        if (!file.startsWith(dataDir) || !Files.isRegularFile(file)) {
            throw ApiException.notFound("the H&E image of tile '" + tileId + "' is missing from the data directory");
        }
        return Files.readAllBytes(file);
    }

    Object retrieval(Context ctx) {
        String tileId = Params.path(ctx, "tileId");
        int k = Params.integer(ctx, "k", 10, 1, config.maxPageSize());
        String direction = Params.choice(ctx, "direction", "he2st", DIRECTIONS);
        Scale scale = Scale.parse(Params.choice(ctx, "scale", Scale.MACRO.id(), Scale.ids()));
        String run = Params.optionalString(ctx, "run");
        String scope = Params.choice(ctx, "scope", "section", SCOPES);
        boolean he2st = direction.equals("he2st");
        String queryProperty = he2st ? scale.heEmbeddingProperty() : scale.stEmbeddingProperty();
        String candidateProperty = he2st ? scale.stEmbeddingProperty() : scale.heEmbeddingProperty();

        List<Map<String, Object>> q = reads.query(CypherLibrary.TILE_EMBEDDING, "tileId", tileId, "property", queryProperty);
        if (q.isEmpty()) {
            throw ApiException.notFound("no tile '" + tileId + "'");
        }
        String section = Values.asString(q.get(0).get("section"));
        if (!Reads.READY.equals(q.get(0).get("status"))) {
            throw ApiException.conflict("tile '" + tileId + "' belongs to section '" + section + "', which is "
                    + q.get(0).get("status") + ": only READY sections are served");
        }
        String tileRun = Values.asString(q.get(0).get("run"));
        if (q.get(0).get("embedding") == null) {
            throw ApiException.conflict("tile '" + tileId + "' has no " + queryProperty + " embedding: train a run "
                    + "(sigmma train) and write its embeddings back (sigmma embed --run RUN) first");
        }
        if (run != null && !run.equals(tileRun)) {
            throw ApiException.conflict("tile '" + tileId + "' holds the embeddings of run '" + tileRun + "', not of run '"
                    + run + "'");
        }
        float[] query = Values.asFloatArray(q.get(0).get("embedding"));
        if (scope.equals("all")) {
            return acrossSections(tileId, section, direction, scale, tileRun, k, query, he2st);
        }
        List<Map<String, Object>> rows = reads.query(CypherLibrary.TILE_EMBEDDINGS, "section", section,
                "property", candidateProperty, "run", tileRun);
        float[][] candidates = new float[rows.size()][];
        int own = -1;
        for (int j = 0; j < candidates.length; j++) {
            candidates[j] = Values.asFloatArray(rows.get(j).get("embedding"));
            if (candidates[j].length != query.length) {
                throw new IllegalStateException("tile " + rows.get(j).get("id") + " has a " + candidates[j].length
                        + "-dimensional " + candidateProperty + ", the query tile a " + query.length + "-dimensional "
                        + queryProperty);
            }
            if (tileId.equals(rows.get(j).get("id"))) {
                own = j;
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        CosineTopK.Hit[] hits = candidates.length == 0 ? new CosineTopK.Hit[0] : CosineTopK.top(query, candidates, k);
        for (int i = 0; i < hits.length; i++) {
            Map<String, Object> c = rows.get(hits[i].index());
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("rank", i + 1);
            hit.put("tileId", c.get("id"));
            hit.put("row", c.get("row"));
            hit.put("col", c.get("col"));
            hit.put("split", c.get("split"));
            hit.put("similarity", hits[i].similarity());
            results.add(hit);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tileId", tileId);
        out.put("section", section);
        out.put("direction", direction);
        out.put("scale", scale.id());
        out.put("run", tileRun);
        out.put("k", k);
        out.put("candidates", candidates.length);
        out.put("selfRank", own < 0 ? null : CosineTopK.rankOf(query, candidates, own));
        out.put("results", results);
        return out;
    }

    /**
     * scope=all: the nearest tiles of the same run in every section, from the vector index of the other modality at
     * the scale (approximate: HNSW), asked for {@value #INDEX_CANDIDATES_PER_RESULT} neighbours per result wanted so
     * that tiles of other runs filtered out leave enough.
     */
    private Object acrossSections(String tileId, String section, String direction, Scale scale, String run, int k,
                                  float[] query, boolean he2st) {
        String index = "tile_" + (he2st ? "st" : "he") + "_" + scale.id();
        String property = he2st ? scale.stEmbeddingProperty() : scale.heEmbeddingProperty();
        List<Map<String, Object>> rows = reads.query(CypherLibrary.RETRIEVAL_NEAREST_TILES, "index", index,
                "candidates", (long) k * INDEX_CANDIDATES_PER_RESULT, "embedding", query, "run", run, "property", property);
        // the index proposes the candidates; they are ranked exactly, as scope=section ranks its own
        float[][] candidates = new float[rows.size()][];
        for (int j = 0; j < candidates.length; j++) {
            candidates[j] = Values.asFloatArray(rows.get(j).get("embedding"));
        }
        CosineTopK.Hit[] hits = candidates.length == 0 ? new CosineTopK.Hit[0] : CosineTopK.top(query, candidates, k);
        List<Map<String, Object>> results = new ArrayList<>();
        Integer selfRank = null;
        for (int i = 0; i < hits.length; i++) {
            Map<String, Object> c = rows.get(hits[i].index());
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("rank", i + 1);
            hit.put("tileId", c.get("id"));
            hit.put("section", c.get("section"));
            hit.put("row", c.get("row"));
            hit.put("col", c.get("col"));
            hit.put("split", c.get("split"));
            hit.put("similarity", hits[i].similarity());
            results.add(hit);
            if (tileId.equals(c.get("id"))) {
                selfRank = i + 1;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tileId", tileId);
        out.put("section", section);
        out.put("direction", direction);
        out.put("scale", scale.id());
        out.put("run", run);
        out.put("k", k);
        out.put("scope", "all");
        out.put("index", index);
        out.put("selfRank", selfRank);
        out.put("results", results);
        return out;
    }
}
