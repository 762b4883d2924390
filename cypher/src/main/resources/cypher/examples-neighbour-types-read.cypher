// Analyst example: which cell types touch which (NEAR edges) in a READY section, as pair counts.
// Params: $section.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (a:Cell {section: $section})-[:NEAR]-(b:Cell)
WHERE a.cellType IS NOT NULL AND b.cellType IS NOT NULL AND a.cellType <= b.cellType
RETURN a.cellType AS typeA, b.cellType AS typeB, count(*) / CASE WHEN a.cellType = b.cellType THEN 2 ELSE 1 END AS pairs
ORDER BY pairs DESC, typeA, typeB
