package org.sigmma.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sigmma.cypher.CypherLibrary;

/** Typed reads of tiles, tile subgraphs and cells in a box, over any {@link GraphAccess}; READY sections only. */
public final class TileRepository {

    private final GraphAccess access;
    private final EmbeddedTileReader embedded;

    public TileRepository(GraphAccess access) {
        this.access = access;
        this.embedded = access instanceof EmbeddedAccess e ? new EmbeddedTileReader(e.db()) : null;
    }

    /** Tiles of a READY section in one split ("train", "val", "test"), in grid order. */
    public List<TileInfo> tiles(String section, String split) {
        return access.read(CypherLibrary.query(CypherLibrary.TILES_BY_SPLIT), Map.of("section", section, "split", split))
                .stream().map(TileRepository::toTile).toList();
    }

    /** One tile's cells and inner NEAR edges, or empty when the tile is unknown or its section not READY. */
    public Optional<TileSubgraph> subgraph(String tileId) {
        return embedded != null ? embedded.read(tileId) : subgraphByCypher(tileId);
    }

    /** The same read through cypher/tile-subgraph-read.cypher (the path for a Neo4j server). */
    public Optional<TileSubgraph> subgraphByCypher(String tileId) {
        List<Map<String, Object>> rows = access.read(CypherLibrary.query(CypherLibrary.TILE_SUBGRAPH), Map.of("tileId", tileId));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        @SuppressWarnings("unchecked")
        TileInfo tile = toTile((Map<String, Object>) row.get("tile"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells = new java.util.ArrayList<>((List<Map<String, Object>>) row.get("cells"));
        cells.sort((a, b) -> TileSubgraphAssembler.CELL_ID_ORDER.compare(Values.asString(a.get("cellId")),
                Values.asString(b.get("cellId"))));
        TileSubgraphAssembler out = new TileSubgraphAssembler(tile, cells.size());
        Map<String, Integer> local = new HashMap<>(cells.size() * 2);
        for (int i = 0; i < cells.size(); i++) {
            Map<String, Object> c = cells.get(i);
            String id = Values.asString(c.get("cellId"));
            out.cell(i, id, c::get);
            local.put(id, i);
        }
        @SuppressWarnings("unchecked")
        List<List<Object>> edges = (List<List<Object>>) row.get("edges");
        for (List<Object> edge : edges) {
            out.edge(local.get(Values.asString(edge.get(0))), local.get(Values.asString(edge.get(1))),
                    Values.asDouble(edge.get(2)));
        }
        return Optional.of(out.build());
    }

    /**
     * Tile-level expression read from the cells' raw counts: per tile, the mean over its cells of log1p(CP10k) of
     * every gene of the panel (CP10k over the cell's gene counts), and the tile's cell ids.
     *
     * @param genes     the section's panel, in count-index order
     * @param meanLog1p per tile index, one value per gene
     * @param cellIds   per tile index, its cells
     */
    public record TileExpression(String[] genes, Map<Integer, double[]> meanLog1p, Map<Integer, List<String>> cellIds) {
    }

    public TileExpression expression(String section, java.util.Collection<Integer> tileIndices) {
        List<Map<String, Object>> s = access.read(CypherLibrary.query(CypherLibrary.SECTION_GENES),
                Map.of("id", section));
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no READY section " + section);
        }
        String[] genes = Values.asStringArray(s.get(0).get("genes"));
        Map<Integer, double[]> sums = new HashMap<>();
        Map<Integer, List<String>> ids = new HashMap<>();
        for (Map<String, Object> r : access.read(CypherLibrary.query(CypherLibrary.TILE_EXPRESSION),
                Map.of("section", section, "tiles", List.copyOf(tileIndices)))) {
            int tile = Values.asInt(r.get("tile"));
            int[] g = Values.asIntArray(r.get("genes"));
            int[] v = Values.asIntArray(r.get("counts"));
            double[] sum = sums.computeIfAbsent(tile, t -> new double[genes.length]);
            ids.computeIfAbsent(tile, t -> new java.util.ArrayList<>()).add(Values.asString(r.get("cellId")));
            long lib = 0;
            for (int c : v) {
                lib += c;
            }
            for (int k = 0; k < g.length && lib > 0; k++) {
                sum[g[k]] += Math.log1p(v[k] * 1e4 / lib);
            }
        }
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            int n = ids.get(e.getKey()).size();
            for (int j = 0; j < genes.length; j++) {
                e.getValue()[j] /= n;
            }
        }
        return new TileExpression(genes, sums, ids);
    }

    /** Cells of a READY section whose centroid lies in the box (micrometres), through the point index. */
    public List<CellPoint> cellsInBox(String section, double xmin, double ymin, double xmax, double ymax, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("section", section);
        p.put("xmin", xmin);
        p.put("ymin", ymin);
        p.put("xmax", xmax);
        p.put("ymax", ymax);
        p.put("limit", limit);
        return access.read(CypherLibrary.query(CypherLibrary.CELLS_IN_BOX), p).stream()
                .map(r -> new CellPoint(Values.asString(r.get("cellId")), Values.asDouble(r.get("x")),
                        Values.asDouble(r.get("y")), Values.asInt(r.get("tile")), Values.asString(r.get("cellType"))))
                .toList();
    }

    static TileInfo toTile(Map<String, Object> r) {
        return new TileInfo(Values.asString(r.get("id")), Values.asString(r.get("section")), Values.asInt(r.get("index")),
                Values.asInt(r.get("row")), Values.asInt(r.get("col")), Values.asDouble(r.get("x0")),
                Values.asDouble(r.get("y0")), Values.asDouble(r.get("sizeUm")), Values.asString(r.get("split")),
                Values.asInt(r.get("nCells")), Values.asString(r.get("imageRef")));
    }

}
