// One tile's subgraph: the tile, its cells (features, block ids) and the NEAR edges whose two ends lie in the
// tile, as [cellId, cellId, distance]. Only READY sections. Params: $tileId.
// The edges are collected in a subquery, with no grouping key: collected beside the cells list (WITH t, cells,
// collect(...)) the aggregation grouped every edge row by that list, hashing and comparing a list of all the tile's
// cells per row (a server read of a 160-cell tile 6.1 -> 3.9 ms median, bench/results/tile-subgraph-query-ab.txt).
MATCH (t:Tile {id: $tileId})
MATCH (s:Section {id: t.section, status: 'READY'})
MATCH (c:Cell {section: t.section, tile: t.index})
WITH t, collect(c) AS cells
CALL (t, cells) {
  UNWIND cells AS c
  MATCH (c)-[r:NEAR]->(d:Cell)
  WHERE d.tile = t.index AND d.section = t.section
  RETURN collect([c.cellId, d.cellId, r.distance]) AS edges
}
RETURN t {.id, .section, .index, .row, .col, .x0, .y0, .sizeUm, .split, .nCells, .imageRef} AS tile,
       [c IN cells | {cellId: c.cellId, x: c.x, y: c.y, microBlock: c.microBlock, mesoBlock: c.mesoBlock,
        features: c.features, cellType: c.cellType}] AS cells,
       edges
