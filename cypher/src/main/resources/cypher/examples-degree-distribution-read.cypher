// Analyst example: the degree distribution of the spatial-neighbour graph of a READY section.
// Params: $section.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell {section: $section})
WITH c, COUNT { (c)-[:NEAR]-() } AS degree
RETURN degree, count(*) AS cells
ORDER BY degree
