// Tiles of a READY section in one split. Params: $section, $split ('train' | 'val' | 'test').
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (t:Tile {section: $section, split: $split})
RETURN t.id AS id, t.section AS section, t.index AS index, t.row AS row, t.col AS col, t.x0 AS x0, t.y0 AS y0, t.sizeUm AS sizeUm,
       t.split AS split, t.nCells AS nCells, t.imageRef AS imageRef
ORDER BY t.row, t.col
