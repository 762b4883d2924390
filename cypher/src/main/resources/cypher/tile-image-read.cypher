// REST: a tile's H&E image file (relative to the data directory, null when its section has no image), its section and
// that section's status. Params: $tileId.
MATCH (t:Tile {id: $tileId})
OPTIONAL MATCH (s:Section {id: t.section})
RETURN t.section AS section, s.status AS status, t.imageRef AS imageRef
