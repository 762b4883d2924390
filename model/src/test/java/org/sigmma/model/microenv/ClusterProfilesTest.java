package org.sigmma.model.microenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sizes, compositions and markers of a clustering worked by hand. */
class ClusterProfilesTest {

    @Test
    void sizesCompositionsAndTheTopMarkerOfEachCluster() {
        // 6 cells: cells 0-2 in cluster 0 (gene A high), cells 3-4 in cluster 1 (gene B high), cell 5 in none
        float[][] expression = {
            {3, 3.2f, 2.8f, 0, 0.1f, 5},
            {0, 0.1f, 0, 2.9f, 3.1f, 5},
        };
        int[] cluster = {0, 0, 0, 1, 1, -1};
        String[] types = {"Tumour", "Tumour", "T cell", "Stroma", null, "Tumour"};
        List<Microenvironment> p = ClusterProfiles.profile(expression, new String[] {"A", "B"}, cluster, types, 2, 1);
        assertEquals(2, p.size());
        assertEquals(3, p.get(0).size());
        assertEquals(2, p.get(1).size());
        assertEquals(Map.of("Tumour", 2, "T cell", 1), p.get(0).composition(), "the cell without a cluster is not counted");
        assertEquals(Map.of("Stroma", 1), p.get(1).composition(), "a cell without a type is counted in size only");
        assertEquals("A", p.get(0).markers().get(0).gene());
        assertEquals("B", p.get(1).markers().get(0).gene());
        assertEquals(1, p.get(0).markers().size(), "markers kept per cluster");
    }

    @Test
    void badInputNamesWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterProfiles.profile(
                new float[][] {{1, 2}}, new String[] {"A"}, new int[] {0, 2}, null, 2, 1));
        assertEquals("cell 1 is in cluster 2, not below k = 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClusterProfiles.profile(
                new float[][] {{1, 2}}, new String[] {"A", "B"}, new int[] {0, 1}, null, 2, 1));
        assertEquals("1 expression rows for 2 genes", e.getMessage());
    }
}
