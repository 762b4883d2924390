package org.sigmma.model.microenv;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.model.spatial.NearGraph;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Values;

/** Reads a section's NEAR edges into a {@link NearGraph} over some of its cells. */
final class SectionNearGraph {

    private SectionNearGraph() {
    }

    /**
     * @param index each kept cell's id to its position 0..n-1; an edge with an end outside it is left out
     */
    static NearGraph read(GraphAccess access, String section, Map<String, Integer> index) {
        List<Map<String, Object>> edges = access.read(CypherLibrary.query(CypherLibrary.SECTION_NEAR_EDGES),
                Map.of("section", section));
        int[] src = new int[edges.size()];
        int[] dst = new int[edges.size()];
        int e = 0;
        for (Map<String, Object> r : edges) {
            Integer a = index.get(Values.asString(r.get("a")));
            Integer b = index.get(Values.asString(r.get("b")));
            if (a != null && b != null) {
                src[e] = a;
                dst[e++] = b;
            }
        }
        return NearGraph.fromEdges(index.size(), Arrays.copyOf(src, e), Arrays.copyOf(dst, e));
    }
}
