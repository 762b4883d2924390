// Analyst example: the densest tiles of a READY section with their split. Params: $section, $limit.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (t:Tile {section: $section})
RETURN t.id AS tile, t.row AS row, t.col AS col, t.nCells AS nCells, t.split AS split
ORDER BY t.nCells DESC, t.id
LIMIT $limit
