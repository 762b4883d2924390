package org.sigmma.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Values;

/**
 * The server's reads: queries of the Cypher library by name (the REST API's {@code *-read.cypher} files), always
 * with parameters, and the checks that turn "nothing found" into 404 or 409.
 */
final class Reads {

    static final String READY = "READY";

    private final GraphAccess access;
    private final ObjectMapper json;
    private final Duration timeout;

    /** @param timeout each query's transaction time-out: a request's budget, so that a late request's work stops */
    Reads(GraphAccess access, ObjectMapper json, Duration timeout) {
        this.access = access;
        this.json = json;
        this.timeout = timeout;
    }

    GraphAccess access() {
        return access;
    }

    /** Runs a library query; {@code nameValues} are parameter names and values in turn (values may be null). */
    List<Map<String, Object>> query(String name, Object... nameValues) {
        RequestBudget.doing("running the query " + name);
        return read(CypherLibrary.query(name), nameValues);
    }

    /** Runs the text of a library query (a filled template: {@link CypherLibrary#query(String, org.sigmma.schema.FeatureSource)}). */
    List<Map<String, Object>> read(String cypher, Object... nameValues) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            p.put((String) nameValues[i], nameValues[i + 1]);
        }
        try {
            return access.read(cypher, p, timeout);
        } catch (RuntimeException e) {
            var status = SigmmaServer.neo4jStatus(e);
            if (status != null && status.code().serialize().contains("TimedOut")) {
                throw new ApiException(503, "a database query ran past the request budget of " + timeout.toMillis()
                        + " ms (serve --request-timeout) and was terminated");
            }
            throw e;
        }
    }

    /** 404 when the section does not exist, 409 when it is not READY. */
    void requireReadySection(String section) {
        List<Map<String, Object>> rows = query(CypherLibrary.SECTION_STATUS, "section", section);
        if (rows.isEmpty()) {
            throw ApiException.notFound("no section '" + section + "'");
        }
        String status = Values.asString(rows.get(0).get("status"));
        if (!READY.equals(status)) {
            throw ApiException.conflict("section '" + section + "' is " + status + ": only READY sections are served");
        }
    }

    /** 404 when the tile does not exist, 409 when its section is not READY. */
    void requireServedTile(String tileId) {
        List<Map<String, Object>> rows = query(CypherLibrary.TILE_STATUS, "tileId", tileId);
        if (rows.isEmpty()) {
            throw ApiException.notFound("no tile '" + tileId + "'");
        }
        String status = Values.asString(rows.get(0).get("status"));
        if (!READY.equals(status)) {
            throw ApiException.conflict("tile '" + tileId + "' belongs to section '" + rows.get(0).get("section")
                    + "', which is " + status + ": only READY sections are served");
        }
    }

    /** A JSON document stored as a string property, parsed; a string that is not JSON comes back as it is. */
    Object parsedJson(Object stored) {
        if (stored == null) {
            return null;
        }
        String s = stored.toString();
        try {
            JsonNode node = json.readTree(s);
            return node == null ? s : node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return s;
        }
    }

    /** The column {@code key} of each row. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> column(List<Map<String, Object>> rows, String key) {
        return rows.stream().map(r -> (Map<String, Object>) r.get(key)).toList();
    }
}
