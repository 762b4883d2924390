package org.sigmma.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.infer.LearnedEdge;
import org.sigmma.model.infer.TileEmbedding;
import org.sigmma.model.store.GraphTileSource;
import org.sigmma.progress.ConsoleProgress;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.RunRepository;
import org.sigmma.store.write.EmbeddingWriter;
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
        try (EmbeddedGraph graph = store.open()) {
            RunRepository.RunInfo info = new RunRepository(graph.access()).run(run)
                    .orElseThrow(() -> new IllegalArgumentException("no run " + run));
            List<String> targets = sections != null ? sections : Arrays.asList(info.sections().split(","));
            GraphTileSource source = new GraphTileSource(graph.access(), targets, store.dataDir);
            List<String> tiles = new ArrayList<>();
            for (String split : List.of("train", "val", "test")) {
                tiles.addAll(source.tileIds(split));
            }
            EmbeddingWriter writer = new EmbeddingWriter(graph.db());
            ConsoleProgress progress = new ConsoleProgress(System.out);
            progress.step("embed and write back", "tiles", tiles.size());
            long edges = 0;
            try (Embedder embedder = Embedder.open(java.nio.file.Path.of(info.checkpoint()), device)) {
                for (int start = 0; start < tiles.size(); start += chunk) {
                    List<String> ids = tiles.subList(start, Math.min(tiles.size(), start + chunk));
                    Embedder.Result r = embedder.embed(source, ids, Embedder.Options.all(), f -> { });
                    for (TileEmbedding t : r.tiles()) {
                        String[] cellIds = source.cellIds(t.tileId());
                        List<EmbeddingWriter.Learned> learned = new ArrayList<>();
                        for (LearnedEdge e : t.edges()) {
                            learned.add(new EmbeddingWriter.Learned(cellIds[e.from()], cellIds[e.to()], e.scale(), e.probability()));
                        }
                        edges += learned.size();
                        writer.writeTile(source.sectionOf(t.tileId()), t.tileId(), run, t.image(), t.spot(), cellIds,
                                t.cells(), t.hidden(), learned);
                    }
                    progress.progress(start + ids.size());
                }
            }
            progress.stepDone();
            System.out.printf(Locale.ROOT, "run %s: %d tiles and their cells embedded, %,d LEARNED edges written%n", run, tiles.size(), edges);
        }
        return 0;
    }
}
