package org.sigmma.model.microenv;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microenvironments of a section at one scale: GDS k-means over the cells' embedding property (a Cypher projection
 * carrying the embedding, then {@code gds.kmeans.stream}), cluster ids written to the cells, and one (:Cluster) node per
 * cluster with its size, composition and marker genes (JSON strings, from {@link ClusterProfiles}). The store and GDS
 * adapter of the microenvironment analysis: runs on any {@link GraphAccess} where GDS is installed. Running it again
 * replaces the previous result of the same section and scale.
 */
public final class MicroenvironmentAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(MicroenvironmentAnalysis.class);
    private static final int WRITE_BATCH = 10_000;

    private final GraphAccess access;
    private final ObjectMapper json = new ObjectMapper();

    public MicroenvironmentAnalysis(GraphAccess access) {
        this.access = access;
    }

    public List<Microenvironment> run(MicroenvironmentParameters p) {
        FeatureSource scale = p.source();
        String graphName = "sigmma-kmeans-" + p.section() + "-" + scale.id() + "-" + System.nanoTime();
        Map<String, Object> sp = Map.of("section", p.section());
        if (scale instanceof FeatureSource.Niche niche) {
            new NicheFeatureWriter(access).write(p.section(), niche, p.hops());
        }
        long cells = Values.asLong(access.read(CypherLibrary.query(CypherLibrary.CLUSTER_FEATURES_COUNT, scale), sp)
                .get(0).get("n"));
        if (cells < p.k()) {
            throw new IllegalArgumentException("section " + p.section() + " has " + cells + " cells with "
                    + scale.featureProperty() + " (need at least k = " + p.k() + ")"
                    + (scale.needsEmbeddings() ? ": run sigmma embed first" : ""));
        }
        long t0 = System.nanoTime();
        access.write(CypherLibrary.query(CypherLibrary.CLUSTER_FEATURES_PROJECT, scale),
                Map.of("section", p.section(), "graph", graphName));
        Map<String, Integer> clusterOf = new HashMap<>();
        try {
            Map<String, Object> cfg = new HashMap<>();
            cfg.put("nodeProperty", "emb");
            cfg.put("k", p.k());
            cfg.put("randomSeed", p.seed());
            cfg.put("maxIterations", p.maxIterations());
            // Lloyd's iterations until no cell changes cluster (or maxIterations). GDS's default (0.05: stop once fewer
            // than 5 % of the cells move) left niche-meso on the mouse-brain sample at a same-cluster neighbour share of
            // 0.89 where the converged clustering, as scikit-learn's, reaches 0.95 (docs/spatial-statistics.md).
            cfg.put("deltaThreshold", 0.0);
            cfg.put("concurrency", 1); // a seed only fixes the result single-threaded
            for (Map<String, Object> r : access.read(CypherLibrary.query(CypherLibrary.CLUSTER_KMEANS_STREAM), Map.of("graph", graphName, "cfg", cfg))) {
                clusterOf.put(Values.asString(r.get("id")), Values.asInt(r.get("communityId")));
            }
        } finally {
            access.write(CypherLibrary.query(CypherLibrary.CLUSTER_PROJECTION_DROP), Map.of("graph", graphName));
        }
        LOG.info("k-means on {} cells of {} ({}) in {} ms", clusterOf.size(), p.section(), scale.id(),
                (System.nanoTime() - t0) / 1_000_000);

        // read expression and labels, in the store's cell order, for markers and composition
        List<Map<String, Object>> rows = access.read(CypherLibrary.query(CypherLibrary.SECTION_CELL_EXPRESSION), sp);
        int n = rows.size();
        String[] genes = Values.asStringArray(rows.get(0).get("genes"));
        float[][] expression = new float[genes.length][n];
        int[] cluster = new int[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = rows.get(i);
            int[] g = Values.asIntArray(r.get("g"));
            int[] v = Values.asIntArray(r.get("v"));
            double lib = 0;
            for (int x : v) {
                lib += x;
            }
            for (int k = 0; k < g.length; k++) {
                expression[g[k]][i] = lib == 0 ? 0 : (float) Math.log1p(v[k] * 1e4 / lib);
            }
            Integer cl = clusterOf.get(Values.asString(r.get("id")));
            cluster[i] = cl == null ? -1 : cl;
            types[i] = Values.asString(r.get("type"));
        }
        List<Microenvironment> result = ClusterProfiles.profile(expression, genes, cluster, types, p.k(), p.markers());
        write(p, clusterOf, result);
        return result;
    }

    private void write(MicroenvironmentParameters p, Map<String, Integer> clusterOf, List<Microenvironment> clusters) {
        access.write(CypherLibrary.query(CypherLibrary.CLUSTER_IDS_REMOVE, p.source()), Map.of("section", p.section()));
        String writeIds = CypherLibrary.query(CypherLibrary.CLUSTER_IDS, p.source());
        List<Map<String, Object>> batch = new ArrayList<>(WRITE_BATCH);
        for (Map.Entry<String, Integer> e : clusterOf.entrySet()) {
            batch.add(Map.of("id", e.getKey(), "c", e.getValue()));
            if (batch.size() == WRITE_BATCH) {
                writeBatch(writeIds, batch);
                batch = new ArrayList<>(WRITE_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            writeBatch(writeIds, batch);
        }
        access.write(CypherLibrary.query(CypherLibrary.CLUSTERS_DELETE),
                Map.of("section", p.section(), "scale", p.source().id()));
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Microenvironment m : clusters) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", m.id());
            node.put("size", m.size());
            try {
                node.put("composition", json.writeValueAsString(m.composition()));
                node.put("markers", json.writeValueAsString(m.markers()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            nodes.add(node);
        }
        access.write(CypherLibrary.query(CypherLibrary.CLUSTERS_CREATE),
                Map.of("nodes", nodes, "section", p.section(), "scale", p.source().id(), "k", p.k()));
    }

    private void writeBatch(String cypher, List<Map<String, Object>> batch) {
        access.write(cypher, Map.of("rows", batch));
    }

    /** Cells of a section with their cluster at a scale, for maps: x, y, cluster (-1 when none). */
    public record ClusterMap(double[] x, double[] y, int[] cluster) {
    }

    public ClusterMap map(String section, FeatureSource scale) {
        List<Map<String, Object>> rows = access.read(CypherLibrary.query(CypherLibrary.CLUSTER_MAP, scale), Map.of("section", section));
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        int[] k = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = Values.asDouble(rows.get(i).get("x"));
            y[i] = Values.asDouble(rows.get(i).get("y"));
            Object v = rows.get(i).get("k");
            k[i] = v == null ? -1 : Values.asInt(v);
        }
        return new ClusterMap(x, y, k);
    }

    /** The stored clusters of a section at a scale, as a legend line each ("3  n=1,204  Slc17a7, Nrgn, ..."). */
    public List<String> legend(String section, FeatureSource scale) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : access.read(CypherLibrary.query(CypherLibrary.CLUSTER_LEGEND), Map.of("section", section, "scale", scale.id()))) {
            StringBuilder sb = new StringBuilder();
            sb.append(Values.asInt(r.get("id"))).append("  n=").append(String.format(java.util.Locale.ROOT, "%,d", Values.asLong(r.get("size")))).append("  ");
            try {
                com.fasterxml.jackson.databind.JsonNode markers = json.readTree(Values.asString(r.get("markers")));
                for (int i = 0; i < Math.min(3, markers.size()); i++) {
                    sb.append(i == 0 ? "" : ", ").append(markers.get(i).get("gene").asText());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            lines.add(sb.toString());
        }
        return lines;
    }
}
