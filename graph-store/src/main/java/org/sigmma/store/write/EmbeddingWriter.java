package org.sigmma.store.write;

import java.util.List;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.Scale;

/**
 * Writes a run's results back into the graph, one tile per transaction: tile embeddings of both modalities per scale,
 * cell embeddings per scale, and LEARNED edges with their probability, scale and run. Idempotent: the LEARNED edges
 * of the run inside the tile are replaced and properties overwritten, so writing the same run twice changes nothing.
 */
public final class EmbeddingWriter {

    static final RelationshipType LEARNED = RelationshipType.withName("LEARNED");

    private final GraphDatabaseService db;

    public EmbeddingWriter(GraphDatabaseService db) {
        this.db = db;
    }

    /**
     * Marks the run's write-back as under way (WRITING on its Run node): a process killed before {@link #finished}
     * leaves that mark, and the next start removes what this write-back wrote (RunRepository.recoverInterrupted).
     */
    public void started(String run, List<String> sections) {
        db.executeTransactionally(CypherLibrary.query(CypherLibrary.RUN_WRITE_BACK_STARTED),
                java.util.Map.of("run", run, "sections", String.join(",", sections), "now", java.time.OffsetDateTime.now().toString()));
    }

    /** The write-back is complete: every tile written. */
    public void finished(String run, int tiles, long learnedEdges) {
        db.executeTransactionally(CypherLibrary.query(CypherLibrary.RUN_WRITE_BACK_FINISHED),
                java.util.Map.of("run", run, "now", java.time.OffsetDateTime.now().toString(), "tiles", tiles, "edges", learnedEdges));
    }

    /** One learned edge between two cells of a tile (cell ids as in Cell.cellId). */
    public record Learned(String fromCellId, String toCellId, String scale, double probability) {
    }

    /**
     * @param he        tile embedding of the image per scale, indexed by {@link Scale#ordinal()} [3][d]
     * @param st        tile embedding of the expression per scale [3][d]
     * @param cellIds   the tile's cells, in the order of {@code cellEmbeddings}
     * @param cellEmbeddings per scale, cellIds.length x dim row-major (null to skip cells)
     */
    public void writeTile(String section, String tileId, String run, float[][] he, float[][] st, String[] cellIds,
                          float[][] cellEmbeddings, int dim, List<Learned> edges) {
        try (Transaction tx = db.beginTx()) {
            Node tile = tx.findNode(EmbeddedSectionWriter.TILE, "id", tileId);
            if (tile == null) {
                throw new IllegalArgumentException("no tile " + tileId);
            }
            for (Scale s : Scale.values()) {
                tile.setProperty(s.heEmbeddingProperty(), he[s.ordinal()]);
                tile.setProperty(s.stEmbeddingProperty(), st[s.ordinal()]);
            }
            tile.setProperty("embeddingRun", run);
            Node[] cells = new Node[cellIds.length];
            java.util.Map<String, Node> byId = new java.util.HashMap<>();
            for (int i = 0; i < cellIds.length; i++) {
                cells[i] = tx.findNode(EmbeddedSectionWriter.CELL, "id", section + ":" + cellIds[i]);
                if (cells[i] == null) {
                    throw new IllegalArgumentException("no cell " + cellIds[i] + " in section " + section);
                }
                byId.put(cellIds[i], cells[i]);
                if (cellEmbeddings != null) {
                    for (Scale s : Scale.values()) {
                        cells[i].setProperty(s.cellEmbeddingProperty(),
                                java.util.Arrays.copyOfRange(cellEmbeddings[s.ordinal()], i * dim, (i + 1) * dim));
                    }
                    cells[i].setProperty("embeddingRun", run);
                }
                // replace this run's LEARNED edges leaving the cell (both ends lie in the tile)
                for (Relationship r : cells[i].getRelationships(org.neo4j.graphdb.Direction.OUTGOING, LEARNED)) {
                    if (run.equals(r.getProperty("run", null))) {
                        r.delete();
                    }
                }
            }
            for (Learned e : edges) {
                Node a = byId.get(e.fromCellId());
                Node b = byId.get(e.toCellId());
                if (a == null || b == null) {
                    throw new IllegalArgumentException("learned edge " + e + " leaves tile " + tileId);
                }
                Relationship r = a.createRelationshipTo(b, LEARNED);
                r.setProperty("scale", e.scale());
                r.setProperty("probability", e.probability());
                r.setProperty("run", run);
            }
            tx.commit();
        }
    }
}
