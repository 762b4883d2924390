// REST: one tile's subgraph at a scale: the tile, its cells (block ids, label, clusters), the NEAR edges whose two
// ends lie in the tile (sameMicroBlock marks the edges of the micro graph G_micro), and the LEARNED edges of the
// scale leaving its cells, of run $run, else of the run that embedded the tile, else of any run.
// Only READY sections. Params: $tileId, $scale ('micro' | 'meso' | 'macro'), $run (or null).
MATCH (t:Tile {id: $tileId})
MATCH (:Section {id: t.section, status: 'READY'})
WITH t, coalesce($run, t.embeddingRun) AS run
RETURN t {.id, .section, .index, .row, .col, .x0, .y0, .sizeUm, .split, .nCells, .imageRef, .embeddingRun} AS tile,
       run,
       COLLECT {
         MATCH (c:Cell {section: t.section, tile: t.index})
         RETURN c {.cellId, .x, .y, .microBlock, .mesoBlock, .cellType,
                   .clusterExpression, .clusterMicro, .clusterMeso, .clusterMacro, .clusterNicheMicro, .clusterNicheMeso,
                   .clusterNicheMacro} AS cell
         ORDER BY c.cellId
       } AS cells,
       COLLECT {
         MATCH (c:Cell {section: t.section, tile: t.index})-[r:NEAR]->(d:Cell {section: t.section, tile: t.index})
         RETURN {source: c.cellId, target: d.cellId, distance: r.distance,
                 sameMicroBlock: c.microBlock = d.microBlock} AS edge
         ORDER BY c.cellId, d.cellId
       } AS near,
       COLLECT {
         MATCH (c:Cell {section: t.section, tile: t.index})-[r:LEARNED {scale: $scale}]->(d:Cell)
         WHERE run IS NULL OR r.run = run
         RETURN {source: c.cellId, target: d.cellId, probability: r.probability, run: r.run} AS edge
         ORDER BY c.cellId, d.cellId
       } AS learned
