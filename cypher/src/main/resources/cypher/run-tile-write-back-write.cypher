// A run's write-back of one tile over Cypher (CypherEmbeddingWriter, the path over Bolt): the tile's embeddings of
// both modalities per scale, its cells' embeddings, and the run's LEARNED edges inside the tile, replaced. One
// transaction; idempotent. Params: $tile (Tile.id), $run, $tileProps (map), $cells [{id, props}] (props may be
// empty: cells without embeddings), $edges [{a, b, scale, p}] (Cell.id of both ends).
MATCH (t:Tile {id: $tile})
SET t += $tileProps
WITH t
CALL {
  UNWIND $cells AS c
  MATCH (n:Cell {id: c.id})
  SET n += c.props
  WITH n
  OPTIONAL MATCH (n)-[old:LEARNED {run: $run}]->()
  DELETE old
  RETURN count(DISTINCT n) AS cells
}
CALL {
  UNWIND $edges AS e
  MATCH (a:Cell {id: e.a}), (b:Cell {id: e.b})
  CREATE (a)-[:LEARNED {scale: e.scale, probability: e.p, run: $run}]->(b)
  RETURN count(*) AS edges
}
RETURN cells, edges
