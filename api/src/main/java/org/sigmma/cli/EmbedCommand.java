package org.sigmma.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.model.graph.RunWriteBack;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.progress.ConsoleProgress;
import org.sigmma.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a trained run's embeddings and learned edges back into the graph. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Write tile and cell embeddings at three scales and LEARNED edges of a trained run into the graph (idempotent).")
public final class EmbedCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--run", required = true, description = "the run id (sigmma train printed it)")
    String run;

    @Option(names = "--sections", split = ",", description = "sections to embed (default: those the run trained on)")
    List<String> sections;

    @Option(names = "--device", defaultValue = "auto", description = "auto | cpu | gpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--chunk", defaultValue = "64", description = "tiles embedded and written per step (default: ${DEFAULT-VALUE})")
    int chunk;

    @Override
    public Integer call() throws Exception {
        try (GraphStore graph = store.store()) {
            RunWriteBack.Report report = new Pipeline(graph).embed(run, sections, device, chunk,
                    new ConsoleProgress(System.out));
            int tilesDone = report.tiles();
            long edges = report.learnedEdges();
            System.out.printf(Locale.ROOT, "run %s: %d tiles and their cells embedded, %,d LEARNED edges written%n", run, tilesDone, edges);
        }
        return 0;
    }
}
