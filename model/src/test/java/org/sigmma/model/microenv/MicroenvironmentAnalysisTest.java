package org.sigmma.model.microenv;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.progress.ProgressListener;
import org.sigmma.schema.FeatureSource;
import org.sigmma.schema.Scale;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;

/** Microenvironments from expression on the real mouse-brain sample: no image, no training needed. */
class MicroenvironmentAnalysisTest {

    static Path dir;
    static EmbeddedGraph graph;
    static List<Microenvironment> clusters;
    static final int K = 8;

    @BeforeAll
    static void ingestAndCluster() throws Exception {
        dir = Files.createTempDirectory("sigmma-microenv-test");
        graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")).withPageCache(128L << 20));
        new SectionLoader(graph).ingest(Path.of("..", "samples", "xenium_mouse_brain_ctx_hp"), ReadOptions.defaults(),
                IngestParameters.defaults().withName("brain").withFeatures(2000, 16), ProgressListener.NONE);
        clusters = new MicroenvironmentAnalysis(graph.access()).run(MicroenvironmentParameters.of("brain", FeatureSource.EXPRESSION, K));
    }

    @AfterAll
    static void close() throws Exception {
        graph.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long scalar(String q) {
        return Values.asLong(graph.query(q, Map.of()).get(0).values().iterator().next());
    }

    @Test
    void everyCellGetsOneOfKClustersAndClusterNodesAgree() {
        assertEquals(K, clusters.size());
        assertEquals(36_602, clusters.stream().mapToInt(Microenvironment::size).sum());
        assertEquals(36_602, scalar("MATCH (c:Cell {section: 'brain'}) WHERE c.clusterExpression >= 0 AND c.clusterExpression < " + K + " RETURN count(c)"));
        assertEquals(K, scalar("MATCH (k:Cluster {section: 'brain', scale: 'expression'}) RETURN count(k)"));
        for (Microenvironment m : clusters) {
            assertEquals(m.size(), scalar("MATCH (c:Cell {section: 'brain', clusterExpression: " + m.id() + "}) RETURN count(c)"));
        }
    }

    @Test
    void clustersHaveRealMarkers() {
        for (Microenvironment m : clusters) {
            Microenvironment.MarkerGene top = m.markers().get(0);
            assertTrue(top.meanIn() > top.meanOut() && top.adjustedP() < 1e-6 && top.log2FoldChange() > 0.5,
                    "cluster " + m.id() + ": " + top);
        }
    }

    @Test
    void clustersFollowTheTissueNotChance() {
        // anatomy (cortex layers, hippocampus) makes neighbours share a microenvironment far more than
        // random labels of the same sizes would: sum over clusters of (size/n)^2
        double n = 36_602;
        double chance = clusters.stream().mapToDouble(m -> (m.size() / n) * (m.size() / n)).sum();
        double same = (double) scalar("MATCH (a:Cell {section: 'brain'})-[:NEAR]->(b:Cell) WHERE a.clusterExpression = b.clusterExpression RETURN count(*)")
                / scalar("MATCH (a:Cell {section: 'brain'})-[:NEAR]->(b:Cell) RETURN count(*)");
        assertTrue(same > chance + 0.25, "same-cluster neighbours " + same + " vs chance " + chance);
    }

    @Test
    void rerunningReplacesTheResult() {
        new MicroenvironmentAnalysis(graph.access()).run(MicroenvironmentParameters.of("brain", FeatureSource.EXPRESSION, 4));
        assertEquals(4, scalar("MATCH (k:Cluster {section: 'brain', scale: 'expression'}) RETURN count(k)"));
        assertEquals(0, scalar("MATCH (c:Cell {section: 'brain'}) WHERE c.clusterExpression >= 4 RETURN count(c)"));
        clusters = new MicroenvironmentAnalysis(graph.access()).run(MicroenvironmentParameters.of("brain", FeatureSource.EXPRESSION, K));
    }

    @Test
    void scalesWithoutEmbeddingsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MicroenvironmentAnalysis(graph.access()).run(MicroenvironmentParameters.of("brain", FeatureSource.embedding(Scale.MESO), 5)));
        assertTrue(e.getMessage().contains("sigmma embed"), e.getMessage());
    }
}
