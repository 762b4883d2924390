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
import org.sigmma.schema.Scale;

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
            Arrays.sort(order, (a, b) -> TileRepository.compareIds(ids[a], ids[b]));
            String[] sortedIds = new String[n];
            float[] x = new float[n];
            float[] y = new float[n];
            int[] micro = new int[n];
            int[] meso = new int[n];
            float[][] features = new float[n][];
            String[] types = new String[n];
            Map<Long, Integer> local = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                Node c = cells.get(order[i]);
                sortedIds[i] = ids[order[i]];
                x[i] = (float) ((Number) c.getProperty("x")).doubleValue();
                y[i] = (float) ((Number) c.getProperty("y")).doubleValue();
                micro[i] = ((Number) c.getProperty(Scale.MICRO.blockProperty().orElseThrow())).intValue();
                meso[i] = ((Number) c.getProperty(Scale.MESO.blockProperty().orElseThrow())).intValue();
                features[i] = Values.asFloatArray(c.getProperty("features", null));
                types[i] = (String) c.getProperty("cellType", null);
                local.put(c.getId(), i);
            }
            int[] src = new int[n * 4];
            int[] dst = new int[n * 4];
            float[] dist = new float[n * 4];
            int e = 0;
            for (int i = 0; i < n; i++) {
                Node c = cells.get(order[i]);
                for (Relationship r : c.getRelationships(Direction.OUTGOING, NEAR)) {
                    Integer j = local.get(r.getEndNodeId());
                    if (j == null) {
                        continue;
                    }
                    if (e == src.length) {
                        src = Arrays.copyOf(src, e * 2);
                        dst = Arrays.copyOf(dst, e * 2);
                        dist = Arrays.copyOf(dist, e * 2);
                    }
                    src[e] = i;
                    dst[e] = j;
                    dist[e++] = ((Number) r.getProperty("distance")).floatValue();
                }
            }
            tx.commit();
            TileRepository.sortEdges(src, dst, dist, e);
            return Optional.of(new TileSubgraph(tile, sortedIds, x, y, micro, meso, features, types,
                    Arrays.copyOf(src, e), Arrays.copyOf(dst, e), Arrays.copyOf(dist, e)));
        }
    }
}
