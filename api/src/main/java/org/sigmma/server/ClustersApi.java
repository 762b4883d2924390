package org.sigmma.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.store.Values;

/**
 * Microenvironments: the (:Cluster) nodes of a section at a scale, with their composition and marker genes parsed
 * from their JSON strings, and the cells of one cluster.
 */
final class ClustersApi {

    static final List<String> SCALES = List.of("expression", "micro", "meso", "macro");

    private final Reads reads;
    private final ServerConfig config;

    ClustersApi(Reads reads, ServerConfig config) {
        this.reads = reads;
        this.config = config;
    }

    void register(Routes r) {
        r.get("/api/sections/{id}/clusters", this::clusters);
        r.get("/api/sections/{id}/clusters/{clusterId}/cells", this::cells);
    }

    Object clusters(Context ctx) {
        String id = Params.path(ctx, "id");
        String scale = Params.choice(ctx, "scale", "expression", SCALES);
        String run = Params.optionalString(ctx, "run");
        PageRequest page = Params.page(ctx, config);
        List<Map<String, Object>> rows = reads.query("server-clusters", "section", id, "scale", scale, "run", run,
                "offset", page.offset(), "limit", page.fetch());
        if (rows.isEmpty()) {
            reads.requireReadySection(id); // the queries see READY sections only: tell why nothing came
        }
        List<Map<String, Object>> clusters = Reads.column(rows, "cluster").stream().map(this::parsed).toList();
        return Page.of(clusters, page);
    }

    private Map<String, Object> parsed(Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>(stored);
        out.put("composition", reads.parsedJson(stored.get("composition")));
        out.put("markers", reads.parsedJson(stored.get("markers")));
        return out;
    }

    Object cells(Context ctx) {
        String id = Params.path(ctx, "id");
        int cluster = Params.pathInt(ctx, "clusterId");
        String scale = Params.choice(ctx, "scale", "expression", SCALES);
        PageRequest page = Params.page(ctx, config);
        // one unique-index lookup up front instead of a READY check on every row the page query reads
        reads.requireReadySection(id);
        List<Map<String, Object>> rows = reads.query("server-cluster-cells-" + scale, "section", id, "cluster", cluster,
                "offset", page.offset(), "limit", page.fetch());
        if (rows.isEmpty()) {
            long known = Values.asLong(reads.query("server-cluster", "section", id, "scale", scale, "cluster", cluster)
                    .get(0).get("n"));
            if (known == 0) {
                throw ApiException.notFound("no cluster " + cluster + " at scale " + scale + " in section '" + id + "'");
            }
        }
        return Page.of(Reads.column(rows, "cell"), page);
    }
}
