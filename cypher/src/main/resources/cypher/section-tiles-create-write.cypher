// The Cypher write path: a section's tiles and its totals, after its cells and edges. Params: $section, $nCells,
// $nEdges, $nTiles, $tiles [{id, section, index, row, col, x0, y0, sizeUm, split, nCells, imageRef (or null)}].
MATCH (s:Section {id: $section})
SET s.nCells = $nCells, s.nEdges = $nEdges, s.nTiles = $nTiles
WITH s
UNWIND $tiles AS t
CREATE (x:Tile)
SET x = t
