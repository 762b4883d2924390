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
 * The embedded database's {@link EmbeddingWriter}: nodes found through the unique indexes and written through the
 * core API in one transaction per tile.
 */
public final class EmbeddedEmbeddingWriter implements EmbeddingWriter {

    static final RelationshipType LEARNED = RelationshipType.withName("LEARNED");

    private final GraphDatabaseService db;

    public EmbeddedEmbeddingWriter(GraphDatabaseService db) {
        this.db = db;
    }

    @Override
    public void started(String run, List<String> sections) {
        db.executeTransactionally(CypherLibrary.query(CypherLibrary.RUN_WRITE_BACK_STARTED),
                java.util.Map.of("run", run, "sections", String.join(",", sections), "now", java.time.OffsetDateTime.now().toString()));
    }

    @Override
    public void finished(String run, int tiles, long learnedEdges) {
        db.executeTransactionally(CypherLibrary.query(CypherLibrary.RUN_WRITE_BACK_FINISHED),
                java.util.Map.of("run", run, "now", java.time.OffsetDateTime.now().toString(), "tiles", tiles, "edges", learnedEdges));
    }

    @Override
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
