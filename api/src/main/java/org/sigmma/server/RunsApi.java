package org.sigmma.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Training and inference runs with their configuration and metrics (stored as JSON strings, served as JSON). */
final class RunsApi {

    private final Reads reads;
    private final ServerConfig config;

    RunsApi(Reads reads, ServerConfig config) {
        this.reads = reads;
        this.config = config;
    }

    void register(Routes r) {
        r.get("/api/runs", this::list);
        r.get("/api/runs/{id}", this::one);
    }

    Object list(Context ctx) {
        PageRequest page = Params.page(ctx, config);
        List<Map<String, Object>> rows = reads.query("server-runs", "offset", page.offset(), "limit", page.fetch());
        return Page.of(Reads.column(rows, "run").stream().map(this::parsed).toList(), page);
    }

    Object one(Context ctx) {
        String id = Params.path(ctx, "id");
        List<Map<String, Object>> rows = reads.query("server-run", "id", id);
        if (rows.isEmpty()) {
            throw ApiException.notFound("no run '" + id + "'");
        }
        return parsed(Reads.column(rows, "run").get(0));
    }

    private Map<String, Object> parsed(Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>(stored);
        out.put("config", reads.parsedJson(stored.get("config")));
        out.put("metrics", reads.parsedJson(stored.get("metrics")));
        return out;
    }
}
