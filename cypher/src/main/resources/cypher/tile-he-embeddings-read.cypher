// REST gene prediction: a tile, its section's status, the run whose embeddings it holds and its HE embeddings per
// scale. Params: $tileId.
MATCH (t:Tile {id: $tileId})
OPTIONAL MATCH (s:Section {id: t.section})
RETURN t.section AS section, t.split AS split, s.status AS status, t.embeddingRun AS run,
       t.heMicro AS heMicro, t.heMeso AS heMeso, t.heMacro AS heMacro
