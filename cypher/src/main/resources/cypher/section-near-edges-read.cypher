// The NEAR edges of a section as pairs of cell ids (niche features: the graph the aggregation walks). Params: $section.
MATCH (a:Cell {section: $section})-[:NEAR]->(b:Cell)
RETURN a.id AS a, b.id AS b
