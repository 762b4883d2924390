package org.sigmma.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.sigmma.store.ReadOnlyCypher;

/**
 * {@code POST /api/cypher} with {@code {query, params, limit?}}: user Cypher, checked by {@link CypherGuard} and run by
 * {@link ReadOnlyCypher} (planner READ_ONLY only, in a transaction rolled back at the end, with a time-out and a row
 * limit). Parameters travel as Cypher parameters, never spliced into the text.
 */
final class CypherApi {

    /** Longest query text accepted, in characters. */
    static final int MAX_QUERY_LENGTH = 20_000;

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> PARAMS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private final GraphDatabaseService db;
    private final ServerConfig config;
    private final ObjectMapper json;

    CypherApi(GraphDatabaseService db, ServerConfig config, ObjectMapper json) {
        this.db = db;
        this.config = config;
        this.json = json;
    }

    void register(Routes r) {
        r.post("/api/cypher", this::run);
    }

    Object run(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body must be a JSON object {query, params}: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object {query, params}");
        }
        JsonNode q = body.get("query");
        if (q == null || !q.isTextual() || q.asText().isBlank()) {
            throw ApiException.badRequest("field 'query' must be a non-empty string");
        }
        String query = q.asText();
        if (query.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest("field 'query' must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        JsonNode p = body.get("params");
        if (p != null && !p.isNull() && !p.isObject()) {
            throw ApiException.badRequest("field 'params' must be a JSON object of parameter names and values");
        }
        Map<String, Object> params = p == null || p.isNull() ? Map.of() : json.convertValue(p, PARAMS);
        int limit = config.cypherRowLimit();
        JsonNode l = body.get("limit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt() || !l.isIntegralNumber() || l.asInt() < 1 || l.asInt() > config.cypherRowLimit()) {
                throw ApiException.badRequest("field 'limit' must be an integer in 1.." + config.cypherRowLimit()
                        + ", got " + Params.clip(l.toString()));
            }
            limit = l.asInt();
        }
        CypherGuard.check(db, query, params);
        ReadOnlyCypher.Rows rows = new ReadOnlyCypher(db, config.cypherTimeout(), limit).run(query, params);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", rows.columns());
        out.put("rows", rows.rows());
        out.put("truncated", rows.truncated());
        out.put("limit", limit);
        return out;
    }
}
