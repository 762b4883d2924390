package org.sigmma.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.Values;

/**
 * Microenvironments: the (:Cluster) nodes of a section at a scale, with their composition and marker genes parsed
 * from their JSON strings, and the cells of one cluster.
 */
final class ClustersApi {

    private final Reads reads;
    private final ServerConfig config;

    ClustersApi(Reads reads, ServerConfig config) {
        this.reads = reads;
        this.config = config;
    }

    void register(Routes r) {
        r.get("/api/sections/{id}/clusters", this::clusters);
        r.get("/api/sections/{id}/clusters/{clusterId}/cells", this::cells);
        r.get("/api/sections/{id}/neighbourhood", this::neighbourhood);
    }

    /** The stored neighbourhood enrichment and co-occurrence of one clustering ({@code sigmma neighbourhood}). */
    Object neighbourhood(Context ctx) {
        String id = Params.path(ctx, "id");
        FeatureSource scale = FeatureSource.parse(Params.choice(ctx, "scale", FeatureSource.EXPRESSION.id(), FeatureSource.ids()));
        reads.requireReadySection(id);
        List<Map<String, Object>> rows = reads.read(CypherLibrary.query(CypherLibrary.CLUSTER_NEIGHBOURHOOD), "section", id,
                "scale", scale.id());
        if (rows.isEmpty()) {
            throw ApiException.notFound("section '" + id + "' has no clusters at scale " + scale.id());
        }
        if (rows.get(0).get("z") == null) {
            throw ApiException.notFound("the clusters of section '" + id + "' at scale " + scale.id() + " have no "
                    + "neighbourhood statistics: run sigmma neighbourhood --section " + id + " --scale " + scale.id());
        }
        List<Object> clusters = new java.util.ArrayList<>();
        List<Object> z = new java.util.ArrayList<>();
        List<Object> counts = new java.util.ArrayList<>();
        Map<String, Object> cooccurrence = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            clusters.add(r.get("id"));
            z.add(r.get("z"));
            counts.add(r.get("counts"));
            cooccurrence.put(String.valueOf(r.get("id")), reads.parsedJson(r.get("cooccurrence")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("section", id);
        out.put("scale", scale.id());
        out.put("clusters", clusters);
        out.put("permutations", rows.get(0).get("permutations"));
        out.put("seed", rows.get(0).get("seed"));
        out.put("enrichmentZ", z);
        out.put("enrichmentCounts", counts);
        out.put("cooccurrenceIntervalUm", rows.get(0).get("interval"));
        out.put("cooccurrence", cooccurrence);
        return out;
    }

    Object clusters(Context ctx) {
        String id = Params.path(ctx, "id");
        FeatureSource scale = FeatureSource.parse(Params.choice(ctx, "scale", FeatureSource.EXPRESSION.id(), FeatureSource.ids()));
        String run = Params.optionalString(ctx, "run");
        PageRequest page = Params.page(ctx, config);
        List<Map<String, Object>> rows = reads.query(CypherLibrary.CLUSTERS, "section", id, "scale", scale.id(), "run", run,
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
        FeatureSource scale = FeatureSource.parse(Params.choice(ctx, "scale", FeatureSource.EXPRESSION.id(), FeatureSource.ids()));
        PageRequest page = Params.page(ctx, config);
        // one unique-index lookup up front instead of a READY check on every row the page query reads
        reads.requireReadySection(id);
        List<Map<String, Object>> rows = reads.read(CypherLibrary.query(CypherLibrary.CLUSTER_CELLS, scale), "section", id, "cluster", cluster,
                "offset", page.offset(), "limit", page.fetch());
        if (rows.isEmpty()) {
            long known = Values.asLong(reads.query(CypherLibrary.CLUSTER_EXISTS, "section", id, "scale", scale.id(), "cluster", cluster)
                    .get(0).get("n"));
            if (known == 0) {
                throw ApiException.notFound("no cluster " + cluster + " at scale " + scale.id() + " in section '" + id + "'");
            }
        }
        return Page.of(Reads.column(rows, "cell"), page);
    }
}
