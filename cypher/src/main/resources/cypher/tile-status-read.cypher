// REST: a tile's section and that section's status (tells 404 from 409). Params: $tileId.
MATCH (t:Tile {id: $tileId})
OPTIONAL MATCH (s:Section {id: t.section})
RETURN t.section AS section, s.status AS status
