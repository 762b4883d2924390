package org.sigmma.model.microenv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.model.spatial.CoOccurrence;
import org.sigmma.model.spatial.CoOccurrenceParameters;
import org.sigmma.model.spatial.EnrichmentParameters;
import org.sigmma.model.spatial.NearGraph;
import org.sigmma.model.spatial.NeighbourhoodEnrichment;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store adapter of {@link NeighbourhoodEnrichment} and {@link CoOccurrence} for one clustering of a section (one
 * feature source): reads the clustered cells, their positions and the NEAR edges between them, computes both, and
 * stores them on the clustering's (:Cluster) nodes, row by row ({@code enrichmentCounts}, {@code enrichmentZ} against
 * every cluster in id order; {@code cooccurrence}, JSON, {@code [i][r]} = p(cluster i | within interval[r + 1] of this
 * cluster) / p(cluster i), squidpy's ratio with this cluster as the cluster of interest). A new
 * clustering of the same section and scale replaces its nodes, and with them these results.
 */
public final class NeighbourhoodAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(NeighbourhoodAnalysis.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Both statistics of one clustering, with the cluster ids they are indexed by. */
    public record Report(String section, FeatureSource source, NeighbourhoodEnrichment.Result enrichment,
            CoOccurrence.Result cooccurrence, long millis) {
    }

    private final GraphAccess access;

    public NeighbourhoodAnalysis(GraphAccess access) {
        this.access = access;
    }

    public Report run(String section, FeatureSource source, EnrichmentParameters ep, CoOccurrenceParameters cp) {
        long t0 = System.nanoTime();
        Map<String, Object> sp = Map.of("section", section);
        List<Map<String, Object>> cells = access.read(CypherLibrary.query(CypherLibrary.SECTION_CELL_CLUSTERS, source), sp);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("section " + section + " has no clusters at scale " + source.id()
                    + ": run sigmma clusters --section " + section + " --scale " + source.id() + " first");
        }
        int n = cells.size();
        double[] x = new double[n];
        double[] y = new double[n];
        int[] labels = new int[n];
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = cells.get(i);
            index.put(Values.asString(r.get("id")), i);
            x[i] = Values.asDouble(r.get("x"));
            y[i] = Values.asDouble(r.get("y"));
            labels[i] = Values.asInt(r.get("cluster"));
        }
        NearGraph graph = SectionNearGraph.read(access, section, index);
        NeighbourhoodEnrichment.Result enrichment = NeighbourhoodEnrichment.of(graph, labels, ep).compute();
        CoOccurrence.Result cooccurrence = CoOccurrence.of(x, y, labels, cp).compute();
        store(section, source, ep, enrichment, cooccurrence);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("neighbourhood of {} ({}): {} cells, {} clusters, {} NEAR edges, {} permutations, {} distances, {} ms",
                section, source.id(), n, enrichment.k(), graph.edgeCount(), ep.permutations(), cooccurrence.thresholds(),
                ms);
        return new Report(section, source, enrichment, cooccurrence, ms);
    }

    private void store(String section, FeatureSource source, EnrichmentParameters ep, NeighbourhoodEnrichment.Result en,
            CoOccurrence.Result co) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int a = 0; a < en.k(); a++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", en.clusters()[a]);
            row.put("counts", en.counts()[a]);
            double[] z = en.zScores()[a].clone();
            for (int b = 0; b < z.length; b++) {
                z[b] = Double.isNaN(z[b]) ? 0 : z[b]; // a property list holds no NaN: 0 where the std was 0
            }
            row.put("z", z);
            // conditioned on this cluster: [other cluster i][distance r] = p(i | within d of this) / p(i)
            List<List<Double>> occ = new ArrayList<>();
            for (int i = 0; i < co.k(); i++) {
                List<Double> line = new ArrayList<>();
                for (double v : co.ratios()[i][a]) {
                    line.add(Double.isFinite(v) ? v : null);
                }
                occ.add(line);
            }
            try {
                row.put("cooccurrence", JSON.writeValueAsString(occ));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            rows.add(row);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("section", section);
        p.put("scale", source.id());
        p.put("rows", rows);
        p.put("permutations", ep.permutations());
        p.put("seed", ep.seed());
        p.put("interval", co.interval());
        long written = Values.asLong(access.write(CypherLibrary.query(CypherLibrary.CLUSTER_NEIGHBOURHOOD_WRITE), p)
                .get(0).get("written"));
        if (written != en.k()) {
            throw new IllegalStateException("stored the neighbourhood of " + written + " of " + en.k() + " clusters of "
                    + section + " at scale " + source.id() + ": its (:Cluster) nodes do not match the cells' cluster ids");
        }
    }
}
