// REST retrieval: the query tile, its section's status, its run and its embedding $property
// (heMicro .. stMacro). Params: $tileId, $property.
MATCH (t:Tile {id: $tileId})
OPTIONAL MATCH (s:Section {id: t.section})
RETURN t.section AS section, s.status AS status, t.embeddingRun AS run, t[$property] AS embedding
