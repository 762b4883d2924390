// The raw counts of the cells of some tiles of a READY section, for tile-level expression (evaluation).
// Params: $section, $tiles (a list of Tile.index values). Served by the range index on (Cell.section, Cell.tile).
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell {section: $section})
WHERE c.tile IN $tiles
RETURN c.tile AS tile, c.cellId AS cellId, c.countGenes AS genes, c.counts AS counts
