package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.ExecutionPlanDescription;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.FeatureSource;

/**
 * The cluster-cells queries of the REST API are planned as a seek on the (section, cluster, cellId) index of their
 * scale, with the order coming from the index (no Sort, no Top): a page of a 10,000-cell cluster reads a page of
 * index entries. This is what keeps the endpoint fast under load (RestLoadBenchmark).
 */
class ClusterCellsPlanTest {

    @Test
    void everyScaleSeeksItsClusterIndexAndSortsNothing() {
        var db = ApiTestDatabase.graph().db();
        for (FeatureSource source : FeatureSource.all()) {
            String scale = source.id();
            String property = source.clusterProperty();
            String query = CypherLibrary.query(CypherLibrary.CLUSTER_CELLS, source);
            Map<String, Object> params = Map.of("section", ApiTestDatabase.SECTION, "cluster", 1, "offset", 100, "limit", 100);
            ExecutionPlanDescription plan = db.executeTransactionally("EXPLAIN " + query, params,
                    r -> r.getExecutionPlanDescription());
            List<String> operators = new ArrayList<>();
            collect(plan, operators);
            String text = plan.toString();
            assertTrue(operators.stream().anyMatch(o -> o.startsWith("NodeIndexSeek")), scale + ": " + text);
            assertTrue(text.contains("Cell(section, " + property + ", cellId)"), scale + ": " + text);
            assertTrue(operators.stream().noneMatch(o -> o.contains("Sort") || o.contains("Top")), scale + ": " + text);
            assertTrue(operators.stream().noneMatch(o -> o.contains("LabelScan") || o.contains("AllNodesScan")), scale + ": " + text);
        }
    }

    private static void collect(ExecutionPlanDescription p, List<String> out) {
        out.add(p.getName());
        p.getChildren().forEach(c -> collect(c, out));
    }
}
