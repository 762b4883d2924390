package org.sigmma.model.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.infer.LearnedEdge;
import org.sigmma.model.infer.TileEmbedding;
import org.sigmma.store.write.EmbeddingWriter;

/**
 * Inference and write-back of a trained run: every tile of the given sections is embedded from its checkpoint, and its
 * embeddings and learned edges are written into the graph one tile per transaction (idempotent per run). The Run node
 * reads writeBack WRITING meanwhile and DONE at the end; the store undoes a write-back left WRITING when it opens.
 */
public final class RunWriteBack {

    private RunWriteBack() {
    }

    /** What was written. */
    public record Report(int tiles, long learnedEdges) {
    }

    public static Report run(GraphTileSource source, EmbeddingWriter writer, String runId, Path checkpoint, String device,
                             int chunk, LongConsumer tilesDone) throws IOException {
        return run(source, source.allTileIds(), writer, runId, checkpoint, device, chunk, tilesDone);
    }

    /** The given tiles only (listed by the caller, for example to size a progress bar). */
    public static Report run(GraphTileSource source, List<String> tiles, EmbeddingWriter writer, String runId,
                             Path checkpoint, String device, int chunk, LongConsumer tilesDone) throws IOException {
        long edges = 0;
        // WRITING until the last tile is written: a process killed in between is undone at the next start
        writer.started(runId, source.sections());
        try (Embedder embedder = Embedder.open(checkpoint, device)) {
            for (int start = 0; start < tiles.size(); start += chunk) {
                List<String> ids = tiles.subList(start, Math.min(tiles.size(), start + chunk));
                Embedder.Result r = embedder.embed(source, ids, Embedder.Options.all(), f -> { });
                for (TileEmbedding t : r.tiles()) {
                    String[] cellIds = source.cellIds(t.tileId());
                    List<EmbeddingWriter.Learned> learned = new ArrayList<>(t.edges().size());
                    for (LearnedEdge e : t.edges()) {
                        learned.add(new EmbeddingWriter.Learned(cellIds[e.from()], cellIds[e.to()], e.scale(), e.probability()));
                    }
                    edges += learned.size();
                    writer.writeTile(source.sectionOf(t.tileId()), t.tileId(), runId, t.image(), t.spot(), cellIds,
                            t.cells(), t.hidden(), learned);
                }
                tilesDone.accept(start + ids.size());
            }
        }
        writer.finished(runId, tiles.size(), edges);
        return new Report(tiles.size(), edges);
    }
}
