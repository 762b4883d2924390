// One tile's subgraph: the tile, its cells (features, block ids) and the NEAR edges whose two ends lie in the
// tile, as [cellId, cellId, distance]. Only READY sections. Params: $tileId.
MATCH (t:Tile {id: $tileId})
MATCH (s:Section {id: t.section, status: 'READY'})
MATCH (c:Cell {section: t.section, tile: t.index})
WITH t, collect(c) AS cells
UNWIND cells AS c
OPTIONAL MATCH (c)-[r:NEAR]->(d:Cell {section: t.section, tile: t.index})
WITH t, cells, collect(CASE WHEN d IS NULL THEN NULL ELSE [c.cellId, d.cellId, r.distance] END) AS edges
RETURN t {.id, .section, .index, .row, .col, .x0, .y0, .sizeUm, .split, .nCells, .imageRef} AS tile,
       [c IN cells | {cellId: c.cellId, x: c.x, y: c.y, microBlock: c.microBlock, mesoBlock: c.mesoBlock,
        features: c.features, cellType: c.cellType}] AS cells,
       edges
