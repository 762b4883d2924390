// The Cypher write path: one batch of NEAR edges, both ends found through the unique Cell.id index.
// Params: $rows [{a, b, d}] (cell node ids and distance in micrometres).
UNWIND $rows AS r
MATCH (a:Cell {id: r.a}), (b:Cell {id: r.b})
CREATE (a)-[:NEAR {distance: r.d}]->(b)
