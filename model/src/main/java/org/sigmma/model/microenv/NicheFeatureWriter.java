package org.sigmma.model.microenv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.model.spatial.NearGraph;
import org.sigmma.model.spatial.NicheFeatures;
import org.sigmma.model.spatial.NicheParameters;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store adapter of {@link NicheFeatures}: reads a section's expression features and NEAR edges, aggregates each
 * cell's neighbourhood out to the niche's hops, and writes the result to the niche's Cell property
 * ({@code nicheMicro}, ...), which the clustering then reads like any other feature source.
 */
public final class NicheFeatureWriter {

    private static final Logger LOG = LoggerFactory.getLogger(NicheFeatureWriter.class);
    private static final int WRITE_BATCH = 5_000;

    private final GraphAccess access;

    public NicheFeatureWriter(GraphAccess access) {
        this.access = access;
    }

    /** Computes and stores the niche features of a section; returns the cells written. */
    public int write(String section, FeatureSource.Niche niche, int hops) {
        long t0 = System.nanoTime();
        Map<String, Object> sp = Map.of("section", section);
        List<Map<String, Object>> cells = access.read(CypherLibrary.query(CypherLibrary.SECTION_CELL_FEATURES), sp);
        int n = cells.size();
        if (n == 0) {
            throw new IllegalArgumentException("section " + section + " has no cells with expression features");
        }
        String[] ids = new String[n];
        Map<String, Integer> index = new HashMap<>(n * 2);
        int dim = Values.asFloatArray(cells.get(0).get("features")).length;
        float[] features = new float[n * dim];
        for (int i = 0; i < n; i++) {
            ids[i] = Values.asString(cells.get(i).get("id"));
            index.put(ids[i], i);
            float[] f = Values.asFloatArray(cells.get(i).get("features"));
            if (f.length != dim) {
                throw new IllegalStateException("cell " + ids[i] + " of section " + section + " has " + f.length
                        + " features, the first cell " + dim);
            }
            System.arraycopy(f, 0, features, i * dim, dim);
        }
        NearGraph graph = SectionNearGraph.read(access, section, index);
        NicheFeatures.Result r = NicheFeatures.of(graph, features, dim,
                NicheParameters.of(hops).withConcurrency(Runtime.getRuntime().availableProcessors())).compute();
        long t1 = System.nanoTime();
        String cypher = CypherLibrary.query(CypherLibrary.CELL_NICHE_FEATURES, niche);
        int out = r.outputDim();
        List<Map<String, Object>> batch = new ArrayList<>(WRITE_BATCH);
        for (int i = 0; i < n; i++) {
            float[] v = new float[out];
            System.arraycopy(r.values(), i * out, v, 0, out);
            batch.add(Map.of("id", ids[i], "v", v));
            if (batch.size() == WRITE_BATCH || i == n - 1) {
                access.write(cypher, Map.of("rows", batch));
                batch = new ArrayList<>(WRITE_BATCH);
            }
        }
        LOG.info("niche features of {} ({} hops, {} -> {} per cell): {} cells, {} edges, aggregated in {} ms, written "
                + "in {} ms", section, hops, dim, out, n, graph.edgeCount(), (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
        return n;
    }
}
