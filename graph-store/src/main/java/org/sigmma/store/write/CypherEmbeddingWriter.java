package org.sigmma.store.write;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.Scale;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Values;

/**
 * {@link EmbeddingWriter} over any {@link GraphAccess}: one {@code run-tile-write-back-write} transaction per tile,
 * the path of a write-back to a Neo4j server over Bolt. The graph it leaves equals {@link EmbeddedEmbeddingWriter}'s,
 * except that Bolt has no 32-bit float, so the server stores the embeddings as 64-bit float arrays.
 */
public final class CypherEmbeddingWriter implements EmbeddingWriter {

    private final GraphAccess access;

    public CypherEmbeddingWriter(GraphAccess access) {
        this.access = access;
    }

    @Override
    public void started(String run, List<String> sections) {
        access.write(CypherLibrary.query(CypherLibrary.RUN_WRITE_BACK_STARTED),
                Map.of("run", run, "sections", String.join(",", sections), "now", OffsetDateTime.now().toString()));
    }

    @Override
    public void finished(String run, int tiles, long learnedEdges) {
        access.write(CypherLibrary.query(CypherLibrary.RUN_WRITE_BACK_FINISHED),
                Map.of("run", run, "now", OffsetDateTime.now().toString(), "tiles", tiles, "edges", learnedEdges));
    }

    @Override
    public void writeTile(String section, String tileId, String run, float[][] he, float[][] st, String[] cellIds,
                          float[][] cellEmbeddings, int dim, List<Learned> edges) {
        Map<String, Object> tileProps = new HashMap<>();
        for (Scale s : Scale.values()) {
            tileProps.put(s.heEmbeddingProperty(), he[s.ordinal()]);
            tileProps.put(s.stEmbeddingProperty(), st[s.ordinal()]);
        }
        tileProps.put("embeddingRun", run);
        Map<String, Integer> inTile = new HashMap<>();
        List<Map<String, Object>> cells = new ArrayList<>(cellIds.length);
        for (int i = 0; i < cellIds.length; i++) {
            inTile.put(cellIds[i], i);
            Map<String, Object> props = new HashMap<>();
            if (cellEmbeddings != null) {
                for (Scale s : Scale.values()) {
                    props.put(s.cellEmbeddingProperty(),
                            Arrays.copyOfRange(cellEmbeddings[s.ordinal()], i * dim, (i + 1) * dim));
                }
                props.put("embeddingRun", run);
            }
            cells.add(Map.of("id", section + ":" + cellIds[i], "props", props));
        }
        List<Map<String, Object>> rows = new ArrayList<>(edges.size());
        for (Learned e : edges) {
            if (!inTile.containsKey(e.fromCellId()) || !inTile.containsKey(e.toCellId())) {
                throw new IllegalArgumentException("learned edge " + e + " leaves tile " + tileId);
            }
            rows.add(Map.of("a", section + ":" + e.fromCellId(), "b", section + ":" + e.toCellId(),
                    "scale", e.scale(), "p", e.probability()));
        }
        List<Map<String, Object>> out = access.write(CypherLibrary.query(CypherLibrary.RUN_TILE_WRITE_BACK),
                Map.of("tile", tileId, "run", run, "tileProps", tileProps, "cells", cells, "edges", rows));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no tile " + tileId);
        }
        long written = Values.asLong(out.get(0).get("cells"));
        if (written != cellIds.length) {
            // the run stays WRITING, so the next start undoes what this write-back wrote
            throw new IllegalArgumentException("tile " + tileId + ": " + (cellIds.length - written) + " of "
                    + cellIds.length + " cells are not in section " + section);
        }
    }
}
