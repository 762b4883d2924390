package org.sigmma.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sigmma.store.GraphStore;
import org.sigmma.store.ReadOnlyCypher;

/**
 * {@code POST /api/cypher} with {@code {query, params, limit?}}: user Cypher, checked and run by {@link ReadOnlyCypher},
 * the same policy as {@code sigmma cypher} (planner READ_ONLY only, no procedure outside a few schema reads, no LOAD
 * CSV, administration or GDS catalog call, in a read-only transaction rolled back at the end, with a time-out and a row
 * limit). Parameters travel as Cypher parameters, never spliced into the text.
 */
final class CypherApi {

    /** Longest query text accepted, in characters. */
    static final int MAX_QUERY_LENGTH = ReadOnlyCypher.MAX_QUERY_LENGTH;
    /** Most parameters accepted. */
    static final int MAX_PARAMETERS = ReadOnlyCypher.MAX_PARAMETERS;

    private static final java.util.List<String> FIELDS = java.util.List.of("query", "params", "limit");

    private final GraphStore store;
    private final ServerConfig config;
    private final ObjectMapper json;

    CypherApi(GraphStore store, ServerConfig config, ObjectMapper json) {
        this.store = store;
        this.config = config;
        this.json = json;
    }

    void register(Routes r) {
        // the query's own time-out answers first (408); the budget catches work that ignores it
        Duration budget = config.cypherTimeout().plusSeconds(2);
        r.post("/api/cypher", budget.compareTo(config.requestTimeout()) > 0 ? budget : config.requestTimeout(), this::run);
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
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw ApiException.badRequest("field '" + Params.clip(f) + "' is not known (the body has " + FIELDS + ")");
            }
        });
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
        if (p != null && p.size() > MAX_PARAMETERS) {
            throw ApiException.badRequest("field 'params' must have at most " + MAX_PARAMETERS + " parameters, got "
                    + p.size());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (p != null) {
            p.fields().forEachRemaining(e -> params.put(e.getKey(), cypherValue(e.getValue(), "params." + e.getKey())));
        }
        int limit = config.cypherRowLimit();
        JsonNode l = body.get("limit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt() || !l.isIntegralNumber() || l.asInt() < 1 || l.asInt() > config.cypherRowLimit()) {
                throw ApiException.badRequest("field 'limit' must be an integer in 1.." + config.cypherRowLimit()
                        + ", got " + Params.clip(l.toString()));
            }
            limit = l.asInt();
        }
        ReadOnlyCypher.Rows rows = store.readOnlyCypher(query, params, config.cypher().withMaxRows(limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", rows.columns());
        out.put("rows", rows.rows());
        out.put("truncated", rows.truncated());
        out.put("limit", limit);
        return out;
    }

    /** A JSON value as a Cypher parameter value; a number Cypher cannot hold is a 400 naming the parameter. */
    static Object cypherValue(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw ApiException.badRequest("field '" + Params.clip(name) + "' is an integer outside the 64-bit range: "
                        + Params.clip(v.asText()));
            }
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            java.util.List<Object> out = new java.util.ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(cypherValue(v.get(i), name + "[" + i + "]"));
            }
            return out;
        }
        if (v.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> out.put(e.getKey(), cypherValue(e.getValue(), name + "." + e.getKey())));
            return out;
        }
        throw ApiException.badRequest("field '" + Params.clip(name) + "' is not a JSON value Cypher can take");
    }
}
