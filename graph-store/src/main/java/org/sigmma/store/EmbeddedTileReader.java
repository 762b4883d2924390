package org.sigmma.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The tile-subgraph read of {@code cypher/tile-subgraph-read.cypher} done with the core API for the embedded database:
 * the same result without parsing, planning and row materialisation (the read sits on the training hot path).
 * The Cypher file stays the definition, and the driver path for a server.
 */
final class EmbeddedTileReader {

    private static final Label TILE = Label.label("Tile");
    private static final Label SECTION = Label.label("Section");
    private static final Label CELL = Label.label("Cell");
    private static final RelationshipType NEAR = RelationshipType.withName("NEAR");

    private final GraphDatabaseService db;

    EmbeddedTileReader(GraphDatabaseService db) {
        this.db = db;
    }

    Optional<TileSubgraph> read(String tileId) {
        try (Transaction tx = db.beginTx()) {
            Node tileNode = tx.findNode(TILE, "id", tileId);
            if (tileNode == null) {
                return Optional.empty();
            }
            String section = (String) tileNode.getProperty("section");
            Node sectionNode = tx.findNode(SECTION, "id", section);
            if (sectionNode == null || !"READY".equals(sectionNode.getProperty("status", null))) {
                return Optional.empty();
            }
            Map<String, Object> tp = tileNode.getAllProperties();
            TileInfo tile = TileRepository.toTile(tp);
            List<Node> cells = new ArrayList<>();
            try (ResourceIterator<Node> it = tx.findNodes(CELL, Map.of("section", section, "tile", tile.index()))) {
                it.forEachRemaining(cells::add);
            }
            int n = cells.size();
            String[] ids = new String[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                ids[i] = (String) cells.get(i).getProperty("cellId");
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> TileSubgraphAssembler.CELL_ID_ORDER.compare(ids[a], ids[b]));
            TileSubgraphAssembler out = new TileSubgraphAssembler(tile, n);
            Map<Long, Integer> local = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                Node c = cells.get(order[i]);
                out.cell(i, ids[order[i]], key -> c.getProperty(key, null));
                local.put(c.getId(), i);
            }
            for (int i = 0; i < n; i++) {
                for (Relationship r : cells.get(order[i]).getRelationships(Direction.OUTGOING, NEAR)) {
                    Integer j = local.get(r.getEndNodeId());
                    if (j != null) {
                        out.edge(i, j, ((Number) r.getProperty("distance")).doubleValue());
                    }
                }
            }
            tx.commit();
            return Optional.of(out.build());
        }
    }
}
