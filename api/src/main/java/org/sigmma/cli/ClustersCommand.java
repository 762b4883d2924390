package org.sigmma.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.model.microenv.Microenvironment;
import org.sigmma.model.microenv.MicroenvironmentParameters;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Clusters a section's cells into microenvironments with GDS k-means at one scale. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "Cluster a section's cells into microenvironments (GDS k-means) on expression features, a run's "
                + "embeddings at a scale, or niche features at a scale.")
public final class ClustersCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--section", required = true, description = "section id")
    String section;

    @Option(names = "--scale", defaultValue = "expression", description = "expression | micro | meso | macro (an embedding's "
            + "or, with --features niche, a niche's scale), or a source id such as niche-meso (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--features", description = "embedding | niche: what to cluster at --scale (default: expression for "
            + "--scale expression, else the run's embeddings). niche: each cell's expression features with the mean "
            + "features of its NEAR-graph neighbours at 1..L hops, L = --hops; needs no trained run")
    String features;

    @Option(names = "--hops", defaultValue = "0", description = "with --features niche: hops aggregated (default: the "
            + "scale's reach, micro 2, meso 4, macro 8 hops, about 32 / 64 / 128 um on the mouse-brain sample)")
    int hops;

    @Option(names = "--k", defaultValue = "8", description = "number of microenvironments (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--seed", defaultValue = "42", description = "k-means seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--truth", description = "a simulated bundle: also print the adjusted Rand index of the clusters "
            + "against its planted cell types, niches and domains")
    java.nio.file.Path truth;

    @Override
    public Integer call() throws java.io.IOException {
        FeatureSource s = features == null ? FeatureSource.parse(scale)
                : features.equals("expression") ? FeatureSource.EXPRESSION
                : FeatureSource.of(features, org.sigmma.schema.Scale.parse(scale));
        try (GraphStore graph = store.store()) {
            long t = System.nanoTime();
            List<Microenvironment> clusters = new Pipeline(graph)
                    .clusters(MicroenvironmentParameters.of(section, s, k).withSeed(seed).withNicheHops(hops));
            System.out.printf(Locale.ROOT, "%d microenvironments of %s at scale %s in %.1f s%n", clusters.size(), section,
                    s.id(), (System.nanoTime() - t) / 1e9);
            for (Microenvironment m : clusters) {
                StringBuilder markers = new StringBuilder();
                for (int i = 0; i < Math.min(5, m.markers().size()); i++) {
                    var g = m.markers().get(i);
                    markers.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s (log2FC %.1f)", g.gene(), g.log2FoldChange()));
                }
                System.out.printf(Locale.ROOT, "  %2d  %,7d cells  markers: %s%s%n", m.id(), m.size(), markers,
                        m.composition().isEmpty() ? "" : "  types: " + m.composition());
            }
            if (truth != null) {
                printAgreement(graph, s);
            }
            System.out.println("map: sigmma map --section " + section + " --scale " + s.id() + " --data " + store.dataDir);
        }
        return 0;
    }

    /** The adjusted Rand index of the stored clusters against each level of the simulator's truth. */
    private void printAgreement(GraphStore graph, FeatureSource s) throws java.io.IOException {
        org.sigmma.model.eval.SimulatorTruth t = org.sigmma.model.eval.SimulatorTruth.read(truth);
        List<java.util.Map<String, Object>> cells = graph.access().read(org.sigmma.cypher.CypherLibrary.query(
                org.sigmma.cypher.CypherLibrary.SECTION_CELL_CLUSTERS, s), java.util.Map.of("section", section));
        String prefix = section + ":";
        int[] cluster = new int[cells.size()];
        String[] ids = new String[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            ids[i] = String.valueOf(cells.get(i).get("id")).substring(prefix.length());
            cluster[i] = ((Number) cells.get(i).get("cluster")).intValue();
        }
        StringBuilder line = new StringBuilder("adjusted Rand index against the simulator's truth:");
        for (String level : List.of("type", "niche", "domain", "tumour")) {
            java.util.Map<String, Integer> codes = new java.util.HashMap<>();
            int[] planted = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                String l = t.label(ids[i], level);
                planted[i] = l == null ? -1 : codes.computeIfAbsent(l, x -> codes.size());
            }
            if (codes.size() > 1 && level.equals("tumour")) {
                int[] one = new int[planted.length]; // every cell in one cluster: purity = the larger class's share
                line.append(String.format(Locale.ROOT, "  tumour vs rest: majority purity %.3f (one cluster: %.3f)",
                        org.sigmma.model.eval.AdjustedRandIndex.majorityPurity(cluster, planted),
                        org.sigmma.model.eval.AdjustedRandIndex.majorityPurity(one, planted)));
            } else if (codes.size() > 1) {
                line.append(String.format(Locale.ROOT, "  %s %.3f (%d planted)", level,
                        org.sigmma.model.eval.AdjustedRandIndex.of(cluster, planted), codes.size()));
            }
        }
        System.out.println(line);
    }
}
