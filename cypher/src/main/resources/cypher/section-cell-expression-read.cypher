// Microenvironments: every cell of a section with its raw counts and label, in the store's cell order, and the
// section's gene panel, for marker genes and cluster composition. Params: $section.
MATCH (s:Section {id: $section})
MATCH (c:Cell {section: $section})
RETURN c.id AS id, c.countGenes AS g, c.counts AS v, c.cellType AS type, size(s.genes) AS nGenes, s.genes AS genes
