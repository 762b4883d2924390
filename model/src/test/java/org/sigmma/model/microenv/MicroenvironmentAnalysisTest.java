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

    private double sameClusterShare(String property) {
        return (double) scalar("MATCH (a:Cell {section: 'brain'})-[:NEAR]->(b:Cell) WHERE a." + property + " = b."
                + property + " RETURN count(*)") / scalar("MATCH (a:Cell {section: 'brain'})-[:NEAR]->(b:Cell) RETURN count(*)");
    }

    @Test
    void nicheFeaturesNeedNoRunAndGiveSpatiallyCoherentMicroenvironments() {
        FeatureSource niche = FeatureSource.niche(Scale.MESO);
        List<Microenvironment> niches = new MicroenvironmentAnalysis(graph.access())
                .run(MicroenvironmentParameters.of("brain", niche, K));
        assertEquals(K, niches.size());
        assertEquals(36_602, niches.stream().mapToInt(Microenvironment::size).sum());
        // each cell's 16 PCA features, then the means at 1..4 hops (the meso reach)
        assertEquals(16 * 5, scalar("MATCH (c:Cell {section: 'brain'}) RETURN max(size(c.nicheMeso))"));
        assertEquals(K, scalar("MATCH (k:Cluster {section: 'brain', scale: 'niche-meso'}) RETURN count(k)"));
        // the point of niches: neighbours share a niche far more often than they share an expression cluster
        // (the reference, CellCharter-style on this sample: 0.61 -> 0.94 at k = 10 with 3 hops of 64 PCs)
        double expression = sameClusterShare("clusterExpression");
        double nicheShare = sameClusterShare("clusterNicheMeso");
        assertTrue(nicheShare > expression + 0.1 && nicheShare > 0.8, "same-cluster share over NEAR edges: niche "
                + nicheShare + ", expression " + expression);
        System.out.printf(java.util.Locale.ROOT, "NICHE same-cluster share over NEAR edges, k = %d: expression %.3f, "
                + "niche-meso (4 hops) %.3f%n", K, expression, nicheShare);
        // the clustering's own markers are real ones
        Microenvironment.MarkerGene top = niches.get(0).markers().get(0);
        assertTrue(top.meanIn() > top.meanOut(), top.toString());
    }

    @Test
    void neighbourhoodEnrichmentAndCoOccurrenceAreStoredWithTheClustering() {
        NeighbourhoodAnalysis.Report r = new NeighbourhoodAnalysis(graph.access()).run("brain", FeatureSource.EXPRESSION,
                new org.sigmma.model.spatial.EnrichmentParameters(50, 7, 2),
                org.sigmma.model.spatial.CoOccurrenceParameters.linspace(0, 100, 5));
        assertEquals(K, r.enrichment().k());
        // the counts are the NEAR edges: every edge between clustered cells counted twice over the whole matrix
        long total = 0;
        for (long[] row : r.enrichment().counts()) {
            for (long c : row) {
                total += c;
            }
        }
        assertEquals(2 * scalar("MATCH (a:Cell {section: 'brain'})-[:NEAR]->(b:Cell) RETURN count(*)"), total);
        // anatomy: cells neighbour their own cluster far more than permuted labels would
        for (int a = 0; a < K; a++) {
            assertTrue(r.enrichment().zScores()[a][a] > 3, "cluster " + a + " z with itself " + r.enrichment().zScores()[a][a]);
        }
        List<Map<String, Object>> stored = graph.query(org.sigmma.cypher.CypherLibrary.query(
                org.sigmma.cypher.CypherLibrary.CLUSTER_NEIGHBOURHOOD), Map.of("section", "brain", "scale", "expression"));
        assertEquals(K, stored.size());
        for (int a = 0; a < K; a++) {
            float[] z = Values.asFloatArray(stored.get(a).get("z"));
            assertEquals(r.enrichment().zScores()[a][a], z[a], 1e-3 * Math.abs(z[a]) + 1e-3);
            assertEquals(50L, Values.asLong(stored.get(a).get("permutations")));
            assertTrue(String.valueOf(stored.get(a).get("cooccurrence")).startsWith("[["), "JSON [other][distance]");
        }
        // a clustering that does not exist is refused by name, and nothing is written
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NeighbourhoodAnalysis(
                graph.access()).run("brain", FeatureSource.niche(Scale.MACRO), org.sigmma.model.spatial.EnrichmentParameters
                .defaults(), org.sigmma.model.spatial.CoOccurrenceParameters.linspace(0, 100, 5)));
        assertTrue(e.getMessage().contains("no clusters at scale niche-macro"), e.getMessage());
    }

    @Test
    void scalesWithoutEmbeddingsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MicroenvironmentAnalysis(graph.access()).run(MicroenvironmentParameters.of("brain", FeatureSource.embedding(Scale.MESO), 5)));
        assertTrue(e.getMessage().contains("sigmma embed"), e.getMessage());
    }

    @Test
    void badClusteringParametersNameTheParameter() {
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> MicroenvironmentParameters.of("brain", FeatureSource.EXPRESSION, 1));
        assertTrue(k.getMessage().startsWith("k must be at least 2"), k.getMessage());
        IllegalArgumentException it = assertThrows(IllegalArgumentException.class, () -> new MicroenvironmentParameters(
                "brain", FeatureSource.EXPRESSION, 4, 42L, 0, 10, 0));
        assertTrue(it.getMessage().startsWith("maxIterations must be at least 1"), it.getMessage());
    }
}
