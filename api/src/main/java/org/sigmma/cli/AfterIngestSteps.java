package org.sigmma.cli;

import java.util.ArrayList;
import java.util.List;
import org.sigmma.ingest.jobs.AfterIngest;
import org.sigmma.model.graph.RunWriteBack;
import org.sigmma.model.microenv.MicroenvironmentParameters;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.progress.ProgressListener;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.EmbeddedGraph;

/**
 * What {@code serve --inbox} runs after a section is loaded: with a run, embed the section with it (write-back as
 * {@code sigmma embed}) and cluster its cells at the three scales; without one, cluster on expression. k = 0 skips
 * the clustering.
 *
 * @param run the trained run to embed with, or null
 * @param k   microenvironments per clustering, 0 for none
 */
public record AfterIngestSteps(EmbeddedGraph graph, String run, int k) implements AfterIngest {

    @Override
    public String run(String section) throws Exception {
        List<String> done = new ArrayList<>();
        List<FeatureSource> scales = List.of(FeatureSource.EXPRESSION);
        Pipeline pipeline = new Pipeline(graph);
        if (run != null) {
            RunWriteBack.Report r = pipeline.embed(run, List.of(section), "auto", 64, ProgressListener.NONE);
            done.add("embedded with run " + run + " (" + r.tiles() + " tiles, " + r.learnedEdges() + " LEARNED edges)");
            scales = FeatureSource.all().stream().filter(FeatureSource::needsEmbeddings).toList();
        }
        if (k > 0) {
            for (FeatureSource s : scales) {
                pipeline.clusters(MicroenvironmentParameters.of(section, s, k));
            }
            done.add("clustered k=" + k + " at " + String.join(", ", scales.stream().map(FeatureSource::id).toList()));
        }
        return done.isEmpty() ? null : String.join("; ", done);
    }
}
