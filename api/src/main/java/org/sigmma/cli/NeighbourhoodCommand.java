package org.sigmma.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.model.eval.Heatmap;
import org.sigmma.model.eval.LinePlot;
import org.sigmma.model.microenv.NeighbourhoodAnalysis;
import org.sigmma.model.spatial.CoOccurrence;
import org.sigmma.model.spatial.CoOccurrenceParameters;
import org.sigmma.model.spatial.EnrichmentParameters;
import org.sigmma.model.spatial.NeighbourhoodEnrichment;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Neighbourhood enrichment and co-occurrence of one clustering of a section, stored with it and drawn as PNG. */
@Command(name = "neighbourhood", mixinStandardHelpOptions = true,
        description = "Neighbourhood enrichment (squidpy's z-scores of NEAR-edge counts between clusters against label "
                + "permutations) and co-occurrence by distance (p(cluster | within d) / p(cluster)) of one clustering of "
                + "a section; stored on its (:Cluster) nodes, a heatmap and curves as PNG.")
public final class NeighbourhoodCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--section", required = true, description = "section id")
    String section;

    @Option(names = "--scale", defaultValue = "expression",
            description = "the clustering: one of expression, micro, meso, macro, niche-micro, niche-meso, niche-macro "
                    + "(default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--permutations", defaultValue = "1000", description = "label permutations (default: ${DEFAULT-VALUE})")
    int permutations;

    @Option(names = "--seed", defaultValue = "42", description = "permutation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-um", defaultValue = "200", description = "largest co-occurrence distance in um (default: ${DEFAULT-VALUE})")
    double maxUm;

    @Option(names = "--distances", defaultValue = "11",
            description = "co-occurrence distances from 0 to --max-um, evenly spaced (squidpy's interval; default: ${DEFAULT-VALUE})")
    int distances;

    @Option(names = "--out", defaultValue = ".", description = "folder for the PNGs (default: the current folder)")
    Path out;

    @Override
    public Integer call() throws Exception {
        FeatureSource source = FeatureSource.parse(scale);
        int threads = Runtime.getRuntime().availableProcessors();
        EnrichmentParameters ep = new EnrichmentParameters(permutations, seed, threads);
        CoOccurrenceParameters cp = CoOccurrenceParameters.linspace(0, maxUm, distances).withConcurrency(threads);
        NeighbourhoodAnalysis.Report r;
        try (GraphStore graph = store.store()) {
            r = new NeighbourhoodAnalysis(graph.access()).run(section, source, ep, cp);
        }
        NeighbourhoodEnrichment.Result en = r.enrichment();
        String[] labels = Arrays.stream(en.clusters()).mapToObj(Integer::toString).toArray(String[]::new);
        System.out.printf(Locale.ROOT, "neighbourhood enrichment of %s at scale %s (%d clusters, %d permutations, seed %d) "
                + "in %.1f s; z-scores (rows and columns: cluster ids):%n", section, source.id(), en.k(), permutations, seed,
                r.millis() / 1e3);
        System.out.println("      " + String.join("", Arrays.stream(labels).map(l -> String.format(Locale.ROOT, "%8s", l))
                .toList()));
        for (int a = 0; a < en.k(); a++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6s", labels[a]));
            for (double z : en.zScores()[a]) {
                line.append(String.format(Locale.ROOT, "%8.1f", z));
            }
            System.out.println(line);
        }
        Files.createDirectories(out);
        String stem = section + "-" + source.id();
        Path heat = out.resolve(stem + "-enrichment.png");
        Heatmap.write(heat, section + " " + source.id() + ": neighbourhood enrichment (z)", labels, en.zScores());
        CoOccurrence.Result co = r.cooccurrence();
        LinePlot curves = new LinePlot(section + " " + source.id() + ": co-occurrence of each cluster with itself",
                "distance (um)", "p(c | within d of c) / p(c)").reference(1);
        double[] d = Arrays.copyOfRange(co.interval(), 1, co.interval().length);
        for (int c = 0; c < co.k(); c++) {
            curves.add(new LinePlot.Series("cluster " + co.clusters()[c], d, co.ratios()[c][c], null));
        }
        Path occ = out.resolve(stem + "-cooccurrence.png");
        curves.write(occ);
        System.out.println("stored on the (:Cluster {section: '" + section + "', scale: '" + source.id() + "'}) nodes; "
                + "pictures: " + heat + ", " + occ);
        return 0;
    }
}
