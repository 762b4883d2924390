package org.sigmma.store.write;

import java.util.List;

/**
 * Writes a run's results back into the graph, one tile per transaction: tile embeddings of both modalities per scale,
 * cell embeddings per scale, and LEARNED edges with their probability, scale and run. Idempotent: the LEARNED edges
 * of the run inside the tile are replaced and properties overwritten, so writing the same run twice changes nothing.
 * {@link EmbeddedEmbeddingWriter} writes through the kernel of the embedded database, {@link CypherEmbeddingWriter}
 * through Cypher on any access (a server over Bolt); the graph they leave is the same.
 */
public interface EmbeddingWriter {

    /**
     * Marks the run's write-back as under way (WRITING on its Run node): a process killed before {@link #finished}
     * leaves that mark, and the next start removes what this write-back wrote (RunRepository.recoverInterrupted).
     */
    void started(String run, List<String> sections);

    /** The write-back is complete: every tile written. */
    void finished(String run, int tiles, long learnedEdges);

    /** One learned edge between two cells of a tile (cell ids as in Cell.cellId). */
    record Learned(String fromCellId, String toCellId, String scale, double probability) {
    }

    /**
     * @param he        tile embedding of the image per scale, indexed by {@link org.sigmma.schema.Scale#ordinal()} [3][d]
     * @param st        tile embedding of the expression per scale [3][d]
     * @param cellIds   the tile's cells, in the order of {@code cellEmbeddings}
     * @param cellEmbeddings per scale, cellIds.length x dim row-major (null to skip cells)
     */
    void writeTile(String section, String tileId, String run, float[][] he, float[][] st, String[] cellIds,
                   float[][] cellEmbeddings, int dim, List<Learned> edges);
}
